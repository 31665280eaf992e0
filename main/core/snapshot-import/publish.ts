// Publishing: every table written as Parquet by DuckDB into the staging folder, fsynced, the
// reports and the manifest beside them, the audit entry recorded (no entry, no publish), then
// one rename makes the snapshot appear whole. Files are left read-only: a published snapshot
// is never modified. Any failure removes the staging folder and leaves the published
// snapshots as they were.
import { chmod, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { syncDir } from '../files/private-files.ts';
import type { AuditLog } from '../privacy/audit-log.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import { snapshotsRoot } from '../registry/snapshots.ts';
import type { Finding } from './findings.ts';
import { MANIFEST_FILE, buildManifest, digestOf } from './manifest.ts';
import type { Manifest } from './manifest.ts';
import { typedTable } from './raw-tables.ts';
import type { LoadedTable } from './read-table.ts';
import { reportHtml, reportJson } from './report.ts';
import type { ImportReport } from './report.ts';
import { stagingName } from './staging.ts';

export const REPORT_JSON = 'relatorio-importacao.json';
export const REPORT_HTML = 'relatorio-importacao.html';

export interface PublishInput {
  connection: DuckDBConnection;
  dataDir: string;
  dictionary: Dictionary;
  date: string;
  from: string;
  previous?: string;
  loaded: ReadonlyMap<string, LoadedTable>;
  findings: readonly Finding[];
  report: ImportReport;
  user: string;
  audit: AuditLog;
  motivo?: string;
}

export interface Published {
  directory: string;
  manifest: Manifest;
  manifestSha256: string;
}

const NO_SPACE = /No space left on device|ENOSPC|disk is full/i;

/** A full disk says so in Portuguese; anything else passes as it is. */
export function describeWriteFailure(error: unknown, where: string): unknown {
  const text = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` : String(error);
  if (NO_SPACE.test(text)) {
    return new WorkbenchError({ code: 'data', message: `Disco cheio ao gravar o snapshot em ${where}. Nada foi publicado e os snapshots publicados não mudaram; libere espaço e importe de novo.` });
  }
  return error;
}

export function alreadyPublished(date: string, dataDir: string): WorkbenchError {
  return new WorkbenchError({
    code: 'parameter',
    message: `O snapshot ${date} já está publicado em ${path.join(snapshotsRoot(dataDir), date)} e um snapshot publicado nunca é modificado. Nada foi alterado.`,
  });
}

export async function isPublished(dataDir: string, date: string): Promise<boolean> {
  return stat(path.join(snapshotsRoot(dataDir), date)).then(() => true, () => false);
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Each table of the dictionary: as read, or empty with its columns (missing or unreadable, forced through). */
async function writeTables(input: PublishInput, staging: string): Promise<{ table: string; rows: number; loaded?: LoadedTable }[]> {
  const written: { table: string; rows: number; loaded?: LoadedTable }[] = [];
  for (const [table, entry] of input.dictionary.tables) {
    const loaded = input.loaded.get(table);
    const select = loaded
      ? `SELECT * FROM ${typedTable(table)}`
      : `SELECT ${[...entry.columns].map(([column, spec]) => `CAST(NULL AS ${spec.type ?? 'VARCHAR'}) AS ${quotedIdentifier(column)}`).join(', ')} WHERE false`;
    const file = path.join(staging, `${table}.parquet`);
    await input.connection.run(`COPY (${select}) TO ${quotedString(file)} (FORMAT parquet, COMPRESSION zstd)`);
    await fsyncFile(file);
    written.push({ table, rows: loaded?.rows ?? 0, ...(loaded ? { loaded } : {}) });
  }
  return written;
}

export async function publishSnapshot(input: PublishInput): Promise<Published> {
  const root = snapshotsRoot(input.dataDir);
  const target = path.join(root, input.date);
  const staging = path.join(root, stagingName(input.date));
  await mkdir(staging, { mode: 0o700 });
  try {
    const tables = await writeTables(input, staging);
    const reports = [path.join(staging, REPORT_JSON), path.join(staging, REPORT_HTML)];
    await writeFile(reports[0] as string, reportJson(input.report));
    await writeFile(reports[1] as string, reportHtml(input.report));
    const manifest = await buildManifest({
      date: input.date,
      user: input.user,
      from: input.from,
      ...(input.previous ? { previous: input.previous } : {}),
      stagingDir: staging,
      tables,
      reports,
      findings: input.findings,
      ...(input.motivo ? { motivo: input.motivo } : {}),
    });
    const manifestFile = path.join(staging, MANIFEST_FILE);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of [...reports, manifestFile]) await fsyncFile(file);
    const { sha256 } = await digestOf(manifestFile);
    for (const name of await readdir(staging)) await chmod(path.join(staging, name), 0o444);
    await chmod(staging, 0o755);
    await syncDir(staging);
    if (await isPublished(input.dataDir, input.date)) throw alreadyPublished(input.date, input.dataDir);
    // Recorded before the rename: callers record before they act, so a snapshot never appears unaudited.
    await input.audit.record({
      action: 'publish_snapshot',
      snapshot: input.date,
      path: path.join(target, MANIFEST_FILE),
      sha256,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      status: 'ok',
      ...(input.motivo ? { purpose: input.motivo } : {}),
    });
    await rename(staging, target);
    await syncDir(root);
    return { directory: target, manifest, manifestSha256: sha256 };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw describeWriteFailure(error, staging);
  }
}
