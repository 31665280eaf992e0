// How one table's file is written in a city export: the dialects a city's systems actually
// use (Latin-1, `;`, decimal comma with thousands dots, dd/mm/aaaa, quoted or not, with or
// without a header, or Parquet as is), chosen per table from the seed so the same seed always
// gives the same files, and the SQL that writes a table in its dialect.
import { createHash } from 'node:crypto';
import { quotedIdentifier } from '@duckdb/node-api';

export type ExportEncoding = 'utf-8' | 'latin-1';
export type ExportDelimiter = ';' | ',' | '|';
export type ExportDateFormat = 'dd/mm/aaaa' | 'aaaa-mm-dd';

export interface CsvDialect {
  format: 'csv';
  encoding: ExportEncoding;
  delimiter: ExportDelimiter;
  header: boolean;
  /** Every field in double quotes (the header too); otherwise only where DuckDB must quote. */
  quoted: boolean;
  /** DECIMAL as `1.234,56` (thousands dots), DOUBLE as `0,5`; otherwise DuckDB's `1234.56`. */
  decimalComma: boolean;
  /** Dates; timestamps follow as `dd/mm/aaaa hh:mm:ss` or DuckDB's `aaaa-mm-dd hh:mm:ss`. */
  dateFormat: ExportDateFormat;
}

export type TableDialect = CsvDialect | { format: 'parquet' };

/** A uniform number in [0, 1) from the seed, the table and what is being chosen. */
function uniform(seed: number, table: string, what: string): number {
  const digest = createHash('sha256').update(`${seed}\u0000${table}\u0000${what}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * The dialect of a table's file. Weighted towards what Brazilian municipal systems produce:
 * Latin-1, `;`, decimal comma and dd/mm/aaaa; a comma-delimited file never has a decimal
 * comma (the city's systems that write `,` write `1234.56`).
 */
export function chooseDialect(seed: number, table: string): TableDialect {
  const u = (what: string) => uniform(seed, table, what);
  if (u('parquet') < 0.2) return { format: 'parquet' };
  const d = u('delimiter');
  const delimiter: ExportDelimiter = d < 0.6 ? ';' : d < 0.8 ? '|' : ',';
  return {
    format: 'csv',
    encoding: u('encoding') < 0.6 ? 'latin-1' : 'utf-8',
    delimiter,
    header: u('header') < 0.8,
    quoted: u('quoted') < 0.5,
    decimalComma: delimiter !== ',' && u('decimal') < 0.8,
    dateFormat: u('date') < 0.7 ? 'dd/mm/aaaa' : 'aaaa-mm-dd',
  };
}

export interface ColumnType {
  name: string;
  /** DuckDB's type name, e.g. `DECIMAL(14,2)`. */
  type: string;
}

/** `1.234.567,89`: the integer part with thousands dots, a comma, then every fraction digit. */
function decimalCommaSql(column: string, scale: number): string {
  const integer = `replace(format('{:,}', CAST(trunc(abs(${column})) AS HUGEINT)), ',', '.')`;
  const fraction = scale > 0 ? ` || ',' || split_part(CAST(abs(${column}) AS VARCHAR), '.', 2)` : '';
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE (CASE WHEN ${column} < 0 THEN '-' ELSE '' END) || ${integer}${fraction} END`;
}

function columnSql(column: ColumnType, dialect: CsvDialect): string {
  const name = quotedIdentifier(column.name);
  if (!dialect.decimalComma) return name;
  const decimal = /^DECIMAL\(\d+,(\d+)\)$/i.exec(column.type);
  if (decimal) return `${decimalCommaSql(name, Number(decimal[1]))} AS ${name}`;
  if (/^(DOUBLE|FLOAT|REAL)$/i.test(column.type)) return `replace(CAST(${name} AS VARCHAR), '.', ',') AS ${name}`;
  return name;
}

/** The select list that writes these columns in the dialect (dates are COPY's job). */
export function csvSelectList(columns: readonly ColumnType[], dialect: CsvDialect): string {
  return columns.map((column) => columnSql(column, dialect)).join(', ');
}

/** COPY options of the dialect; DuckDB always writes UTF-8 (Latin-1 is transcoded afterwards). */
export function csvCopyOptions(dialect: CsvDialect): string {
  const options = [
    'FORMAT csv',
    `DELIMITER '${dialect.delimiter}'`,
    `HEADER ${dialect.header ? 'true' : 'false'}`,
    ...(dialect.quoted ? ['FORCE_QUOTE *'] : []),
    ...(dialect.dateFormat === 'dd/mm/aaaa' ? ["DATEFORMAT '%d/%m/%Y'", "TIMESTAMPFORMAT '%d/%m/%Y %H:%M:%S'"] : []),
  ];
  return options.join(', ');
}
