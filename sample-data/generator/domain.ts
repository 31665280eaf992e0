// What each domain module of the generator provides.
import type { GenParams } from './params.ts';

/** One output table: a SELECT over the world tables as of a reference date. */
export interface SnapshotTable {
  name: string;
  /** A total order on the output rows (so files are byte-identical across runs). */
  orderBy: string;
  /** `ref` is a SQL DATE literal, e.g. `DATE '2026-09-30'`. */
  select: (ref: string) => string;
}

export interface Domain {
  /** A short label for progress reports. */
  label: string;
  /** Statements that build the domain's world tables (everything up to the final date). */
  world: (p: GenParams) => string[];
  tables: SnapshotTable[];
}

/** Maps uniform slots [0, n) to choice indexes by weight: `list[1 + floor(u * n)]` in SQL. */
export function slotList(weights: readonly number[], n = 1000): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const slots: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    const index = cumulative.findIndex((c) => u < c);
    slots.push(index === -1 ? weights.length - 1 : index);
  }
  return slots;
}

export const sqlDate = (iso: string): string => `DATE '${iso}'`;
