/** Median of `runs` timed calls after `warmup` untimed ones: one noisy run should not decide a ratio. */
export async function medianMs(fn: () => Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function printCase(name: string, fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ case: name, ...fields })}\n`);
}
