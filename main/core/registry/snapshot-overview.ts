// What the Retratos screen shows of each snapshot: its size, rows per table (the Parquet files'
// own metadata, nothing is scanned) and, for one published by `mirante snapshot import`, its
// manifest: who, when, from where, and the validation's verdict. A manifest that cannot be read
// is said, never skipped: a data protection officer reads this screen.
import { readFile } from 'node:fs/promises';
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

/** Rows and bytes of every table from its Parquet footers, in one query for the snapshot. */
export async function snapshotOverview(connection: DuckDBConnection, layout: SnapshotLayout): Promise<SnapshotOverview> {
  const perTable = layout.tables.map(
    (table) => `SELECT ${quotedString(table.name)}, coalesce(sum(num_rows), 0), coalesce(sum(file_size_bytes), 0) FROM parquet_file_metadata(${quotedString(table.source)})`,
  );
  const rows = perTable.length === 0 ? [] : ((await connection.runAndReadAll(perTable.join(' UNION ALL '))).getRowsJS() as [string, unknown, unknown][]);
  const figures = new Map(rows.map(([name, count, size]) => [name, { rows: Number(count), bytes: Number(size) }]));
  const tables = layout.tables.map((table) => ({ name: table.name, rows: figures.get(table.name)?.rows ?? 0 }));
  const bytes = [...figures.values()].reduce((sum, table) => sum + table.bytes, 0);
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
