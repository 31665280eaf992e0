// The document model: a notebook (Markdown + YAML front matter + fenced cells) or a plain
// .sql file, kept as the exact text spans it was read from so that saving an untouched part
// gives back the same bytes.
import { WorkbenchError } from '../api/index.ts';
import type { ErrorCode } from '../api/index.ts';

export type CellKind = 'sql' | 'chart' | 'markdown';

/** A fence as written: its character and length (```` ``` ```` or `~~~~`). */
export interface Fence {
  char: '`' | '~';
  length: number;
}

/**
 * Text spans of a cell, concatenated in this order when saved: `before` (blank lines that
 * separate it from the previous cell), `open` (the opening fence line, with its line end),
 * `body` (the raw text inside), `close` (the closing fence line; for Markdown, the trailing
 * blank lines). `source` is what editors show: `body` with `\n` line ends and, in a fenced
 * cell, without the line end that precedes the closing fence.
 */
interface CellBase {
  /** Stable for the life of the parsed document (not stored in the file). */
  id: string;
  before: string;
  open: string;
  body: string;
  close: string;
  source: string;
  /** Null for Markdown cells and for the single cell of a .sql file. */
  fence: Fence | null;
}

export interface SqlCell extends CellBase {
  kind: 'sql';
  /** `[a-z_][a-z0-9_]*`; null for an unnamed cell. */
  name: string | null;
}

/** A chart is plain data: mark, x, y, fill, stroke, facet, sort, tooltip, title… */
export type ChartSpec = Record<string, unknown>;

export interface ChartCell extends CellBase {
  kind: 'chart';
  /** The name of the SQL cell it draws. */
  target: string;
  /** The YAML body parsed; null when it does not parse to a mapping. */
  spec: ChartSpec | null;
}

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
}

export type Cell = SqlCell | ChartCell | MarkdownCell;

export const PARAM_TYPES = ['select', 'multiselect', 'number', 'text', 'date', 'daterange'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** Value of a parameter's `default:` after checking it against its type. */
export type ParamDefault = string | number | string[] | { inicio: string | null; fim: string | null };

/** A parameter's options read from a saved `.sql` document of the queries folder. */
export interface SavedQueryOptions {
  consulta: string;
}

export interface ParamSpec {
  name: string;
  type: ParamType;
  label?: string;
  /**
   * select/multiselect: a SQL query run against the snapshot (first column), a list, or a
   * saved query of the queries folder (`{ consulta: bairros.sql }`: its first column too).
   */
  options?: string | string[] | SavedQueryOptions;
  default?: ParamDefault;
  required: boolean;
}

export interface FrontMatter {
  /** Everything from the opening `---` line to the closing line, line end included. */
  open: string;
  yaml: string;
  close: string;
  /** The YAML as plain data: title, owner, purpose, params and any other keys. */
  data: Record<string, unknown>;
  params: ParamSpec[];
  /** `kpis:` — for each KPI column, which way is better (kpi-directions.ts). */
  kpis: Record<string, KpiDirection>;
  /** `kpis:` — how a KPI column's value is written, where the document says (`{ melhor: menor, formato: moeda }`). */
  kpiFormats: Record<string, KpiFormat>;
  /** `comparacao:` — the parameter that receives the date of the snapshot the panel compares with (front-matter.ts). */
  comparison?: string;
}

/** Which change of a KPI is good news: a larger number, or a smaller one. */
export type KpiDirection = 'maior' | 'menor';

export const KPI_FORMATS = ['numero', 'moeda', 'percentual'] as const;
/** How a KPI's number is written: plain, as R$, or with % (the value already in percent). */
export type KpiFormat = (typeof KPI_FORMATS)[number];

export interface DocumentProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
  cellId?: string;
}

export interface NotebookDocument {
  /** `sql` for a plain .sql file: one unnamed SQL cell, no front matter. */
  kind: 'notebook' | 'sql';
  fileName?: string;
  /** From the front matter, else the file name without extension. */
  title: string;
  /** The line end new text is written with (the file's first one). */
  eol: '\n' | '\r\n';
  /** A byte-order mark the file started with, written back as it was. */
  bom: string;
  frontMatter: FrontMatter | null;
  cells: Cell[];
  /** Blank text after the last cell. */
  tail: string;
  /** Empty unless parsed with `{ tolerant: true }` (or edited into a broken state). */
  problems: DocumentProblem[];
}

/** A malformed document, a bad reference between cells or a bad parameter value. */
export class DocumentError extends WorkbenchError {
  readonly problems: DocumentProblem[];
  constructor(message: string, options: { line?: number; code?: ErrorCode; problems?: DocumentProblem[] } = {}) {
    super({ code: options.code ?? 'syntax', message, ...(options.line !== undefined ? { line: options.line, column: 1 } : {}) });
    this.name = 'DocumentError';
    this.problems = options.problems ?? (options.line !== undefined ? [{ line: options.line, message }] : []);
  }

  get line(): number | undefined {
    return this.detail.line;
  }
}

export const CELL_NAME = /^[a-z_][a-z0-9_]*$/;
