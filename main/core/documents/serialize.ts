// NotebookDocument → text: the spans concatenated. Untouched spans are the bytes read.
import { cellText } from './cells.ts';
import type { NotebookDocument } from './types.ts';

function frontMatterText(doc: NotebookDocument): string {
  const fm = doc.frontMatter;
  return fm ? fm.open + fm.yaml + fm.close : '';
}

export function serializeDocument(doc: NotebookDocument): string {
  let text = frontMatterText(doc);
  const append = (next: string): void => {
    // Only an edit gets here (a cell moved away from the end of a file without a final newline).
    if (next !== '' && text !== '' && !text.endsWith('\n') && !/^\r?\n/.test(next)) text += doc.eol;
    text += next;
  };
  for (const cell of doc.cells) append(cellText(cell));
  append(doc.tail);
  return doc.bom + text;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) count += 1;
  return count;
}

/** 1-based line of a cell's first line (its opening fence, or the first line of Markdown text). */
export function cellLine(doc: NotebookDocument, cellId: string): number {
  let lines = 1 + countLines(frontMatterText(doc));
  for (const cell of doc.cells) {
    lines += countLines(cell.before);
    if (cell.id === cellId) return lines;
    lines += countLines(cell.open + cell.body + cell.close);
  }
  throw new RangeError(`célula desconhecida: ${cellId}`);
}

/** 1-based line in the file of the first line of a cell's source. */
export function cellSourceLine(doc: NotebookDocument, cellId: string): number {
  const cell = doc.cells.find((c) => c.id === cellId);
  return cellLine(doc, cellId) + (cell ? countLines(cell.open) : 0);
}
