// How a kept result is sorted, the same for the grid's pages (kept-result.ts) and for an export
// of what the grid shows (export/kept-export.ts): NULLs last in either direction, ties in the
// result's own order (rowid), and text in Portuguese order through ICU's `pt` collation
// (built into DuckDB): "avião, Ávila, César, Conjunto", where byte order gives
// "Conjunto, César, avião, Ávila".
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType } from '@duckdb/node-api';
import type { SortKey } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';

export interface SortableColumn {
  /** The kept table's positional column (c0, c1, ...). */
  stored: string;
  type: DuckDBType;
}

function sortExpression(column: SortableColumn): string {
  return column.type.typeId === DuckDBTypeId.VARCHAR ? `${column.stored} COLLATE pt` : column.stored;
}

/** The ORDER BY keys (without the keywords) for a sort over these columns. */
export function orderByKeys(sort: readonly SortKey[], columns: readonly SortableColumn[]): string {
  const keys = sort.map((key) => {
    const column = columns[key.column];
    if (!column) throw new WorkbenchError({ code: 'not_found', message: `Coluna ${key.column} não existe neste resultado.` });
    return `${sortExpression(column)} ${key.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  return [...keys, 'rowid'].join(', ');
}
