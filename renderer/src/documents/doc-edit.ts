// The renderer's view of notebook editing: the core's edits (main/core/documents/edit.ts, which
// keep untouched cells' bytes) plus the few helpers the notebook screen needs.
import { stringify } from 'yaml';
import { staleCells } from '../../../main/core/documents/compile.ts';
import {
  chartSpecOf,
  deleteCell,
  duplicateCell,
  insertCell as insertCoreCell,
  moveCell,
  setCellName,
  updateCellSource,
  type NewCell,
} from '../../../main/core/documents/edit.ts';
import { parseDocument } from '../../../main/core/documents/parse.ts';
import { serializeDocument } from '../../../main/core/documents/serialize.ts';
import { CELL_NAME } from '../../../main/core/documents/types.ts';
import type { Cell, ChartSpec, NotebookDocument, SqlCell } from '../../../main/core/documents/types.ts';

export type { Cell, ChartCell, ChartSpec, MarkdownCell, NotebookDocument, ParamSpec, SqlCell } from '../../../main/core/documents/types.ts';
export type { NewCell };
export { chartSpecOf, deleteCell, duplicateCell, moveCell, serializeDocument, staleCells };
export const updateSource = updateCellSource;
export const setName = setCellName;

export function readDocument(text: string, path: string): NotebookDocument {
  return parseDocument(text, path, { tolerant: true });
}

export function isCellName(name: string): boolean {
  return CELL_NAME.test(name);
}

/** A chart spec as the YAML body of its cell: one key per line, flow style inside. */
export function chartSource(spec: ChartSpec): string {
  const lines = Object.entries(spec)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}: ${stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd()}`);
  return lines.join('\n');
}

/** Inserts a cell and gives its id, so the screen can focus it. */
export function insertCell(doc: NotebookDocument, index: number, init: NewCell): { doc: NotebookDocument; id: string } {
  const next = insertCoreCell(doc, index, init);
  const at = Math.max(0, Math.min(index, doc.cells.length));
  return { doc: next, id: (next.cells[at] as Cell).id };
}

export function freeName(doc: NotebookDocument, base: string): string {
  const taken = new Set(doc.cells.map((c) => (c.kind === 'sql' ? c.name : null)));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function sqlCellsOf(doc: NotebookDocument): SqlCell[] {
  return doc.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
}

/**
 * What to send to runCell for a cell: its name, or for an unnamed cell a temporary name in a
 * copy of the text (cell ids are not stable across parses; the line count does not change,
 * so error lines still point into the file).
 */
export function runTarget(doc: NotebookDocument, cellId: string): { text: string; cell: string } {
  const index = doc.cells.findIndex((cell) => cell.id === cellId);
  const cell = doc.cells[index];
  if (!cell) throw new Error(`unknown cell ${cellId}`);
  if (cell.kind === 'sql' && cell.name) return { text: serializeDocument(doc), cell: cell.name };
  const name = freeName(doc, `_celula_${index + 1}`);
  return { text: serializeDocument(setCellName(doc, cellId, name)), cell: name };
}
