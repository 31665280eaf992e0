// The SELECT list DuckDB's COPY writes from a kept table: the result's own column names,
// text guarded against formulas and quoted (format/formula-guard.ts; the header line is
// written by Node with the same rule), and for csv-br the Brazilian conventions DuckDB's CSV
// writer lacks (decimal comma, dd/mm/aaaa, verdadeiro/falso).
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import { arrowFieldFor, uniqueNames } from '../arrow/schema.ts';
import { formulaGuardSql, isTextField } from '../format/formula-guard.ts';

export type CopyDialect = 'csv' | 'csv-br' | 'parquet';

export interface StoredColumn {
  name: string;
  type: DuckDBType;
  /** The kept table's positional column (c0, c1, ...). */
  stored: string;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Text a user or a data source chose (VARCHAR, JSON, ENUM, BLOB, UNION, nested...): the same test the Node writer applies. */
export function isTextColumn(column: StoredColumn): boolean {
  return isTextField(arrowFieldFor(column.name, column.type, true));
}

const FRACTIONAL = new Set([DuckDBTypeId.DECIMAL, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE]);
const TIMESTAMPS = new Set([
  DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS, DuckDBTypeId.TIMESTAMP_TZ,
]);

/**
 * What DuckDB's Parquet writer would change, kept as DuckDB's text instead: HUGEINT and
 * UHUGEINT become DOUBLE (digits lost), TIMETZ loses its offset, INTERVAL refuses negatives.
 */
const TEXT_IN_PARQUET = new Set([DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.TIME_TZ, DuckDBTypeId.INTERVAL]);

function brazilianSql(column: string, type: DuckDBType): string {
  const id = type.typeId;
  if (FRACTIONAL.has(id)) return `replace(CAST(${column} AS VARCHAR), '.', ',')`;
  if (id === DuckDBTypeId.BOOLEAN) return `CASE WHEN ${column} THEN 'verdadeiro' WHEN NOT ${column} THEN 'falso' END`;
  if (id === DuckDBTypeId.DATE) {
    return `CASE WHEN isfinite(${column}) AND year(${column}) BETWEEN 1 AND 9999 THEN strftime(${column}, '%d/%m/%Y') ELSE CAST(${column} AS VARCHAR) END`;
  }
  if (TIMESTAMPS.has(id)) {
    // A TIMESTAMPTZ as TIMESTAMP is its wall clock in the session's zone, as every writer shows it.
    const wall = `CAST(${column} AS TIMESTAMP)`;
    const fraction = `CASE WHEN microsecond(${wall}) % 1000000 <> 0 THEN ',' || lpad(CAST(microsecond(${wall}) % 1000000 AS VARCHAR), 6, '0') ELSE '' END`;
    return `CASE WHEN isfinite(${column}) AND year(${wall}) BETWEEN 1 AND 9999 THEN strftime(${wall}, '%d/%m/%Y %H:%M:%S') || ${fraction} ELSE CAST(${column} AS VARCHAR) END`;
  }
  return column;
}

function columnSql(column: StoredColumn, dialect: CopyDialect): string {
  const { stored, type } = column;
  if (dialect === 'parquet') return TEXT_IN_PARQUET.has(type.typeId) ? `CAST(${stored} AS VARCHAR)` : stored;
  if (isTextColumn(column)) return formulaGuardSql(`CAST(${stored} AS VARCHAR)`);
  return dialect === 'csv-br' ? brazilianSql(stored, type) : stored;
}

/** The column names as written: made unique (Parquet refuses repeats). */
export function copyNames(columns: readonly StoredColumn[]): string[] {
  return uniqueNames(columns.map((c) => c.name));
}

/** `expr AS "name", ...`. */
export function copySelectList(columns: readonly StoredColumn[], dialect: CopyDialect): string {
  const names = copyNames(columns);
  return columns.map((column, i) => `${columnSql(column, dialect)} AS ${quoteIdentifier(names[i] as string)}`).join(', ');
}

/**
 * COPY options. CSV: no header (Node writes it, guarded and quoted), and every value of a text
 * column quoted (FORCE_QUOTE; NULL stays an empty field).
 */
export function copyOptions(dialect: CopyDialect, columns: readonly StoredColumn[]): string {
  if (dialect === 'parquet') return 'FORMAT parquet, COMPRESSION zstd';
  const names = copyNames(columns);
  const quoted = columns.flatMap((column, i) => (isTextColumn(column) ? [quoteIdentifier(names[i] as string)] : []));
  const force = quoted.length ? `, FORCE_QUOTE (${quoted.join(', ')})` : '';
  return `FORMAT csv, HEADER false, DELIMITER '${dialect === 'csv-br' ? ';' : ','}', NEW_LINE '\\r\\n'${force}`;
}
