// Errors DuckDB reports on compiled SQL point into the compiled text; the user needs the
// line in their file. The compiled text is the cells' sources with generated text between
// (the WITH prelude), so a position maps back through the spans copied from each cell.
import { WorkbenchError } from '../api/index.ts';
import type { CompiledCell } from './compile.ts';
import { cellSourceLine } from './serialize.ts';
import type { NotebookDocument } from './types.ts';

export interface DocumentPosition {
  cellId: string;
  /** 1-based line and column inside the cell's source. */
  cellLine: number;
  column: number;
  /** 1-based line in the file. */
  line: number;
}

function indexOfLineColumn(text: string, line: number, column: number): number {
  let index = 0;
  for (let current = 1; current < line; current += 1) {
    const newline = text.indexOf('\n', index);
    if (newline < 0) return text.length;
    index = newline + 1;
  }
  return Math.min(index + Math.max(column - 1, 0), text.length);
}

function lineColumnIn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Where a 1-based line/column of the compiled SQL is in the document (null in generated text). */
export function mapCompiledPosition(
  doc: NotebookDocument,
  compiled: CompiledCell,
  line: number,
  column: number,
): DocumentPosition | null {
  const index = indexOfLineColumn(compiled.sql, line, column);
  // A position just past a span (DuckDB points at the end of the text) still belongs to it.
  const span =
    compiled.spans.find((s) => index >= s.compiledStart && index < s.compiledStart + s.length) ??
    compiled.spans.find((s) => index === s.compiledStart + s.length);
  if (!span) return null;
  const cell = doc.cells.find((c) => c.id === span.cellId);
  if (!cell) return null;
  const inCell = lineColumnIn(cell.source, span.sourceStart + index - span.compiledStart);
  return { cellId: cell.id, cellLine: inCell.line, column: inCell.column, line: cellSourceLine(doc, cell.id) + inCell.line - 1 };
}

/** The same error, located in the file instead of the compiled SQL, and naming the cell. */
export function relocateError(doc: NotebookDocument, compiled: CompiledCell, error: unknown): unknown {
  if (!(error instanceof WorkbenchError)) return error;
  const cellName = (id: string): string => {
    const cell = doc.cells.find((c) => c.id === id);
    return cell?.kind === 'sql' && cell.name ? `célula "${cell.name}"` : 'célula sem nome';
  };
  const { line, column } = error.detail;
  const position = line !== undefined ? mapCompiledPosition(doc, compiled, line, column ?? 1) : null;
  const where = position ? cellName(position.cellId) : cellName(compiled.cellId);
  const detail = { ...error.detail, message: `${where}: ${error.detail.message}` };
  delete detail.line;
  delete detail.column;
  // Without a position, the first line of the cell that ran is still the best place to look.
  Object.assign(detail, position ? { line: position.line, column: position.column } : { line: cellSourceLine(doc, compiled.cellId), column: 1 });
  const relocated = new WorkbenchError(detail);
  relocated.stack = error.stack;
  return relocated;
}
