// Reads a city export back with plain DuckDB, by what verdade.json says of each file, as
// typed views named by table: a test support, written apart from the import it tests.
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import type { FileTruth } from '../../sample-data/generator/city-export.ts';

export interface Column {
  name: string;
  type: string;
}

function typed(column: Column, file: FileTruth): string {
  const value = quotedIdentifier(column.name);
  const type = column.type.toUpperCase();
  if (file.format === 'csv' && file.decimalComma) {
    if (type.startsWith('DECIMAL')) return `CAST(replace(replace(${value}, '.', ''), ',', '.') AS ${type})`;
    if (type === 'DOUBLE') return `CAST(replace(${value}, ',', '.') AS DOUBLE)`;
  }
  if (file.format === 'csv' && file.dateFormat === 'dd/mm/aaaa') {
    if (type === 'DATE') return `CAST(strptime(${value}, '%d/%m/%Y') AS DATE)`;
    if (type === 'TIMESTAMP') return `strptime(${value}, '%d/%m/%Y %H:%M:%S')`;
  }
  return `CAST(${value} AS ${type})`;
}

/** The file's rows as text, one column per field, named after `columns` when it has no header. */
function rawRelation(dir: string, file: FileTruth, columns: readonly Column[]): string {
  const path = quotedString(join(dir, file.file));
  if (file.format === 'parquet') return `read_parquet(${path})`;
  return `read_csv(${path}, delim = ${quotedString(file.delimiter)}, header = ${file.header}, quote = '"', escape = '"',
    encoding = ${quotedString(file.encoding)}, all_varchar = true, auto_detect = false,
    columns = {${columns.map((c) => `${quotedString(c.name)}: 'VARCHAR'`).join(', ')}})`;
}

/** `CREATE VIEW <table>` over the exported file, with the clean snapshot's column types. */
export async function viewOfExport(conn: DuckDBConnection, dir: string, file: FileTruth, columns: readonly Column[]): Promise<void> {
  const list = columns.map((c) => `${typed(c, file)} AS ${quotedIdentifier(c.name)}`).join(', ');
  await conn.run(`CREATE OR REPLACE VIEW ${quotedIdentifier(file.table)} AS SELECT ${list} FROM ${rawRelation(dir, file, columns)}`);
}

export async function columnsOfParquet(conn: DuckDBConnection, file: string): Promise<Column[]> {
  const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quotedString(file)})`);
  return (reader.getRowObjectsJS() as { column_name: string; column_type: string }[]).map((r) => ({ name: r.column_name, type: r.column_type }));
}
