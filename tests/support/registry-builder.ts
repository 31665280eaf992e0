// The one way tests write a registry: a data folder with a dictionary and dated snapshots of
// real Parquet files written by DuckDB. A table is given as rows (each value cast to the
// column's dictionary type, so the file has exactly the types the real registry has), as a
// SELECT, or as several SELECTs written as a folder of parts (a partitioned table).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, quotedIdentifier, quotedString } from '@duckdb/node-api';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export type TableContent = readonly Row[] | { select: string } | { parts: readonly string[] };
/** Contents per table of one snapshot. */
export type Tables = Record<string, TableContent>;

export interface RegistrySpec {
  /** The text of `dicionario.yaml`. */
  dictionary: string;
  /** Snapshot date → its tables. */
  snapshots: Record<string, Tables>;
  /** Write every table of the dictionary, empty when a snapshot does not give it (as the real export does). */
  everyTable?: boolean;
}

/** Writes `<dataDir>/dicionario.yaml` and `<dataDir>/snapshots/<date>/<table>.parquet` (or `<table>/part-N.parquet`). */
export async function writeRegistry(dataDir: string, spec: RegistrySpec): Promise<void> {
  const dictionary = parseDictionary(spec.dictionary);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'dicionario.yaml'), spec.dictionary);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    for (const [date, given] of Object.entries(spec.snapshots)) {
      const unknown = Object.keys(given).filter((name) => Array.isArray(given[name]) && !dictionary.tables.has(name));
      if (unknown.length > 0) throw new Error(`tabelas desconhecidas: ${unknown.join(', ')}`);
      const folder = path.join(dataDir, 'snapshots', date);
      await mkdir(folder, { recursive: true });
      const names = spec.everyTable ? [...new Set([...dictionary.tables.keys(), ...Object.keys(given)])] : Object.keys(given);
      for (const table of names) {
        const content = given[table] ?? [];
        const copy = (select: string, file: string) => connection.run(`COPY (${select}) TO ${quotedString(file)} (FORMAT parquet)`);
        if ('parts' in content) {
          await mkdir(path.join(folder, table), { recursive: true });
          for (const [index, select] of content.parts.entries()) await copy(select, path.join(folder, table, `part-${index}.parquet`));
        } else if ('select' in content) {
          await copy(content.select, path.join(folder, `${table}.parquet`));
        } else {
          const columns = [...(dictionary.tables.get(table)?.columns ?? [])].map(([name, column]): [string, string] => {
            if (column.type === undefined) throw new Error(`${table}.${name} sem tipo no dicionário`);
            return [name, column.type];
          });
          await copy(rowsSelect(table, columns, content as readonly Row[]), path.join(folder, `${table}.parquet`));
        }
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A SELECT of the rows, every column cast to its dictionary type (no rows: WHERE false). */
function rowsSelect(table: string, columns: [string, string][], rows: readonly Row[]): string {
  const known = new Set(columns.map(([name]) => name));
  for (const row of rows) {
    const unknown = Object.keys(row).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new Error(`${table}: colunas desconhecidas ${unknown.join(', ')}`);
  }
  const select = (row: Row | undefined): string =>
    columns.map(([name, type]) => `CAST(${literal(row?.[name] ?? null)} AS ${type}) AS ${quotedIdentifier(name)}`).join(', ');
  if (rows.length === 0) return `SELECT ${select(undefined)} WHERE false`;
  return rows.map((row) => `SELECT ${select(row)}`).join(' UNION ALL ');
}

function literal(value: Cell): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quotedString(value);
}
