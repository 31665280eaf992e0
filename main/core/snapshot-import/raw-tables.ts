// The tables of an import session: `bruto.<table>`, every cell as text under the names the
// file gives, and `tipado.<table>`, the dictionary's columns with their types; and how a file
// was read, for the report and the manifest.
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvEncoding } from './csv-dialect.ts';

export const RAW_SCHEMA = 'bruto';
export const TYPED_SCHEMA = 'tipado';

/** How the file was read in the end: given, or found. Kept in the manifest. */
export interface ReadDialect {
  format: 'csv' | 'parquet';
  encoding?: CsvEncoding;
  delimiter?: string;
  header?: boolean;
  decimalComma?: boolean;
  dateFormat?: string;
}

export const rawTable = (table: string) => `${RAW_SCHEMA}.${quotedIdentifier(table)}`;
export const typedTable = (table: string) => `${TYPED_SCHEMA}.${quotedIdentifier(table)}`;

/** A file that cannot be read, in words for the report (not DuckDB's). */
export class Unreadable extends Error {}

export const normalName = (name: string) => name.replace(/^\uFEFF/, '').trim().toLowerCase();

export async function columnNames(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return reader.getRowObjectsJS().map((row) => String(row.column_name));
}

export async function firstRow(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 1`);
  return (reader.getRowsJS()[0] ?? []).map((value) => (value === null ? '' : String(value)));
}
