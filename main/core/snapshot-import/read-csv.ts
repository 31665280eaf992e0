// A CSV file into `bruto.<table>`, every cell as text: its encoding, delimiter, date format
// and header given or found, a cut file or one no encoding reads refused in words.
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DictionaryTable } from '../registry/dictionary.ts';
import { detectEncoding, parseDelimiter, transcodeWindows1252 } from './csv-dialect.ts';
import type { CsvEncoding, CsvOptions } from './csv-dialect.ts';
import { Unreadable, firstRow, normalName, rawTable } from './raw-tables.ts';
import type { ReadDialect } from './raw-tables.ts';
import type { SourceFile } from './source-files.ts';

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
export async function detectDecimalComma(connection: DuckDBConnection, table: string, entry: DictionaryTable, present: ReadonlySet<string>, delimiter: string | undefined): Promise<boolean> {
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
export async function loadRawCsv(connection: DuckDBConnection, source: SourceFile, entry: DictionaryTable, options: CsvOptions, scratchDir: string): Promise<ReadDialect> {
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
