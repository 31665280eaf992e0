// One schema per snapshot (`s_2026_10_31`) holding a view per table, the dictionary's
// descriptions as comments, and `data_referencia()`, the snapshot date. Those views are
// MASKED (privacy/masked-views.ts); the raw views over the Parquet files live in
// `bruto_2026_10_31`, which only an unmasked query reaches (engine/reference-gate.ts).
// A query picks its snapshot with `SET search_path` on its own connection, so unqualified
// names mean the chosen snapshot and older ones stay reachable qualified.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { parseDuckDBError } from '../engine/errors.ts';
import { createMaskedView, rawSchemaForDate } from '../privacy/masked-views.ts';
import { installMaskingKey } from '../privacy/masking-key.ts';
import type { Dictionary } from './dictionary.ts';
import type { SnapshotLayout } from './snapshots.ts';

export const REFERENCE_DATE_MACRO = 'data_referencia';

async function viewColumns(connection: DuckDBConnection, schema: string, view: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    'SELECT column_name FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $view ORDER BY column_index',
    { schema, view },
  );
  return reader.getColumnsJS()[0]?.map(String) ?? [];
}

async function commentView(
  connection: DuckDBConnection,
  snapshot: SnapshotLayout,
  table: string,
  dictionary: Dictionary,
): Promise<void> {
  const entry = dictionary.tables.get(table);
  if (entry === undefined) return;
  const view = `${quotedIdentifier(snapshot.schema)}.${quotedIdentifier(table)}`;
  if (entry.description !== undefined) await connection.run(`COMMENT ON VIEW ${view} IS ${quotedString(entry.description)}`);
  for (const column of await viewColumns(connection, snapshot.schema, table)) {
    const description = entry.columns.get(column)?.description;
    if (description === undefined) continue;
    await connection.run(`COMMENT ON COLUMN ${view}.${quotedIdentifier(column)} IS ${quotedString(description)}`);
  }
}

export async function createSnapshotSchema(
  connection: DuckDBConnection,
  snapshot: SnapshotLayout,
  dictionary: Dictionary,
): Promise<void> {
  const schema = quotedIdentifier(snapshot.schema);
  const rawSchema = rawSchemaForDate(snapshot.date);
  await connection.run(`CREATE SCHEMA ${quotedIdentifier(rawSchema)}`);
  await connection.run(`CREATE SCHEMA ${schema}`);
  for (const table of snapshot.tables) {
    // The view binds now, reading the Parquet footer: a truncated file fails here.
    await connection
      .run(`CREATE VIEW ${quotedIdentifier(rawSchema)}.${quotedIdentifier(table.name)} AS SELECT * FROM read_parquet(${quotedString(table.source)})`)
      .catch((error: unknown) => {
        const reason = parseDuckDBError(error).message;
        throw new WorkbenchError({
          code: 'data',
          message: `Não foi possível ler a tabela ${table.name} do snapshot ${snapshot.date}: ${reason}`,
        });
      });
    const entry = dictionary.tables.get(table.name);
    await createMaskedView(connection, { rawSchema, maskedSchema: snapshot.schema, table: table.name }, entry);
    await commentView(connection, snapshot, table.name, dictionary);
  }
  for (const target of [schema, quotedIdentifier(rawSchema)]) {
    await connection.run(`CREATE MACRO ${target}.${REFERENCE_DATE_MACRO}() AS DATE ${quotedString(snapshot.date)}`);
  }
}

export async function createSnapshotViews(
  connection: DuckDBConnection,
  snapshots: readonly SnapshotLayout[],
  dictionary: Dictionary,
): Promise<void> {
  await installMaskingKey(connection);
  for (const snapshot of snapshots) await createSnapshotSchema(connection, snapshot, dictionary);
}

/** The same snapshot seen through its raw views: what an unmasked query runs against. */
export function rawLayout(snapshot: SnapshotLayout): SnapshotLayout {
  return { ...snapshot, schema: rawSchemaForDate(snapshot.date) };
}

/** Makes unqualified names on this connection resolve to that snapshot. */
export async function useSnapshot(connection: DuckDBConnection, snapshot: SnapshotLayout): Promise<void> {
  await connection.run(`SET search_path = ${quotedString(snapshot.schema)}`);
}
