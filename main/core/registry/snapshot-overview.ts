// What the Retratos screen shows of each snapshot: its size, rows per table (the Parquet files'
// own metadata, nothing is scanned) and, for one published by `mirante snapshot import`, its
// manifest: who, when, from where, and the validation's verdict. A manifest that cannot be read
// is said, never skipped: a data protection officer reads this screen.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { SnapshotOverview, SnapshotPublication } from '../api/index.ts';
import { MANIFEST_FILE } from '../snapshot-import/manifest.ts';
import type { SnapshotLayout } from './snapshots.ts';

const manifestSchema = z.looseObject({
  publishedAt: z.string(),
  user: z.string(),
  from: z.string(),
  reports: z.array(z.looseObject({ file: z.string() })).default([]),
  validation: z.looseObject({
    blocking: z.number(),
    warnings: z.number(),
    findings: z.array(
      z.looseObject({ rule: z.string(), table: z.string(), column: z.string().optional(), count: z.number(), severity: z.enum(['bloqueante', 'aviso']) }),
    ),
  }),
  forced: z.looseObject({ motivo: z.string() }).optional(),
});

async function publicationOf(directory: string): Promise<{ publication?: SnapshotPublication; manifestProblem?: string }> {
  let text: string;
  try {
    text = await readFile(path.join(directory, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { manifestProblem: `não foi possível ler ${MANIFEST_FILE}: ${(error as Error).message}` };
  }
  let parsed: z.infer<typeof manifestSchema>;
  try {
    parsed = manifestSchema.parse(JSON.parse(text));
  } catch (error) {
    return { manifestProblem: `${MANIFEST_FILE} malformado: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}` };
  }
  const { validation } = parsed;
  return {
    publication: {
      publishedAt: parsed.publishedAt,
      user: parsed.user,
      from: parsed.from,
      blocking: validation.blocking,
      warnings: validation.warnings,
      findings: validation.findings.map(({ rule, table, column, count, severity }) => ({ rule, table, ...(column !== undefined ? { column } : {}), count, severity })),
      ...(parsed.forced ? { forced: parsed.forced.motivo } : {}),
      reports: parsed.reports.map((report) => report.file),
    },
  };
}

/** The Parquet files behind a table's source (`<file>.parquet` or `<folder>/*.parquet`). */
async function filesOf(source: string): Promise<string[]> {
  if (!source.endsWith('*.parquet')) return [source];
  const folder = path.dirname(source);
  return (await readdir(folder)).filter((name) => name.endsWith('.parquet')).map((name) => path.join(folder, name));
}

async function tableFigures(connection: DuckDBConnection, source: string): Promise<{ rows: number; bytes: number }> {
  const files = await filesOf(source);
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  const reader = await connection.runAndReadAll(`SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(${quotedString(source)})`);
  return { rows: Number(reader.getRowsJS()[0]?.[0] ?? 0), bytes: sizes.reduce((a, b) => a + b, 0) };
}

export async function snapshotOverview(connection: DuckDBConnection, layout: SnapshotLayout): Promise<SnapshotOverview> {
  const tables: { name: string; rows: number }[] = [];
  let bytes = 0;
  for (const table of layout.tables) {
    const figures = await tableFigures(connection, table.source);
    tables.push({ name: table.name, rows: figures.rows });
    bytes += figures.bytes;
  }
  return { date: layout.date, bytes, tables, ...(await publicationOf(layout.directory)) };
}

/** Every snapshot the engine knows (after taking in new ones), oldest first. */
export async function snapshotsOverview(engine: {
  refreshSnapshots(): Promise<unknown>;
  snapshotLayouts(): readonly SnapshotLayout[];
  appConnection(): Promise<DuckDBConnection>;
}): Promise<SnapshotOverview[]> {
  await engine.refreshSnapshots();
  const connection = await engine.appConnection();
  try {
    const overviews: SnapshotOverview[] = [];
    for (const layout of engine.snapshotLayouts()) overviews.push(await snapshotOverview(connection, layout));
    return overviews;
  } finally {
    connection.closeSync();
  }
}
