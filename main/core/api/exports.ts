// Exports: of a kept result (the same rows as shown) or of a panel (one sheet per cell).
import type { ApiError } from './errors.ts';
import type { ParamValue, ResultFilter, ResultRef, SortKey } from './queries.ts';

export type ExportFormat = 'xlsx' | 'csv' | 'csv-br' | 'json' | 'parquet';

/** The extension an export of each format gets; the first of each list below. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, readonly string[]>> = {
  xlsx: ['.xlsx'],
  csv: ['.csv', '.txt'],
  'csv-br': ['.csv', '.txt'],
  json: ['.jsonl', '.json', '.ndjson'],
  parquet: ['.parquet'],
};

/** The extension a name already has for the format, if any (`x.json` is JSON Lines as it is). */
export function givenExtension(name: string, format: ExportFormat): string | undefined {
  return EXPORT_EXTENSIONS[format].find((extension) => name.toLowerCase().endsWith(extension));
}

/** The name with the format's extension, unless it already ends in one the format accepts. */
export function withExportExtension(name: string, format: ExportFormat): string {
  return givenExtension(name, format) ? name : `${name}${EXPORT_EXTENSIONS[format][0]}`;
}

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

/** Exports a kept result: the same rows as shown (filtered and sorted as shown), never re-running the SQL. */
export interface ExportResultRequest extends ResultRef {
  format: ExportFormat;
  sort?: SortKey[];
  /** The grid's filters: only the rows they keep are exported (none: every row). */
  filter?: ResultFilter[];
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
