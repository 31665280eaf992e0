// `manifesto.json`: what a published snapshot is made of and where it came from. Every file
// with its SHA-256 (the audit entry holds the manifest's own), the export's files with theirs,
// who published and when, the validation's verdict and, for a forced publish, the reason.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileSha256 } from '../privacy/file-digest.ts';
import type { Finding } from './findings.ts';
import type { ReadDialect } from './raw-tables.ts';
import type { LoadedTable } from './read-table.ts';

export const MANIFEST_FILE = 'manifesto.json';

export interface FileDigest {
  file: string;
  bytes: number;
  sha256: string;
}

export interface ManifestTable extends FileDigest {
  table: string;
  rows: number;
  /** The export's file; absent for a table published empty (missing or unreadable, forced). */
  source?: FileDigest & ReadDialect;
}

export interface Manifest {
  date: string;
  publishedAt: string;
  user: string;
  host: string;
  from: string;
  previous?: string;
  tables: ManifestTable[];
  reports: FileDigest[];
  validation: { blocking: number; warnings: number; findings: Pick<Finding, 'rule' | 'table' | 'column' | 'count' | 'severity'>[] };
  forced?: { motivo: string };
}

export async function digestOf(file: string, name = path.basename(file)): Promise<FileDigest> {
  const [{ size }, sha256] = await Promise.all([stat(file), fileSha256(file)]);
  return { file: name, bytes: size, sha256 };
}

export interface ManifestInput {
  date: string;
  user: string;
  from: string;
  previous?: string;
  stagingDir: string;
  tables: { table: string; rows: number; loaded?: LoadedTable }[];
  reports: string[];
  findings: readonly Finding[];
  motivo?: string;
}

export async function buildManifest(input: ManifestInput, now = new Date()): Promise<Manifest> {
  const tables: ManifestTable[] = [];
  for (const { table, rows, loaded } of input.tables) {
    const written = await digestOf(path.join(input.stagingDir, `${table}.parquet`));
    const source = loaded ? { ...(await digestOf(loaded.source.file)), ...loaded.dialect } : undefined;
    tables.push({ table, rows, ...written, ...(source ? { source } : {}) });
  }
  const blocking = input.findings.filter((f) => f.severity === 'bloqueante').length;
  return {
    date: input.date,
    publishedAt: now.toISOString(),
    user: input.user,
    host: os.hostname(),
    from: input.from,
    ...(input.previous ? { previous: input.previous } : {}),
    tables,
    reports: await Promise.all(input.reports.map((file) => digestOf(file))),
    validation: {
      blocking,
      warnings: input.findings.length - blocking,
      findings: input.findings.map(({ rule, table, column, count, severity }) => ({ rule, table, ...(column ? { column } : {}), count, severity })),
    },
    ...(input.motivo ? { forced: { motivo: input.motivo } } : {}),
  };
}
