// Building cells from text spans, and giving an edited cell its text back: an untouched
// cell keeps its spans verbatim, an edited one writes `source` with the document's line end.
import type { Cell, Fence } from './types.ts';

let idCounter = 0;
/** Ids unique in the process: a cell keeps its id across edits, copies get new ones. */
export function newCellId(): string {
  idCounter += 1;
  return `cell-${idCounter}`;
}

export function normalizeEol(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

export function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}

/** The source an editor shows for a fenced body: `\n` ends, without the last line end. */
export function fencedSource(body: string): string {
  return normalizeEol(body).replace(/\n$/, '');
}

export function fencedBody(source: string, eol: string): string {
  return source === '' ? '' : withEol(source, eol) + eol;
}

export function fenceText(fence: Fence): string {
  return fence.char.repeat(fence.length);
}

/** A fence long enough that no line of the source closes it early. */
export function fenceFor(source: string, current: Fence | null): Fence {
  const fence: Fence = current ?? { char: '`', length: 3 };
  let length = fence.length;
  for (const line of source.split('\n')) {
    const run = /^ {0,3}([`~]+)/.exec(line)?.[1];
    if (run && run[0] === fence.char && run.length >= length) length = run.length + 1;
  }
  return { char: fence.char, length };
}

export function openLine(fence: Fence, info: string, eol: string): string {
  return `${fenceText(fence)}${info}${eol}`;
}

/** The info string of a cell's opening fence. */
export function infoOf(cell: Cell): string {
  if (cell.kind === 'sql') return cell.name ? `sql ${cell.name}` : 'sql';
  if (cell.kind === 'chart') return `chart ${cell.target}`;
  return '';
}

/** The cell with its spans rewritten from `source` (and name/target), as an edit needs. */
export function rewriteCell<T extends Cell>(cell: T, eol: string): T {
  if (cell.fence === null) {
    return { ...cell, body: withEol(cell.source, eol) };
  }
  const fence = fenceFor(cell.source, cell.fence);
  // The old closing line told us whether the file ended right after it.
  const closeEol = cell.close === '' || /\r?\n$/.test(cell.close) ? eol : '';
  return {
    ...cell,
    fence,
    open: openLine(fence, infoOf(cell), eol),
    body: fencedBody(cell.source, eol),
    close: fenceText(fence) + closeEol,
  };
}

export function cellText(cell: Cell): string {
  return cell.before + cell.open + cell.body + cell.close;
}
