// Hand-made miniature registries for the panel tests: every table of the real dictionary,
// written as Parquet with exactly its column types, holding only the rows a test gives.
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDictionary } from '../../../main/core/registry/dictionary.ts';
import type { Dictionary } from '../../../main/core/registry/dictionary.ts';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
/** Rows per table; a table left out is written empty. */
export type Tables = Record<string, Row[]>;

const DICTIONARY_PATH = fileURLToPath(new URL('../../../sample-data/dicionario.yaml', import.meta.url));

let dictionary: Promise<Dictionary> | undefined;

function loadDictionary(): Promise<Dictionary> {
  dictionary ??= readFile(DICTIONARY_PATH, 'utf8').then(parseDictionary);
  return dictionary;
}

function literal(value: Cell): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SELECT of the table's rows, every column cast to its dictionary type (no rows: WHERE false). */
function tableSelect(table: string, columns: [string, string][], rows: readonly Row[]): string {
  const known = new Set(columns.map(([name]) => name));
  for (const row of rows) {
    const unknown = Object.keys(row).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new Error(`${table}: colunas desconhecidas ${unknown.join(', ')}`);
  }
  const select = (row: Row | undefined): string =>
    columns.map(([name, type]) => `CAST(${literal(row?.[name] ?? null)} AS ${type}) AS ${quoted(name)}`).join(', ');
  if (rows.length === 0) return `SELECT ${select(undefined)} WHERE false`;
  return rows.map((row) => `SELECT ${select(row)}`).join(' UNION ALL ');
}

/** Writes `<dataDir>/snapshots/<date>/<table>.parquet` for every dictionary table. */
export async function writeSnapshot(dataDir: string, date: string, tables: Tables): Promise<void> {
  const dict = await loadDictionary();
  const unknown = Object.keys(tables).filter((name) => !dict.tables.has(name));
  if (unknown.length > 0) throw new Error(`tabelas desconhecidas: ${unknown.join(', ')}`);
  const folder = path.join(dataDir, 'snapshots', date);
  await mkdir(folder, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    for (const [table, entry] of dict.tables) {
      const columns = [...entry.columns].map(([name, column]): [string, string] => {
        if (column.type === undefined) throw new Error(`${table}.${name} sem tipo no dicionário`);
        return [name, column.type];
      });
      const file = path.join(folder, `${table}.parquet`).replaceAll("'", "''");
      await connection.run(`COPY (${tableSelect(table, columns, tables[table] ?? [])}) TO '${file}' (FORMAT parquet)`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface MiniRegistry {
  dataDir: string;
  remove(): Promise<void>;
}

/** A temp data dir with the dictionary and one snapshot per date given. */
export async function createMiniRegistry(snapshots: Record<string, Tables>): Promise<MiniRegistry> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-panel-'));
  await copyFile(DICTIONARY_PATH, path.join(dataDir, 'dicionario.yaml'));
  for (const [date, tables] of Object.entries(snapshots)) await writeSnapshot(dataDir, date, tables);
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}
