// One source file into two DuckDB tables of the import session: `bruto.<table>`, every cell
// as text under the names the file gives, then `tipado.<table>`, exactly the dictionary's
// columns with their types (a missing column NULL, an extra one left out). Reading as text
// first means a bad cell is counted and shown, never a reason to drop the whole file.
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseDuckDBError } from '../engine/errors.ts';
import type { DictionaryTable } from '../registry/dictionary.ts';
import { detectEncoding, parseDelimiter, transcodeWindows1252 } from './csv-dialect.ts';
import type { CsvEncoding, CsvOptions } from './csv-dialect.ts';
import { castSql, isBlankSql } from './cast-expressions.ts';
import type { NewFinding } from './findings.ts';
import { exampleSql } from './examples.ts';
import type { SourceFile } from './source-files.ts';

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

export interface LoadedTable {
  table: string;
  source: SourceFile;
  dialect: ReadDialect;
  rows: number;
  /** Dictionary columns the file lacks (NULL in the typed table; rules skip them). */
  missing: Set<string>;
}

export type ReadOutcome = { loaded: LoadedTable; findings: NewFinding[] } | { loaded?: undefined; findings: NewFinding[] };

export const rawTable = (table: string) => `${RAW_SCHEMA}.${quotedIdentifier(table)}`;
export const typedTable = (table: string) => `${TYPED_SCHEMA}.${quotedIdentifier(table)}`;

class Unreadable extends Error {}

const normalName = (name: string) => name.replace(/^\uFEFF/, '').trim().toLowerCase();

async function columnNames(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return reader.getRowObjectsJS().map((row) => String(row.column_name));
}

async function firstRow(connection: DuckDBConnection, relation: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT 1`);
  return (reader.getRowsJS()[0] ?? []).map((value) => (value === null ? '' : String(value)));
}

/** What DuckDB reads: the file itself, or its UTF-8 copy when DuckDB cannot decode it. */
interface CsvSource {
  dialect: ReadDialect;
  readable: string;
}

const duckdbEncoding = (encoding: CsvEncoding | undefined) => (encoding === 'windows-1252' ? 'utf-8' : (encoding ?? 'utf-8'));

async function csvDialect(connection: DuckDBConnection, source: SourceFile, options: CsvOptions, scratchDir: string): Promise<CsvSource> {
  let encoding = options.encoding;
  if (encoding === undefined) {
    const verdict = await detectEncoding(source.file);
    if ('mixed' in verdict) throw new Unreadable('o arquivo mistura UTF-8 e Latin-1 (parte dele foi convertida duas vezes?); nenhuma codificação o lê inteiro');
    encoding = verdict.encoding;
  }
  let readable = source.file;
  if (encoding === 'windows-1252') {
    readable = path.join(scratchDir, `${source.table}.utf8.csv`);
    await transcodeWindows1252(source.file, readable);
  }
  let delimiter = options.delimiter;
  let sniffedDate: string | undefined;
  if (delimiter === undefined || options.dateFormat === undefined) {
    const reader = await connection.runAndReadAll(`SELECT Delimiter, DateFormat FROM sniff_csv(${quotedString(readable)}, encoding = ${quotedString(duckdbEncoding(encoding))}, all_varchar = false)`);
    const row = reader.getRowObjectsJS()[0] ?? {};
    delimiter ??= parseDelimiter(String(row.Delimiter));
    if (typeof row.DateFormat === 'string' && row.DateFormat !== '') sniffedDate = row.DateFormat;
  }
  const dialect: ReadDialect = {
    format: 'csv',
    encoding,
    delimiter,
    ...(options.decimalComma !== undefined ? { decimalComma: options.decimalComma } : {}),
    dateFormat: options.dateFormat ?? sniffedDate,
    ...(options.header !== undefined ? { header: options.header } : {}),
  };
  return { dialect, readable };
}

const FRACTIONAL = /^(DECIMAL|NUMERIC)\(|^(DOUBLE|FLOAT|REAL)$/i;

/**
 * Decimal comma or point, from the file's own fractional columns: whichever mark more of their
 * values carry (`1.234,56` has both, and counts as a comma). With no fractional value to judge
 * by, a `;` file is taken as pt-BR, the spreadsheet convention.
 */
async function detectDecimalComma(connection: DuckDBConnection, table: string, entry: DictionaryTable, present: ReadonlySet<string>, delimiter: string | undefined): Promise<boolean> {
  const columns = [...entry.columns].filter(([name, spec]) => present.has(name) && FRACTIONAL.test(spec.type ?? '')).map(([name]) => quotedIdentifier(name));
  if (columns.length > 0) {
    const comma = columns.map((c) => `count(*) FILTER (WHERE regexp_full_match(trim(${c}), '[-+]?[0-9.]*,[0-9]+'))`).join(' + ');
    const point = columns.map((c) => `count(*) FILTER (WHERE regexp_full_match(trim(${c}), '[-+]?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?'))`).join(' + ');
    const [commas = 0, points = 0] = (await connection.runAndReadAll(`SELECT ${comma}, ${point} FROM ${rawTable(table)}`)).getRowsJS()[0]?.map(Number) ?? [];
    if (commas !== points) return commas > points;
  }
  return delimiter === ';';
}

function readCsvSql(file: string, dialect: ReadDialect, header: boolean, names?: readonly string[]): string {
  const settings = [
    quotedString(file),
    'all_varchar = true',
    `header = ${header}`,
    `delim = ${quotedString(dialect.delimiter ?? ',')}`,
    `encoding = ${quotedString(duckdbEncoding(dialect.encoding))}`,
    "quote = '\"'",
    "escape = '\"'",
    ...(names ? [`names = [${names.map((n) => quotedString(n)).join(', ')}]`] : []),
  ];
  return `read_csv(${settings.join(', ')})`;
}

/**
 * A file cut inside a quoted field: DuckDB reads the open quote's text to the end as a value
 * and says nothing, so the file's tail is looked at here (no final newline and an odd number
 * of quotes on its last line).
 */
async function endsInsideQuotes(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 1 << 16);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    if (length === 0 || tail[length - 1] === 0x0a) return false;
    const lastLine = tail.subarray(tail.lastIndexOf(0x0a) + 1);
    return lastLine.filter((byte) => byte === 0x22).length % 2 === 1;
  } finally {
    await handle.close();
  }
}

/** Text columns under the file's own names, lowercased; the header decided against the dictionary. */
async function loadRawCsv(connection: DuckDBConnection, source: SourceFile, entry: DictionaryTable, options: CsvOptions, scratchDir: string): Promise<ReadDialect> {
  if (await endsInsideQuotes(source.file)) throw new Unreadable('o arquivo termina no meio de um campo entre aspas (cortado?)');
  const { dialect, readable } = await csvDialect(connection, source, options, scratchDir);
  try {
    return await loadRawCsvFrom(connection, source.table, readable, entry, dialect);
  } finally {
    if (readable !== source.file) await rm(readable, { force: true });
  }
}

async function loadRawCsvFrom(connection: DuckDBConnection, table: string, file: string, entry: DictionaryTable, dialect: ReadDialect): Promise<ReadDialect> {
  const first = await firstRow(connection, readCsvSql(file, dialect, false));
  const known = new Set(entry.columns.keys());
  const header = dialect.header ?? first.filter((value) => known.has(normalName(value))).length * 2 >= first.filter((value) => value.trim() !== '').length;
  let names: string[];
  if (header) {
    names = first.map((value, index) => normalName(value) || `coluna_${index + 1}`);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    if (repeated.length > 0) throw new Unreadable(`o cabeçalho repete a coluna ${repeated[0]}`);
  } else {
    names = [...known];
    if (first.length !== names.length) throw new Unreadable(`sem cabeçalho, o arquivo tem ${first.length} colunas e o dicionário ${names.length}: não há como saber qual é qual`);
  }
  await connection.run(`CREATE TABLE ${rawTable(table)} AS SELECT * FROM ${readCsvSql(file, dialect, header, names)}`);
  return { ...dialect, header };
}

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

// A file DuckDB cannot read is an `arquivo_ilegivel` finding and no table.
/** Reads one file (`scratchDir`: the import's private temp folder, for a UTF-8 copy DuckDB can read). */
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
  await connection.run(`CREATE TABLE ${typedTable(table)} AS SELECT ${typed.join(', ')} FROM ${rawTable(table)}`);
  if (checks.length > 0) {
    // Raw and typed rows side by side (same order: one is made from the other), so no value is
    // cast twice; the cast runs again only for the few examples of a column that has some.
    const invalid = checks.map(({ column }) => `count(*) FILTER (WHERE NOT ${isBlankSql(`r.${quotedIdentifier(column)}`)} AND t.${quotedIdentifier(column)} IS NULL)`);
    const reader = await connection.runAndReadAll(`SELECT ${invalid.join(', ')} FROM ${rawTable(table)} r POSITIONAL JOIN ${typedTable(table)} t`);
    const counts = (reader.getRowsJS()[0] ?? []).map(Number);
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
