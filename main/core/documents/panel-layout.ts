// What a panel shows of a notebook: helper cells that only feed later cells stay out of sight
// (and are not run on their own). Shared by the panel screen and the panel benchmark.
import { compileCell } from './compile.ts';
import type { NotebookDocument, SqlCell } from './types.ts';

export interface PanelLayout {
  /** SQL cells shown (and run) in the panel, in document order: helper cells before the first output are not. */
  shown: SqlCell[];
  /** Names drawn by a chart cell. */
  charted: Set<string>;
}

export function panelLayout(doc: NotebookDocument): PanelLayout {
  const charted = new Set(doc.cells.flatMap((cell) => (cell.kind === 'chart' ? [cell.target] : [])));
  const used = new Set<string>();
  for (const cell of doc.cells) {
    if (cell.kind !== 'sql') continue;
    try {
      for (const name of compileCell(doc, cell).dependencies) used.add(name);
    } catch {
      // A cell that does not compile still shows (its error is what the reader needs).
    }
  }
  // Helper cells are the ones that only feed later cells and come before the first cell that
  // is shown for itself (a result nothing else uses, or a charted one); later cells all show.
  const sql = doc.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
  const isOutput = (cell: SqlCell) => !cell.name || !used.has(cell.name) || charted.has(cell.name);
  const firstOutput = sql.findIndex(isOutput);
  const shown = sql.filter((cell, index) => firstOutput < 0 || index >= firstOutput || isOutput(cell));
  return { shown, charted };
}

/** The newest snapshot before `current`: what a panel compares with unless told otherwise. */
export function previousSnapshotOf(dates: readonly string[], current: string): string | null {
  return [...dates].sort().filter((date) => date < current).at(-1) ?? null;
}

/**
 * The parameter value a panel's "Comparar com" control gives (front matter `comparacao:`): the
 * date of the snapshot compared with, null for none. The panel screen and the preparation of
 * panels (queries/panel-preparation.ts) bind it the same way, so a prepared cell is the one
 * the screen asks for.
 */
export function comparisonParams(doc: NotebookDocument, compareWith: string | null): Record<string, string | null> {
  const name = doc.frontMatter?.comparison;
  return name === undefined ? {} : { [name]: compareWith };
}
