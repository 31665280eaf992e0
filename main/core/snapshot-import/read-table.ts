// One source file into the import session: every cell as text first (`bruto.<table>`), then
// exactly the dictionary's columns with their types (`tipado.<table>`: a missing column NULL,
// an extra one left out). Reading as text first means a bad cell is counted and shown, never
// a reason to drop the whole file.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseDuckDBError } from '../engine/errors.ts';
import type { DictionaryTable } from '../registry/dictionary.ts';
import type { CsvOptions } from './csv-dialect.ts';
import { castSql, isBlankSql } from './cast-expressions.ts';
import type { NewFinding } from './findings.ts';
import { exampleSql } from './examples.ts';
import { Unreadable, columnNames, normalName, rawTable, typedTable } from './raw-tables.ts';
import type { ReadDialect } from './raw-tables.ts';
import { detectDecimalComma, loadRawCsv } from './read-csv.ts';
import type { SourceFile } from './source-files.ts';

export interface LoadedTable {
  table: string;
  source: SourceFile;
  dialect: ReadDialect;
  rows: number;
  /** Dictionary columns the file lacks (NULL in the typed table; rules skip them). */
  missing: Set<string>;
}

export type ReadOutcome = { loaded: LoadedTable; findings: NewFinding[] } | { loaded?: undefined; findings: NewFinding[] };

async function loadRawParquet(connection: DuckDBConnection, source: SourceFile): Promise<ReadDialect> {
  const relation = `read_parquet(${quotedString(source.file)})`;
  const columns = await columnNames(connection, relation);
  const names = columns.map(normalName);
  const select = columns.map((column, index) => `CAST(${quotedIdentifier(column)} AS VARCHAR) AS ${quotedIdentifier(names[index] as string)}`);
  await connection.run(`CREATE TABLE ${rawTable(source.table)} AS SELECT ${select.join(', ')} FROM ${relation}`);
  return { format: 'parquet' };
}

async function countOne(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Reads one file into `tipado.<table>` (`scratchDir`: the import's private temp folder, for a
 * UTF-8 copy DuckDB can read). A file DuckDB cannot read is an `arquivo_ilegivel` finding
 * and no table.
 */
/** The temporary column holding whether the index-th checked cast failed. */
function invalidFlag(index: number): string {
  return quotedIdentifier(`__invalido_${index}`);
}

export async function readTable(connection: DuckDBConnection, source: SourceFile, entry: DictionaryTable, options: CsvOptions, scratchDir: string): Promise<ReadOutcome> {
  const { table } = source;
  let dialect: ReadDialect;
  try {
    dialect = source.format === 'parquet' ? await loadRawParquet(connection, source) : await loadRawCsv(connection, source, entry, options, scratchDir);
  } catch (error) {
    await connection.run(`DROP TABLE IF EXISTS ${rawTable(table)}`);
    const parsed = parseDuckDBError(error);
    // Our own SQL being wrong is a bug to see, never a verdict on the city's file.
    if (!(error instanceof Unreadable) && ['Parser', 'Binder', 'Catalog'].includes(parsed.type ?? '')) throw error;
    const why = error instanceof Unreadable ? error.message : parsed.message.split('\n')[0];
    return { findings: [{ rule: 'arquivo_ilegivel', table, count: 1, message: `O arquivo ${source.file} não pôde ser lido: ${why}. A tabela não foi importada.` }] };
  }
  const findings: NewFinding[] = [];
  const present = new Set(await columnNames(connection, rawTable(table)));
  const missing = new Set([...entry.columns.keys()].filter((name) => !present.has(name)));
  for (const column of missing) findings.push({ rule: 'coluna_ausente', table, column, count: 1, message: `Falta a coluna ${column} em ${table}; ela fica nula no snapshot.` });
  for (const column of present) {
    if (!entry.columns.has(column)) findings.push({ rule: 'coluna_extra', table, column, count: 1, message: `A coluna ${column} de ${table} não está no dicionário; não foi importada.` });
  }
  if (dialect.format === 'csv' && dialect.decimalComma === undefined) dialect = { ...dialect, decimalComma: await detectDecimalComma(connection, table, entry, present, dialect.delimiter) };
  const style = { decimalComma: dialect.decimalComma ?? false, ...(dialect.dateFormat ? { dateFormat: dialect.dateFormat } : {}) };
  const typed: string[] = [];
  const checks: { column: string; invalid: string }[] = [];
  for (const [column, spec] of entry.columns) {
    const type = spec.type ?? 'VARCHAR';
    const name = quotedIdentifier(column);
    if (missing.has(column)) {
      typed.push(`CAST(NULL AS ${type}) AS ${name}`);
      continue;
    }
    const cast = castSql(name, type, style);
    typed.push(`${cast} AS ${name}`);
    if (cast !== name) checks.push({ column, invalid: `NOT ${isBlankSql(name)} AND (${cast}) IS NULL` });
  }
  // Each cast's "did not cast" flag is computed in the same pass, beside its value (DuckDB
  // shares the repeated cast within the row), then counted and dropped. Pairing raw and typed
  // rows afterwards by position is not safe: with more than one thread, a table made from
  // another need not keep its rows in the same positions (tests/snapshot-import/values-past-one-row-group.test.ts).
  const flags = checks.map(({ invalid }, index) => `(${invalid}) AS ${invalidFlag(index)}`);
  await connection.run(`CREATE TABLE ${typedTable(table)} AS SELECT ${[...typed, ...flags].join(', ')} FROM ${rawTable(table)}`);
  if (checks.length > 0) {
    const counts = (
      (await connection.runAndReadAll(`SELECT ${checks.map((_, index) => `count(*) FILTER (WHERE ${invalidFlag(index)})`).join(', ')} FROM ${typedTable(table)}`)).getRowsJS()[0] ?? []
    ).map(Number);
    for (const index of checks.keys()) await connection.run(`ALTER TABLE ${typedTable(table)} DROP COLUMN ${invalidFlag(index)}`);
    for (const [index, check] of checks.entries()) {
      const count = counts[index] ?? 0;
      if (count === 0) continue;
      const type = entry.columns.get(check.column)?.type ?? 'VARCHAR';
      const examples = await exampleSql(connection, rawTable(table), check.column, entry.columns.get(check.column), check.invalid);
      findings.push({ rule: 'tipo_invalido', table, column: check.column, count, examples, message: `${count} valores de ${table}.${check.column} não são ${type}; ficam nulos no snapshot.` });
    }
  }
  const rows = await countOne(connection, `SELECT count(*) FROM ${typedTable(table)}`);
  await connection.run(`DROP TABLE ${rawTable(table)}`);
  return { loaded: { table, source, dialect, rows, missing }, findings };
}
