// Errors travel as data: a code the shells can act on, a message, and where in the text it
// happened. Thrown inside the core as a WorkbenchError; every shell turns it back into data.

// DuckDB's errors keep DuckDB's class in the message (`Conversion Error: …`); the class decides
// the code (core/engine/errors.ts): no class a user's SQL reaches is `internal` but INTERNAL.
export type ErrorCode =
  | 'syntax' // the parser refused the text (DuckDB's Parser and Syntax errors)
  | 'binder' // names or types do not resolve (unknown table, column, function; Catalog, Mismatch Type)
  | 'not_allowed' // a statement the sandbox refuses (writes, settings, files, EXPLAIN, ...)
  | 'parameter' // a missing, unknown or badly typed parameter (also DuckDB's Parameter Not Allowed)
  | 'not_implemented' // DuckDB does not do that (yet): its Not implemented errors
  | 'cancelled' // the user or the shell cancelled the query
  | 'timeout' // the time limit interrupted the query
  | 'out_of_memory'
  | 'not_found' // an unknown snapshot, query id, table
  | 'exists' // a file of that name is already there (save as: replaced only when the user confirms)
  | 'conflict' // another page took the workspace over since this one loaded it (two browser tabs)
  | 'data' // the data itself failed (corrupt Parquet, conversion, out of range, invalid input)
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
