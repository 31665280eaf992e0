// The catalog of one snapshot: its tables with row counts, and columns with the DuckDB type
// and what the dictionary says (description, owner, privacy class).
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, TableInfo } from '../api/index.ts';
import type { Dictionary } from './dictionary.ts';
import type { SnapshotLayout } from './snapshots.ts';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
}

async function columnsBySnapshotTable(connection: DuckDBConnection, schema: string): Promise<Map<string, ColumnRow[]>> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE schema_name = $schema ORDER BY table_name, column_index`,
    { schema },
  );
  const byTable = new Map<string, ColumnRow[]>();
  for (const row of reader.getRowObjectsJS() as unknown as ColumnRow[]) {
    const rows = byTable.get(row.table_name) ?? [];
    rows.push(row);
    byTable.set(row.table_name, rows);
  }
  return byTable;
}

async function rowCount(connection: DuckDBConnection, schema: string, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM ${quotedIdentifier(schema)}.${quotedIdentifier(table)}`,
  );
  return Number(reader.getColumnsJS()[0]?.[0] ?? 0);
}

export async function readCatalog(
  connection: DuckDBConnection,
  snapshot: SnapshotLayout,
  dictionary: Dictionary,
): Promise<TableInfo[]> {
  const columnsByTable = await columnsBySnapshotTable(connection, snapshot.schema);
  const tables: TableInfo[] = [];
  for (const { name } of snapshot.tables) {
    const entry = dictionary.tables.get(name);
    const columns = (columnsByTable.get(name) ?? []).map((row): ColumnInfo => {
      const described = entry?.columns.get(row.column_name);
      const column: ColumnInfo = { name: row.column_name, type: row.data_type };
      if (described?.description !== undefined) column.description = described.description;
      if (described?.owner !== undefined) column.owner = described.owner;
      if (described?.privacy !== undefined) column.privacy = described.privacy;
      return column;
    });
    const table: TableInfo = { name, rowCount: await rowCount(connection, snapshot.schema, name), columns };
    if (entry?.description !== undefined) table.description = entry.description;
    tables.push(table);
  }
  return tables;
}
