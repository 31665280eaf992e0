// A small window hook for end-to-end tests and the lead's benchmark.
interface MiranteHook {
  /** ms from the first `batch` event's arrival to its rows painted in the grid. */
  lastPaintMs: number | null;
  paints: number[];
  markers(): { line: number; column: number; message: string }[];
  /** Rows the grid knows of (its infinite model's row count). */
  gridRowCount(): number;
  /** Scrolls the grid so the row at `index` shows. */
  scrollGridTo(index: number): void;
}

declare global {
  interface Window {
    __mirante?: MiranteHook;
  }
}

export function testHook(): MiranteHook {
  window.__mirante ??= { lastPaintMs: null, paints: [], markers: () => [], gridRowCount: () => 0, scrollGridTo: () => undefined };
  return window.__mirante;
}

export function recordPaint(arrivedAt: number): void {
  if (!arrivedAt) return;
  const hook = testHook();
  hook.lastPaintMs = performance.now() - arrivedAt;
  hook.paints.push(hook.lastPaintMs);
}
