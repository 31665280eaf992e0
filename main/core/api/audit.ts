// The audit log as the contract shows it: its entries and how to ask for them.
import type { ExportFormat } from './exports.ts';
import type { Role } from './session.ts';

export type AuditAction = 'query' | 'run_panel' | 'param_options' | 'profile' | 'export' | 'unmask' | 'open_snapshot' | 'publish_snapshot' | 'save_document';

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
  /** Export: the file written and its SHA-256; a published snapshot: its manifest and the manifest's SHA-256; a saved document: the text's SHA-256 (its path in `document`). */
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
