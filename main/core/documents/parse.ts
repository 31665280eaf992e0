// Text → NotebookDocument. Read-only: every character of the file lands in exactly one span
// (front matter, a cell's before/open/body/close, or the tail), so serialising an untouched
// document gives back the same bytes. Problems are collected with their line; the strict mode
// throws the first as a DocumentError, the tolerant mode returns them with the document.
import { parseDocument as parseYaml } from 'yaml';
import { fencedSource, newCellId, normalizeEol } from './cells.ts';
import { readFrontMatter, splitFrontMatter } from './front-matter.ts';
import { CELL_NAME, DocumentError } from './types.ts';
import type { Cell, ChartSpec, DocumentProblem, Fence, FrontMatter, NotebookDocument } from './types.ts';
import { checkDocument } from './validate.ts';

export interface ParseOptions {
  /** Return the document with `problems` instead of throwing. */
  tolerant?: boolean;
}

interface Line {
  start: number;
  /** Index after the line end (or the end of the text). */
  end: number;
  content: string;
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    lines.push({ start, end, content: text.slice(start, end).replace(/\r?\n$/, '') });
    start = end;
  }
  return lines;
}

function lineNumberAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$/;

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return match !== null && match[1]?.[0] === fence.char && (match[1]?.length ?? 0) >= fence.length;
}

/** The last path segment; plain string work so the renderer can parse documents too. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function titleFromFileName(fileName: string | undefined): string {
  if (!fileName) return 'Sem título';
  return baseName(fileName).replace(/\.(sql|md|markdown)$/i, '');
}

function parseChartSpec(body: string): ChartSpec | null {
  const yamlDoc = parseYaml(normalizeEol(body));
  if (yamlDoc.errors.length > 0) return null;
  const value: unknown = yamlDoc.toJS();
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ChartSpec) : null;
}

/** Splits a Markdown run into blank lines before, the text, and the blank text after it. */
function markdownCell(run: string, before: string): Cell | string {
  const lead = /^(?:[ \t]*\r?\n)*/.exec(run)?.[0] ?? '';
  const rest = run.slice(lead.length);
  if (rest.trim() === '') return before + run;
  const trail = /\s*$/.exec(rest)?.[0] ?? '';
  const body = rest.slice(0, rest.length - trail.length);
  return { kind: 'markdown', id: newCellId(), before: before + lead, open: '', body, close: trail, source: normalizeEol(body), fence: null };
}

function sqlFile(text: string, fileName: string | undefined, bom: string, eol: NotebookDocument['eol']): NotebookDocument {
  const cell: Cell = { kind: 'sql', id: newCellId(), name: null, before: '', open: '', body: text, close: '', source: normalizeEol(text), fence: null };
  return { kind: 'sql', fileName, title: titleFromFileName(fileName), eol, bom, frontMatter: null, cells: [cell], tail: '', problems: [] };
}

export function parseDocument(input: string, fileName?: string, options: ParseOptions = {}): NotebookDocument {
  const bom = input.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = input.slice(bom.length);
  const firstNewline = text.indexOf('\n');
  const eol = firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  if (fileName && /\.sql$/i.test(fileName)) return sqlFile(text, fileName, bom, eol);

  const problems: DocumentProblem[] = [];
  const split = splitFrontMatter(text);
  problems.push(...split.problems);
  let frontMatter: FrontMatter | null = null;
  if (split.frontMatter) {
    const read = readFrontMatter(split.frontMatter, 2);
    frontMatter = read.frontMatter;
    problems.push(...read.problems);
  }

  const cells: Cell[] = [];
  const cellLines = new Map<string, number>();
  let pending = ''; // blank text waiting to become the next cell's `before`
  let runStart = split.rest;
  const lines = splitLines(text, split.rest);
  const flushMarkdown = (end: number): void => {
    const made = markdownCell(text.slice(runStart, end), pending);
    if (typeof made === 'string') pending = made;
    else {
      cellLines.set(made.id, lineNumberAt(text, runStart + made.before.length - pending.length));
      cells.push(made);
      pending = '';
    }
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as Line;
    const opening = OPENING.exec(line.content);
    if (!opening) continue;
    const fence: Fence = { char: (opening[1] as string)[0] as Fence['char'], length: (opening[1] as string).length };
    const [language = '', ...words] = (opening[2] ?? '').split(/\s+/).filter(Boolean);
    let closeIndex = i + 1;
    while (closeIndex < lines.length && !closesFence((lines[closeIndex] as Line).content, fence)) closeIndex += 1;
    const isCell = language === 'sql' || language === 'chart';
    if (!isCell) {
      i = closeIndex; // another language's block (or an unclosed one) stays Markdown
      continue;
    }
    const lineNumber = lineNumberAt(text, line.start);
    flushMarkdown(line.start);
    const closeLine = lines[closeIndex];
    const bodyEnd = closeLine ? closeLine.start : text.length;
    if (!closeLine) problems.push({ line: lineNumber, message: `bloco \`\`\`${language} aberto na linha ${lineNumber} não foi fechado` });
    const body = text.slice(line.end, bodyEnd);
    const common = { id: newCellId(), before: pending, open: text.slice(line.start, line.end), body, close: closeLine ? text.slice(closeLine.start, closeLine.end) : '', source: fencedSource(body), fence };
    pending = '';
    const label = words.join(' ');
    if (language === 'sql') {
      if (label !== '' && !CELL_NAME.test(label)) {
        problems.push({ line: lineNumber, message: `nome de célula inválido "${label}": use letras minúsculas, dígitos e _ (começando por letra ou _)`, cellId: common.id });
      }
      cells.push({ ...common, kind: 'sql', name: label === '' ? null : label });
    } else {
      if (label === '') problems.push({ line: lineNumber, message: 'o gráfico precisa do nome da célula SQL que desenha: ```chart NOME', cellId: common.id });
      const spec = parseChartSpec(body);
      if (spec === null && body.trim() !== '') problems.push({ line: lineNumber + 1, message: 'o corpo do gráfico deve ser um mapa YAML (mark, x, y, …)', cellId: common.id });
      cells.push({ ...common, kind: 'chart', target: label, spec });
    }
    cellLines.set(common.id, lineNumber);
    i = closeIndex;
    runStart = closeLine ? closeLine.end : text.length;
  }
  flushMarkdown(text.length);

  const doc: NotebookDocument = {
    kind: 'notebook',
    fileName,
    title: typeof frontMatter?.data.title === 'string' ? frontMatter.data.title : titleFromFileName(fileName),
    eol,
    bom,
    frontMatter,
    cells,
    tail: pending,
    problems: [],
  };
  problems.push(...checkDocument(doc, (cell) => cellLines.get(cell.id) ?? 1));
  problems.sort((a, b) => a.line - b.line);
  doc.problems = problems;
  if (!options.tolerant && problems.length > 0) {
    const first = problems[0] as DocumentProblem;
    throw new DocumentError(`${fileName ? `${baseName(fileName)}: ` : ''}linha ${first.line}: ${first.message}`, { line: first.line, problems });
  }
  return doc;
}
