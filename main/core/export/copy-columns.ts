// The SELECT list DuckDB's COPY writes from a kept table: the result's own column names,
// text guarded against formulas (OWASP: a leading `'`), and for csv-br the Brazilian
// conventions DuckDB's CSV writer lacks (decimal comma, dd/mm/aaaa, verdadeiro/falso).
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import { uniqueNames } from '../arrow/schema.ts';

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

/** Text starting with = + - @ tab or CR gets a leading apostrophe, so no spreadsheet runs it. */
export function formulaGuardSql(text: string): string {
  return `CASE WHEN left(${text}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${text} ELSE ${text} END`;
}

const TEXT_TYPES = new Set([DuckDBTypeId.VARCHAR, DuckDBTypeId.ENUM]);
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
    const utc = id === DuckDBTypeId.TIMESTAMP_TZ ? `timezone('UTC', ${column})` : `CAST(${column} AS TIMESTAMP)`;
    const fraction = `CASE WHEN microsecond(${utc}) % 1000000 <> 0 THEN ',' || lpad(CAST(microsecond(${utc}) % 1000000 AS VARCHAR), 6, '0') ELSE '' END`;
    return `CASE WHEN isfinite(${column}) AND year(${utc}) BETWEEN 1 AND 9999 THEN strftime(${utc}, '%d/%m/%Y %H:%M:%S') || ${fraction} ELSE CAST(${column} AS VARCHAR) END`;
  }
  return column;
}

function columnSql(column: StoredColumn, dialect: CopyDialect): string {
  const { stored, type } = column;
  if (dialect === 'parquet') return TEXT_IN_PARQUET.has(type.typeId) ? `CAST(${stored} AS VARCHAR)` : stored;
  if (TEXT_TYPES.has(type.typeId)) return formulaGuardSql(`CAST(${stored} AS VARCHAR)`);
  return dialect === 'csv-br' ? brazilianSql(stored, type) : stored;
}

/** `expr AS "name", ...`; names made unique (Parquet refuses repeats). */
export function copySelectList(columns: readonly StoredColumn[], dialect: CopyDialect): string {
  const names = uniqueNames(columns.map((c) => c.name));
  return columns.map((column, i) => `${columnSql(column, dialect)} AS ${quoteIdentifier(names[i] as string)}`).join(', ');
}

export function copyOptions(dialect: CopyDialect): string {
  switch (dialect) {
    case 'csv': return `FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\r\\n'`;
    case 'csv-br': return `FORMAT csv, HEADER true, DELIMITER ';', NEW_LINE '\\r\\n'`;
    case 'parquet': return 'FORMAT parquet, COMPRESSION zstd';
  }
}
