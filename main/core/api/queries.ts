// Queries and their results: requests, the event stream (Arrow batches and progress), the kept
// result's pages and sort, column profiles, completion, unmasking.
import type { PrivacyClass } from './catalog.ts';
import type { ApiError } from './errors.ts';

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

/**
 * Keeps the rows whose column holds a value (`equals`), leaves them out (`notEquals`), or
 * keeps those with none or some. Runs over the kept result, so over what the user was shown:
 * masked values match their mask only. `value` is text DuckDB casts to the column's type
 * (ISO dates and times, `.` for decimals).
 */
export type ResultFilter = { column: number; op: 'equals' | 'notEquals'; value: string } | { column: number; op: 'isNull' | 'notNull' };

export interface FetchRowsRequest extends ResultRef {
  offset: number;
  limit: number;
  sort?: SortKey[];
  /** All must hold. */
  filter?: ResultFilter[];
}

export interface RowsPage {
  /** Arrow IPC stream bytes holding rows [offset, offset + numRows) of the (sorted) result. */
  ipc: Uint8Array;
  offset: number;
  /** Total rows of the result (known once the statement is done; rows so far while it runs); with a filter, the rows it keeps. */
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

/** Re-runs one statement of a kept query on the raw (unmasked) views; logged with its purpose. */
export interface UnmaskRequest extends ResultRef {
  /** Why the identifiers are needed: mandatory, at least 10 characters. */
  purpose: string;
}
