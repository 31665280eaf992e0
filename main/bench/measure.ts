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

/**
 * Medians of two contenders timed in alternation (a, b, a, b, ...), so a burst of load on a
 * noisy machine hits both sides alike.
 */
export async function compareMedians(
  contenders: readonly (() => Promise<unknown>)[],
  runs = 7,
  warmup = 2,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) for (const fn of contenders) await fn();
  const times = contenders.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [index, fn] of contenders.entries()) {
      const start = performance.now();
      await fn();
      times[index]?.push(performance.now() - start);
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)] as number;
  });
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Every case printed in this run, by name, for the goal summary (goals.ts). */
export const printedCases = new Map<string, Record<string, unknown>>();

export function printCase(name: string, fields: Record<string, unknown>): void {
  printedCases.set(name, fields);
  process.stdout.write(`${JSON.stringify({ case: name, ...fields })}\n`);
}
