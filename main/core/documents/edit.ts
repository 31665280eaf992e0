// Edits return a new document; untouched cells keep their text spans (and so their bytes),
// the edited cell is rewritten from its source. Problems are recomputed after each edit.
import { cellText, newCellId, normalizeEol, rewriteCell } from './cells.ts';
import { setYamlValue } from './front-matter-edit.ts';
import { readFrontMatter } from './front-matter.ts';
import { titleFromFileName } from './parse.ts';
import { cellLine } from './serialize.ts';
import { parseDocument as parseYaml } from 'yaml';
import { CELL_NAME, DocumentError } from './types.ts';
import type { Cell, ChartSpec, KpiDirection, KpiFormat, NotebookDocument, ParamSpec } from './types.ts';
import { checkDocument } from './validate.ts';

export type NewCell =
  | { kind: 'sql'; name?: string | null; source?: string }
  | { kind: 'chart'; target: string; source?: string }
  | { kind: 'markdown'; source?: string };

function revalidated(doc: NotebookDocument): NotebookDocument {
  const next = { ...doc };
  const frontProblems = doc.frontMatter ? readFrontMatter(doc.frontMatter, 2).problems : [];
  next.problems = [...frontProblems, ...checkDocument(next, (cell) => cellLine(next, cell.id))].sort((a, b) => a.line - b.line);
  return next;
}

function indexOf(doc: NotebookDocument, cellId: string): number {
  const index = doc.cells.findIndex((cell) => cell.id === cellId);
  if (index < 0) throw new DocumentError(`célula desconhecida: ${cellId}`, { code: 'not_found' });
  return index;
}

/** The chart spec of a chart cell's YAML body, or null when it is not a mapping. */
export function chartSpecOf(source: string): ChartSpec | null {
  const parsed = parseYaml(source);
  const value: unknown = parsed.errors.length === 0 ? parsed.toJS() : null;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ChartSpec) : null;
}

function checkName(name: string | null | undefined): void {
  if (name && !CELL_NAME.test(name)) {
    throw new DocumentError(`nome de célula inválido "${name}": use letras minúsculas, dígitos e _ (começando por letra ou _)`);
  }
}

function replaceCell(doc: NotebookDocument, index: number, cell: Cell): NotebookDocument {
  const cells = [...doc.cells];
  cells[index] = rewriteCell(cell, doc.eol);
  return revalidated({ ...doc, cells });
}

export function updateCellSource(doc: NotebookDocument, cellId: string, source: string): NotebookDocument {
  const index = indexOf(doc, cellId);
  const cell = doc.cells[index] as Cell;
  const normalized = normalizeEol(source);
  if (normalized === cell.source) return doc;
  const edited: Cell = cell.kind === 'chart' ? { ...cell, source: normalized, spec: chartSpecOf(normalized) } : { ...cell, source: normalized };
  return replaceCell(doc, index, edited);
}

/** Renames a SQL cell (null removes its name) or retargets a chart. */
export function setCellName(doc: NotebookDocument, cellId: string, name: string | null): NotebookDocument {
  const index = indexOf(doc, cellId);
  const cell = doc.cells[index] as Cell;
  if (cell.kind === 'sql') {
    checkName(name);
    if (doc.kind === 'sql') throw new DocumentError('a célula de um arquivo .sql não tem nome');
    return cell.name === name ? doc : replaceCell(doc, index, { ...cell, name });
  }
  if (cell.kind === 'chart' && name) return cell.target === name ? doc : replaceCell(doc, index, { ...cell, target: name });
  throw new DocumentError('só células SQL e gráficos têm nome');
}

function blankLineBefore(doc: NotebookDocument, index: number): string {
  const previous = doc.cells[index - 1];
  const endsWithNewline = previous === undefined ? true : /\n$/.test(cellText(previous));
  return (endsWithNewline ? '' : doc.eol) + (index === 0 && !doc.frontMatter ? '' : doc.eol);
}

export function insertCell(doc: NotebookDocument, index: number, init: NewCell): NotebookDocument {
  if (doc.kind === 'sql') throw new DocumentError('um arquivo .sql tem uma única célula: abra-o como notebook para acrescentar células');
  const at = Math.max(0, Math.min(index, doc.cells.length));
  const source = normalizeEol(init.source ?? '');
  const common = { id: newCellId(), before: blankLineBefore(doc, at), open: '', body: '', close: '', source };
  let cell: Cell;
  if (init.kind === 'sql') {
    checkName(init.name);
    cell = { ...common, kind: 'sql', name: init.name ?? null, fence: { char: '`', length: 3 } };
  } else if (init.kind === 'chart') {
    checkName(init.target);
    cell = { ...common, kind: 'chart', target: init.target, spec: chartSpecOf(source), fence: { char: '`', length: 3 } };
  } else {
    cell = { ...common, kind: 'markdown', fence: null, close: doc.eol };
  }
  const cells = [...doc.cells];
  cells.splice(at, 0, rewriteCell(cell, doc.eol));
  return revalidated({ ...doc, cells });
}

export function deleteCell(doc: NotebookDocument, cellId: string): NotebookDocument {
  indexOf(doc, cellId);
  if (doc.kind === 'sql') throw new DocumentError('um arquivo .sql precisa da sua única célula');
  return revalidated({ ...doc, cells: doc.cells.filter((cell) => cell.id !== cellId) });
}

export function moveCell(doc: NotebookDocument, cellId: string, toIndex: number): NotebookDocument {
  const from = indexOf(doc, cellId);
  const cells = [...doc.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(Math.max(0, Math.min(toIndex, cells.length)), 0, cell as Cell);
  return revalidated({ ...doc, cells });
}

function freeName(doc: NotebookDocument, base: string): string {
  const taken = new Set(doc.cells.map((c) => (c.kind === 'sql' ? c.name : null)));
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A copy right after the cell; a named SQL cell's copy gets a free name (`nome_2`). */
export function duplicateCell(doc: NotebookDocument, cellId: string): NotebookDocument {
  const index = indexOf(doc, cellId);
  const cell = doc.cells[index] as Cell;
  if (cell.kind === 'sql') return insertCell(doc, index + 1, { kind: 'sql', name: cell.name ? freeName(doc, cell.name) : null, source: cell.source });
  if (cell.kind === 'chart') return insertCell(doc, index + 1, { kind: 'chart', target: cell.target, source: cell.source });
  return insertCell(doc, index + 1, { kind: 'markdown', source: cell.source });
}

/** Sets (or, with undefined, removes) a front-matter value; other YAML text stays as it was. A new top-level key goes after `after` when given. */
export function setFrontMatterValue(doc: NotebookDocument, path: string[], value: unknown, after?: string): NotebookDocument {
  if (doc.kind === 'sql') throw new DocumentError('um arquivo .sql não tem cabeçalho YAML');
  const current = doc.frontMatter ?? { open: `---${doc.eol}`, yaml: '', close: `---${doc.eol}`, data: {}, params: [], kpis: {}, kpiFormats: {} };
  const yaml = setYamlValue(current.yaml, path, value, doc.eol, after);
  const { frontMatter } = readFrontMatter({ open: current.open, yaml, close: current.close }, 2);
  const title = typeof frontMatter.data.title === 'string' ? frontMatter.data.title : titleFromFileName(doc.fileName);
  return revalidated({ ...doc, frontMatter, title });
}

/** Sets a parameter spec (undefined removes it). Fields left undefined are not written. */
export function setFrontMatterParam(doc: NotebookDocument, name: string, spec: Omit<ParamSpec, 'name'> | undefined): NotebookDocument {
  if (spec === undefined) return setFrontMatterValue(doc, ['params', name], undefined);
  const { type, label, options, default: value, required } = spec;
  const written: Record<string, unknown> = { type };
  if (label !== undefined) written.label = label;
  if (options !== undefined) written.options = options;
  if (value !== undefined) written.default = typeof value === 'object' && !Array.isArray(value) ? [value.inicio, value.fim] : value;
  if (required) written.required = true;
  const hasParams = doc.frontMatter?.data.params !== undefined && doc.frontMatter.data.params !== null;
  return hasParams ? setFrontMatterValue(doc, ['params', name], written) : setFrontMatterValue(doc, ['params'], { [name]: written });
}

/**
 * Sets how a KPI column reads (which way is better, how its number is written); with neither,
 * removes it. Direction alone keeps the short form (`na_fila: menor`).
 */
export function setFrontMatterKpi(doc: NotebookDocument, column: string, options: { direction?: KpiDirection; format?: KpiFormat }): NotebookDocument {
  if (!CELL_NAME.test(column)) throw new DocumentError(`nome de coluna inválido "${column}": use letras minúsculas, dígitos e _`);
  const { direction, format } = options;
  const written = format === undefined ? direction : { ...(direction ? { melhor: direction } : {}), formato: format };
  const kpis = doc.frontMatter?.data.kpis;
  const hasKpis = kpis !== undefined && kpis !== null;
  if (written === undefined) return hasKpis ? setFrontMatterValue(doc, ['kpis', column], undefined) : doc;
  return hasKpis ? setFrontMatterValue(doc, ['kpis', column], written) : setFrontMatterValue(doc, ['kpis'], { [column]: written });
}
