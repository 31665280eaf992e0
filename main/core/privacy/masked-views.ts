// The masked view of one table: `SELECT * REPLACE (<mask> AS col, ...)` over its raw view,
// for every column the dictionary classes as `identificador`. Same names, same types, same
// column order, so every query, profile, completion and export over it is masked.
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DictionaryTable } from '../registry/dictionary.ts';
import { maskExpression, publicRowsCondition } from './masking.ts';

export const RAW_SCHEMA_PREFIX = 'bruto_';

/** `bruto_2026_10_31`: the raw views of a snapshot, reachable only by an unmasked query. */
export function rawSchemaForDate(date: string): string {
  return `${RAW_SCHEMA_PREFIX}${date.replaceAll('-', '_')}`;
}

export function isRawSchema(name: string): boolean {
  return name.toLowerCase().startsWith(RAW_SCHEMA_PREFIX);
}

interface ColumnType {
  name: string;
  type: string;
}

async function columnTypes(connection: DuckDBConnection, schema: string, view: string): Promise<ColumnType[]> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE schema_name = $schema AND table_name = $view ORDER BY column_index`,
    { schema, view },
  );
  return (reader.getRowsJS() as [string, string][]).map(([name, type]) => ({ name, type }));
}

export function maskedSelect(rawRelation: string, table: string, columns: readonly ColumnType[], entry: DictionaryTable | undefined): string {
  const publicRows = publicRowsCondition(table, columns.map((c) => c.name));
  const replaced = columns
    .filter((column) => entry?.columns.get(column.name)?.privacy === 'identificador')
    .map((column) => `${maskExpression(column.name, column.type, publicRows)} AS ${quotedIdentifier(column.name)}`);
  return replaced.length === 0
    ? `SELECT * FROM ${rawRelation}`
    : `SELECT * REPLACE (${replaced.join(', ')}) FROM ${rawRelation}`;
}

/** Creates `<maskedSchema>.<table>` over `<rawSchema>.<table>`. */
export async function createMaskedView(
  connection: DuckDBConnection,
  names: { rawSchema: string; maskedSchema: string; table: string },
  entry: DictionaryTable | undefined,
): Promise<void> {
  const raw = `${quotedIdentifier(names.rawSchema)}.${quotedIdentifier(names.table)}`;
  const columns = await columnTypes(connection, names.rawSchema, names.table);
  const select = maskedSelect(raw, names.table, columns, entry);
  await connection.run(`CREATE VIEW ${quotedIdentifier(names.maskedSchema)}.${quotedIdentifier(names.table)} AS ${select}`);
}
