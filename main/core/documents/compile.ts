// Named cells without state on a connection: a cell's SQL is prefixed by a WITH clause of
// the named cells it references (transitively), in document order, so the compiled text is
// one SELECT that the engine's allow-list accepts and that binds parameters by name as usual.
// Only cells ABOVE a cell can be referenced; anything else is a DocumentError.
import { cellLine } from './serialize.ts';
import { analyzeSql, type SqlAnalysis } from './sql-analysis.ts';
import { DocumentError } from './types.ts';
import type { Cell, NotebookDocument, SqlCell } from './types.ts';

/** A run of compiled text copied from a cell's source (everything else is generated). */
export interface SourceSpan {
  compiledStart: number;
  sourceStart: number;
  length: number;
  cellId: string;
}

export interface CompiledCell {
  sql: string;
  /** Names of the cells in the WITH prelude, in order. */
  dependencies: string[];
  spans: SourceSpan[];
  cellId: string;
}

const analyses = new WeakMap<Cell, SqlAnalysis>();

/** Cells are replaced, never mutated, by edits: caching per cell object is safe. */
export function analysisOf(cell: SqlCell): SqlAnalysis {
  let analysis = analyses.get(cell);
  if (!analysis) {
    analysis = analyzeSql(cell.source);
    analyses.set(cell, analysis);
  }
  return analysis;
}

export function sqlCells(doc: NotebookDocument): SqlCell[] {
  return doc.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
}

/** A SQL cell by name, or by id. */
export function findSqlCell(doc: NotebookDocument, nameOrId: string): SqlCell | undefined {
  return sqlCells(doc).find((cell) => cell.name === nameOrId) ?? sqlCells(doc).find((cell) => cell.id === nameOrId);
}

function label(cell: SqlCell): string {
  return cell.name ? `"${cell.name}"` : 'sem nome';
}

/** Named cells a cell references directly; strict: a later cell or itself is an error. */
function directDependencies(doc: NotebookDocument, cell: SqlCell, strict: boolean): SqlCell[] {
  const index = doc.cells.indexOf(cell);
  const dependencies: SqlCell[] = [];
  for (const name of analysisOf(cell).references) {
    const target = doc.cells.findIndex((c) => c.kind === 'sql' && c.name === name);
    if (target < 0) continue; // a registry table (or an unknown name DuckDB will report)
    if (target < index) {
      dependencies.push(doc.cells[target] as SqlCell);
      continue;
    }
    if (!strict) continue;
    const line = cellLine(doc, cell.id);
    if (target === index) {
      throw new DocumentError(`a célula ${label(cell)} (linha ${line}) consulta a si mesma: referência circular`, { line, code: 'binder' });
    }
    throw new DocumentError(
      `a célula ${label(cell)} (linha ${line}) usa "${name}", que está definida abaixo (linha ${cellLine(doc, doc.cells[target]?.id ?? '')}): só células acima podem ser usadas`,
      { line, code: 'binder' },
    );
  }
  return dependencies;
}

function allDependencies(doc: NotebookDocument, cell: SqlCell): SqlCell[] {
  const found = new Set<SqlCell>();
  const visiting = new Set<SqlCell>();
  const visit = (current: SqlCell): void => {
    if (visiting.has(current)) {
      const line = cellLine(doc, current.id);
      throw new DocumentError(`referência circular entre células a partir de ${label(current)} (linha ${line})`, { line, code: 'binder' });
    }
    visiting.add(current);
    for (const dependency of directDependencies(doc, current, true)) {
      visit(dependency);
      found.add(dependency);
    }
    visiting.delete(current);
  };
  visit(cell);
  // Document order is a dependency order: every cell references only cells above it.
  return doc.cells.filter((c): c is SqlCell => c.kind === 'sql' && found.has(c));
}

class Builder {
  sql = '';
  readonly spans: SourceSpan[] = [];
  text(text: string): void {
    this.sql += text;
  }
  copy(cell: SqlCell, start: number, end: number): void {
    if (end > start) this.spans.push({ compiledStart: this.sql.length, sourceStart: start, length: end - start, cellId: cell.id });
    this.sql += cell.source.slice(start, end);
  }
}

function singleStatement(doc: NotebookDocument, cell: SqlCell, why: string): SqlAnalysis {
  const analysis = analysisOf(cell);
  const line = cellLine(doc, cell.id);
  if (analysis.empty) throw new DocumentError(`a célula ${label(cell)} (linha ${line}) está vazia ${why}`, { line, code: 'binder' });
  if (analysis.multipleStatements) {
    throw new DocumentError(`a célula ${label(cell)} (linha ${line}) tem mais de uma instrução SQL ${why}: deixe uma só`, { line, code: 'binder' });
  }
  return analysis;
}

/** The cell's SQL with the WITH prelude of the named cells it uses. */
export function compileCell(doc: NotebookDocument, cellOrName: SqlCell | string): CompiledCell {
  const cell = typeof cellOrName === 'string' ? findSqlCell(doc, cellOrName) : cellOrName;
  if (!cell || !doc.cells.includes(cell)) throw new DocumentError(`célula SQL desconhecida: ${String(typeof cellOrName === 'string' ? cellOrName : cellOrName.id)}`, { code: 'not_found' });
  const dependencies = allDependencies(doc, cell);
  const out = new Builder();
  if (dependencies.length === 0) {
    out.copy(cell, 0, cell.source.length);
    return { sql: out.sql, dependencies: [], spans: out.spans, cellId: cell.id };
  }
  const own = singleStatement(doc, cell, 'e usa outras células');
  const prelude = (): void => {
    dependencies.forEach((dependency, i) => {
      const analysis = singleStatement(doc, dependency, `e é usada pela célula ${label(cell)}`);
      out.text(`${i > 0 ? ',\n' : ''}"${dependency.name ?? ''}" AS (\n`);
      out.copy(dependency, 0, analysis.end);
      out.text('\n)');
    });
  };
  if (own.withEnd !== null) {
    // `WITH [RECURSIVE]` of the cell itself, then ours, then the cell's own CTEs.
    out.copy(cell, 0, own.withEnd);
    out.text(' ');
    prelude();
    out.text(',');
  } else {
    // A recursive dependency keeps its WITH RECURSIVE inside its own parentheses.
    out.text('WITH ');
    prelude();
    out.text('\n');
  }
  out.copy(cell, own.withEnd ?? 0, own.end);
  return { sql: out.sql, dependencies: dependencies.map((d) => d.name ?? ''), spans: out.spans, cellId: cell.id };
}

/** Ids of the SQL cells that depend, directly or not, on a changed cell: they need to run again. */
export function staleCells(doc: NotebookDocument, changedCellId: string): string[] {
  const changed = doc.cells.find((c) => c.id === changedCellId);
  if (!changed || changed.kind !== 'sql' || changed.name === null) return [];
  const stale = new Set<SqlCell>([changed]);
  for (const cell of sqlCells(doc)) {
    if (cell === changed) continue;
    if (directDependencies(doc, cell, false).some((d) => stale.has(d))) stale.add(cell);
  }
  stale.delete(changed);
  return sqlCells(doc).filter((c) => stale.has(c)).map((c) => c.id);
}
