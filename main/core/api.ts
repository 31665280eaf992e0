// The one contract between Mirante's core and its shells (CLI, local web server, Electron).
//
// Every method takes one plain request object and returns a promise of a plain response,
// so an adapter is a loop over WORKBENCH_METHODS, not code per method. Query results travel
// as Arrow IPC bytes inside QueryEvents; errors travel as data (ApiError), never as stacks.

export type PrivacyClass = 'identificador' | 'sensivel' | 'crianca' | 'publico';

/**
 * Set by the deployment (`<data dir>/mirante.yaml`), never by the UI. `analista`: free SQL,
 * notebooks, unmasking with a purpose. `consulta`: panels from the queries folder by path,
 * parameters and exports, always masked.
 */
export type Role = 'analista' | 'consulta';

export type ErrorCode =
  | 'syntax' // the parser refused the text
  | 'binder' // names or types do not resolve (unknown table, column, function)
  | 'not_allowed' // a statement the sandbox refuses (writes, settings, files, EXPLAIN, ...)
  | 'parameter' // a missing, unknown or badly typed parameter
  | 'cancelled' // the user or the shell cancelled the query
  | 'timeout' // the time limit interrupted the query
  | 'out_of_memory'
  | 'not_found' // an unknown snapshot, query id, table
  | 'data' // the data itself failed (corrupt Parquet, conversion, constraint)
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** 1-based line and column in the submitted text, when DuckDB reported a position. */
  line?: number;
  column?: number;
  /** 0-based index of the statement in the script the error belongs to. */
  statementIndex?: number;
  /** Names DuckDB suggests for an unknown one ("did you mean"). */
  candidates?: string[];
}

/** An ApiError carried through `throw`; shells turn it back into data with `toApiError`. */
export class WorkbenchError extends Error {
  readonly detail: ApiError;
  constructor(detail: ApiError) {
    super(detail.message);
    this.name = 'WorkbenchError';
    this.detail = detail;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof WorkbenchError) return error.detail;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** A dated snapshot of the registry: `<data dir>/snapshots/<date>/`. */
export interface SnapshotInfo {
  /** ISO date, YYYY-MM-DD: also the reference date of every panel over it. */
  date: string;
  /** The schema that holds this snapshot's views, e.g. `s_2026_10_31`. */
  schema: string;
  tables: string[];
}

export interface ColumnInfo {
  name: string;
  /** DuckDB SQL type, e.g. `DECIMAL(14,2)`. */
  type: string;
  description?: string;
  owner?: string;
  privacy?: PrivacyClass;
}

export interface TableInfo {
  name: string;
  rowCount: number;
  description?: string;
  columns: ColumnInfo[];
}

export interface WorkbenchInfo {
  version: string;
  duckdbVersion: string;
  dataDir: string;
  snapshots: SnapshotInfo[];
  /** The snapshot the unqualified views point at (the newest). */
  defaultSnapshot: string;
  /** What this user may do: the UI hides what the role cannot use (the core refuses it anyway). */
  role: Role;
  /** The OS user the role and the audit log refer to. */
  user: string;
}

/** Values a parameter may take; bound by name, never spliced into SQL text. */
export type ParamValue = string | number | bigint | boolean | null | string[] | number[];

export interface RunQueryRequest {
  sql: string;
  params?: Record<string, ParamValue>;
  /** Snapshot date; default the newest. */
  snapshot?: string;
  /** Chosen by the caller so it can cancel before the first event arrives; generated if absent. */
  queryId?: string;
  /** Time limit in milliseconds; the query is interrupted when it passes. The workbench's default applies when absent. */
  timeoutMs?: number;
}

export interface ResultColumn {
  name: string;
  /** DuckDB SQL type of the column. */
  type: string;
  /** Class of the registry column it comes from, where traced (by name, in the tables the statement reads). */
  privacy?: PrivacyClass;
}

export type ExportFormat = 'xlsx' | 'csv' | 'csv-br' | 'json' | 'parquet';

/**
 * Where an export is, as `exportStatus` answers. `download` is the
 * web mode's URL path (`/downloads/<exportId>`, served once, then the file is deleted) when no
 * save target was given; `path` is the written file.
 */
export interface ExportStatus {
  exportId: string;
  state: 'running' | 'done' | 'error' | 'cancelled';
  format: ExportFormat;
  fileName: string;
  rowsWritten: number;
  totalRows: number;
  /** Rows per sheet (XLSX) or the one file's rows. */
  sheets: { name: string; rows: number }[];
  /** What the user should know: rows continued on more sheets, decimals written as text, ... */
  notices: string[];
  path?: string;
  download?: string;
  error?: ApiError;
}

/** Exports a kept result: the same rows as shown (and sorted as shown), never re-running the SQL. */
export interface ExportResultRequest extends ResultRef {
  format: ExportFormat;
  sort?: SortKey[];
  /** Sanitised; the extension of the format is added when missing. */
  fileName?: string;
  /**
   * Opaque, single-use handle Electron's shell issued after its native save dialog (never a
   * path: a request with `destination` is refused); absent in the web mode (downloaded instead).
   */
  saveTarget?: string;
  /** The declared purpose (LGPD), written in the "Sobre" sheet and the audit log. */
  purpose?: string;
  exportId?: string;
}

/** Exports a panel as XLSX: each named SQL cell runs once into a kept result and becomes a sheet. */
export interface ExportDocumentRequest {
  text: string;
  path?: string;
  params?: Record<string, ParamValue | undefined>;
  snapshot?: string;
  format: 'xlsx';
  fileName?: string;
  /** As in ExportResultRequest. */
  saveTarget?: string;
  purpose?: string;
  exportId?: string;
}

export type QueryEvent =
  | { kind: 'columns'; queryId: string; statementIndex: number; columns: ResultColumn[] }
  /**
   * Arrow IPC stream bytes (schema + record batches). The UI gets only the FIRST rows of each
   * statement this way (so they show at once); the rest stays in the kept result and is read
   * page by page with fetchRows.
   */
  | { kind: 'batch'; queryId: string; statementIndex: number; ipc: Uint8Array; rowsSoFar: number }
  /** Rows counted so far, while the statement still runs (at most a few per second). */
  | { kind: 'progress'; queryId: string; statementIndex: number; rowsSoFar: number; elapsedMs: number }
  | { kind: 'done'; queryId: string; statementIndex: number; rowCount: number; elapsedMs: number }
  | { kind: 'error'; queryId: string; error: ApiError }
  /** The whole script finished (after its last `done`, or after its `error`). */
  | { kind: 'finished'; queryId: string; elapsedMs: number };

export type QueryEventListener = (event: QueryEvent) => void;

/** Identifies one kept result: a statement of a query that ran. */
export interface ResultRef {
  queryId: string;
  statementIndex: number;
}

export interface SortKey {
  /** 0-based column position in the result. */
  column: number;
  direction: 'asc' | 'desc';
}

export interface FetchRowsRequest extends ResultRef {
  offset: number;
  limit: number;
  sort?: SortKey[];
}

export interface RowsPage {
  /** Arrow IPC stream bytes holding rows [offset, offset + numRows) of the (sorted) result. */
  ipc: Uint8Array;
  offset: number;
  /** Total rows of the result (known once the statement is done; rows so far while it runs). */
  rowCount: number;
  complete: boolean;
}

/** What to profile: a column of a kept result, or a column of a registry table. */
export type ProfileSource =
  | ({ kind: 'result'; column: number } & ResultRef)
  | { kind: 'table'; snapshot?: string; table: string; column: string };

export interface HistogramBin {
  /** Text label of the bin (a range, a value, or a date). */
  label: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  rowCount: number;
  nullCount: number;
  distinctCount: number;
  /** Rendered by DuckDB as text, so every type profiles the same way. */
  min: string | null;
  max: string | null;
  histogram: HistogramBin[];
}

export type CompletionKind = 'table' | 'column' | 'function' | 'keyword' | 'schema';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Type of a column, row count of a table, ... */
  detail?: string;
  /** Dictionary description. */
  documentation?: string;
  privacy?: PrivacyClass;
}

export interface CompletionResult {
  /** UTF-16 index in the text where the word being completed starts. */
  replaceFrom: number;
  items: CompletionItem[];
}

export interface HistoryEntry {
  id: string;
  sql: string;
  /** ISO timestamp. */
  startedAt: string;
  durationMs: number;
  rowCount: number | null;
  snapshot: string;
  status: 'ok' | 'error' | 'cancelled';
  error?: string;
}

export interface EditorTab {
  id: string;
  title: string;
  sql: string;
}

export interface Workspace {
  tabs: EditorTab[];
  activeTabId: string | null;
  locale: 'pt-BR' | 'en';
  theme: 'light' | 'dark';
  /** The time limit of this user's queries, in seconds; absent means the workbench's default (10 minutes). */
  queryTimeoutSeconds?: number;
}

export interface DocumentSummary {
  /** Path relative to the queries folder, e.g. `divida-ativa.md`. */
  path: string;
  title: string;
  /** The secretariat that owns it (front matter `owner`). */
  owner: string | null;
  purpose: string | null;
  kind: 'notebook' | 'sql';
  /** Line-located problems when the file is malformed (it still opens). */
  problems: { line: number; message: string }[];
}

export interface OpenedDocument {
  path: string;
  /** The file as saved. */
  text: string;
  /** Unsaved work autosaved after the file was last saved (e.g. before a crash), if any. */
  draft: { text: string; savedAt: string } | null;
}

export interface RunCellRequest {
  /** The notebook's current text (saved or not); cells compile from it on the server. Ignored for role `consulta`. */
  text: string;
  /** Relative to the queries folder. Role `consulta` runs the saved file at this path, never `text`. */
  path?: string;
  /** Name (or id) of the SQL cell. */
  cell: string;
  params?: Record<string, ParamValue | undefined>;
  snapshot?: string;
  queryId?: string;
  timeoutMs?: number;
}

export interface ParamOptionsRequest {
  /** The notebook's text; role `consulta` reads the saved file at `path` instead. */
  text: string;
  param: string;
  snapshot?: string;
  path?: string;
  /** So the client can cancel a slow options query; generated if absent. */
  queryId?: string;
}

/** Re-runs one statement of a kept query on the raw (unmasked) views; logged with its purpose. */
export interface UnmaskRequest extends ResultRef {
  /** Why the identifiers are needed: mandatory, at least 10 characters. */
  purpose: string;
}

export type AuditAction = 'query' | 'run_panel' | 'param_options' | 'profile' | 'export' | 'unmask' | 'open_snapshot';

/** One line of the hash-chained audit log (`<data dir>/auditoria/auditoria.jsonl`). */
export interface AuditEntry {
  seq: number;
  /** ISO timestamp. */
  time: string;
  user: string;
  role: Role;
  action: AuditAction;
  /** CPF/CNS/NIS/CNPJ-like literals replaced by a keyed hash. */
  sql?: string;
  /** HMAC-SHA256 (the audit key) of the SQL as submitted: a plain digest of SQL holding a CPF could be brute-forced. */
  sqlSha256?: string;
  snapshot?: string;
  /** Values that may identify a person are stored as `hmac-sha256:<hex>`. */
  params?: Record<string, string | number | boolean | null | (string | number)[]>;
  rows?: number | null;
  /** Export: the file written and its SHA-256. */
  path?: string;
  sha256?: string;
  purpose?: string;
  queryId?: string;
  /** A panel cell run for an export, or an export's own entries: the export's id. */
  exportId?: string;
  format?: ExportFormat;
  document?: string;
  cell?: string;
  /** `started` is written before anything runs; a second entry with the same queryId says how it ended. */
  status?: 'started' | 'ok' | 'error' | 'cancelled';
  error?: string;
  /** Hash of the previous entry (64 zeros for the first). */
  prev: string;
  /** SHA-256 of the canonical JSON of every other field. */
  hash: string;
  /** HMAC-SHA256 with the log's secret key over every other field (`prev` and `hash` included): a rewritten chain fails without the key. */
  mac?: string;
}

export interface AuditQuery {
  user?: string;
  action?: AuditAction;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  /** Default 200. */
  limit?: number;
}

export interface WorkbenchApi {
  info(request: Record<string, never>): Promise<WorkbenchInfo>;
  catalog(request: { snapshot?: string }): Promise<TableInfo[]>;
  /** Validates the whole script, then streams its results as QueryEvents and keeps them. */
  runQuery(request: RunQueryRequest): Promise<{ queryId: string }>;
  cancelQuery(request: { queryId: string }): Promise<{ cancelled: boolean }>;
  /** A page of a kept result, sorted in DuckDB when asked: the user's SQL never runs again. */
  fetchRows(request: FetchRowsRequest): Promise<RowsPage>;
  /** Frees a kept result (a closed tab); old ones are also dropped after a while. */
  releaseResult(request: { queryId: string }): Promise<{ released: boolean }>;
  profileColumn(request: ProfileSource): Promise<ColumnProfile>;
  complete(request: { sql: string; cursor: number; snapshot?: string }): Promise<CompletionResult>;
  listHistory(request: { search?: string; limit?: number }): Promise<HistoryEntry[]>;
  loadWorkspace(request: Record<string, never>): Promise<Workspace | null>;
  saveWorkspace(request: Workspace): Promise<{ saved: true }>;
  /** The notebooks and panels of the queries folder (the gallery). */
  listDocuments(request: Record<string, never>): Promise<DocumentSummary[]>;
  openDocument(request: { path: string }): Promise<OpenedDocument>;
  /** Writes the file atomically and drops its draft. */
  saveDocument(request: { path: string; text: string }): Promise<{ saved: true }>;
  /** Keeps unsaved text beside the app's state, so it can be offered back after a crash. */
  autosaveDocument(request: { path: string; text: string }): Promise<{ saved: true }>;
  discardDraft(request: { path: string }): Promise<{ discarded: boolean }>;
  /** Runs one SQL cell of a notebook, its named dependencies compiled in; events as runQuery. */
  runCell(request: RunCellRequest): Promise<{ queryId: string }>;
  /** The choices of a select/multiselect parameter, from its SQL or its list. */
  paramOptions(request: ParamOptionsRequest): Promise<string[]>;
  /** Analysts only: a new query (events as runQuery) holding that statement's rows unmasked. */
  unmaskResult(request: UnmaskRequest): Promise<{ queryId: string }>;
  /** The audit log, newest first (analysts only). */
  listAudit(request: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Starts an export of a kept result. It reports on the query event stream as a query whose
   * queryId is the exportId (`progress` with rows written, `done`, `error`, `finished`);
   * `exportStatus` then tells the file name, the download URL and the notices.
   */
  exportResult(request: ExportResultRequest): Promise<{ exportId: string }>;
  exportDocument(request: ExportDocumentRequest): Promise<{ exportId: string }>;
  /** A cancelled export leaves no file under its final name. */
  cancelExport(request: { exportId: string }): Promise<{ cancelled: boolean }>;
  exportStatus(request: { exportId: string }): Promise<ExportStatus>;
}

export type WorkbenchMethod = keyof WorkbenchApi;

export const WORKBENCH_METHODS = [
  'info',
  'catalog',
  'runQuery',
  'cancelQuery',
  'fetchRows',
  'releaseResult',
  'profileColumn',
  'complete',
  'listHistory',
  'loadWorkspace',
  'saveWorkspace',
  'listDocuments',
  'openDocument',
  'saveDocument',
  'autosaveDocument',
  'discardDraft',
  'runCell',
  'paramOptions',
  'unmaskResult',
  'listAudit',
  'exportResult',
  'exportDocument',
  'cancelExport',
  'exportStatus',
] as const satisfies readonly WorkbenchMethod[];

// Every method of the contract is in the table the adapters loop over.
type Unlisted = Exclude<WorkbenchMethod, (typeof WORKBENCH_METHODS)[number]>;
export const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The client side, as the renderer sees it: the same methods plus the event stream. */
export interface WorkbenchClient extends WorkbenchApi {
  onQueryEvent(listener: QueryEventListener): () => void;
}

/** The core side: what a shell forwards to its client. */
export interface WorkbenchCore extends WorkbenchClient {
  close(): Promise<void>;
}
