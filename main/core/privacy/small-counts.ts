// Small-count suppression for panels that ask for it in their front matter
// (`suprimir_contagens_pequenas: true`, or a list of column names): counts from 1 to 4 in
// aggregate cells show as "<5", so a table of counts cannot single out a person.
//
// Which columns, with `true`: INTEGER-family columns (TINYINT … HUGEINT, signed or not)
// named `n`, `count`, `count_star()`, or starting with `n_`, `qtd`, `quantidade`, `total`,
// `contagem` or `num_`. With a list: exactly the integer columns listed. Zero stays zero
// (an empty group reveals no one); NULL stays NULL.
import { quotedIdentifier } from '@duckdb/node-api';

export const SMALL_COUNT_LABEL = '<5';
const SMALL_COUNT_MAX = 4;

export type SuppressionSetting = boolean | readonly string[];

const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/i;
const COUNT_NAME = /^(n|count|count_star\(\))$|^(n_|qtd|quantidade|total|contagem|num_)/i;

export interface TypedColumn {
  name: string;
  /** DuckDB SQL type, e.g. `BIGINT`. */
  type: string;
}

/** Positions of the columns whose small counts are suppressed under `setting`. */
export function countColumnsToSuppress(columns: readonly TypedColumn[], setting: SuppressionSetting | undefined): number[] {
  if (setting === undefined || setting === false) return [];
  const listed = Array.isArray(setting) ? new Set(setting.map((name) => name.toLowerCase())) : undefined;
  const chosen: number[] = [];
  for (const [index, column] of columns.entries()) {
    if (!INTEGER_TYPE.test(column.type.trim())) continue;
    if (listed ? listed.has(column.name.toLowerCase()) : COUNT_NAME.test(column.name)) chosen.push(index);
  }
  return chosen;
}

/** One value as shown: 1–4 become "<5". */
export function suppressSmallCount<T extends number | bigint | null>(value: T): T | typeof SMALL_COUNT_LABEL {
  if (value === null) return value;
  const n = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  return n >= 1n && n <= BigInt(SMALL_COUNT_MAX) ? SMALL_COUNT_LABEL : value;
}

/**
 * A SELECT over `relation` (already quoted) with the chosen columns as VARCHAR, "<5" for
 * 1–4: for exports made by DuckDB (the columns keep their names and order).
 */
export function suppressSmallCountsSql(relation: string, columns: readonly TypedColumn[], setting: SuppressionSetting | undefined): string {
  const chosen = new Set(countColumnsToSuppress(columns, setting));
  const list = columns.map((column, index) => {
    const name = quotedIdentifier(column.name);
    if (!chosen.has(index)) return name;
    return `CASE WHEN ${name} BETWEEN 1 AND ${SMALL_COUNT_MAX} THEN '${SMALL_COUNT_LABEL}' ELSE CAST(${name} AS VARCHAR) END AS ${name}`;
  });
  return `SELECT ${list.join(', ') || '*'} FROM ${relation}`;
}
