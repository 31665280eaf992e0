// How a kept result is filtered (kept-result.ts): each filter keeps or leaves out the rows
// whose column holds one value, or none. It runs over the kept table, which holds what the
// user was shown (masked, suppressed), never over the registry's views, so a filter can only
// find what is already on screen: a masked name matches its mask, never the name behind it.
// Values travel as bound parameters cast to the column's type, never as SQL.
import { DuckDBDecimalType, DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import type { ResultFilter } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';

export interface FilterableColumn {
  /** The kept table's positional column (c0, c1, ...). */
  stored: string;
  name: string;
  type: DuckDBType;
}

export interface FilterSql {
  /** `WHERE ...`, or empty without filters. */
  where: string;
  params: Record<string, string>;
}

// Values a user can tell apart on screen and type back: text, numbers, booleans, dates and
// times, each cast by a fixed SQL name (a type's own text may be an alias).
const BY_VALUE = new Map<DuckDBTypeId, string>([
  [DuckDBTypeId.VARCHAR, 'VARCHAR'],
  [DuckDBTypeId.BOOLEAN, 'BOOLEAN'],
  [DuckDBTypeId.TINYINT, 'TINYINT'],
  [DuckDBTypeId.SMALLINT, 'SMALLINT'],
  [DuckDBTypeId.INTEGER, 'INTEGER'],
  [DuckDBTypeId.BIGINT, 'BIGINT'],
  [DuckDBTypeId.HUGEINT, 'HUGEINT'],
  [DuckDBTypeId.UTINYINT, 'UTINYINT'],
  [DuckDBTypeId.USMALLINT, 'USMALLINT'],
  [DuckDBTypeId.UINTEGER, 'UINTEGER'],
  [DuckDBTypeId.UBIGINT, 'UBIGINT'],
  [DuckDBTypeId.UHUGEINT, 'UHUGEINT'],
  [DuckDBTypeId.FLOAT, 'FLOAT'],
  [DuckDBTypeId.DOUBLE, 'DOUBLE'],
  [DuckDBTypeId.DATE, 'DATE'],
  [DuckDBTypeId.TIMESTAMP, 'TIMESTAMP'],
  [DuckDBTypeId.TIMESTAMP_TZ, 'TIMESTAMPTZ'],
  [DuckDBTypeId.TIME, 'TIME'],
  [DuckDBTypeId.UUID, 'UUID'],
]);

/** The SQL type a value is cast to, or undefined when the column cannot be filtered by value. */
function castType(type: DuckDBType): string | undefined {
  if (type instanceof DuckDBDecimalType) return `DECIMAL(${type.width}, ${type.scale})`;
  return BY_VALUE.get(type.typeId);
}

export function filterSql(filters: readonly ResultFilter[], columns: readonly FilterableColumn[]): FilterSql {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  for (const [index, filter] of filters.entries()) {
    const column = columns[filter.column];
    if (!column) throw new WorkbenchError({ code: 'not_found', message: `Coluna ${filter.column} não existe neste resultado.` });
    if (!('value' in filter)) {
      conditions.push(`${column.stored} IS ${filter.op === 'isNull' ? '' : 'NOT '}NULL`);
      continue;
    }
    const cast = castType(column.type);
    if (cast === undefined) {
      throw new WorkbenchError({ code: 'parameter', message: `Não é possível filtrar ${column.name} por valor (tipo ${column.type.toString()}).` });
    }
    const name = `f${index}`;
    params[name] = filter.value;
    // A value that does not cast to the column's type equals nothing (TRY_CAST gives NULL).
    const value = cast === 'VARCHAR' ? `$${name}` : `TRY_CAST($${name} AS ${cast})`;
    // Leaving a value out keeps the rows without any (NULL is distinct from every value).
    conditions.push(filter.op === 'equals' ? `${column.stored} = ${value}` : `(${value} IS NULL OR ${column.stored} IS DISTINCT FROM ${value})`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
