// The grid's infinite-model datasource: first rows from the `batch` event, the rest page by
// page from the kept result on the server (sorted there when the user clicks a header, filtered
// there when the user filters, which also counts the rows kept).
import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { ResultFilter, ResultRef, SortKey, WorkbenchClient } from '../../../main/core/api/index.ts';
import { decodeIpc, type ArrowTable } from '../client/arrow.ts';

/** A grid row: a position in a decoded page; cells read the Arrow vectors directly. */
export interface ArrowRow {
  table: ArrowTable;
  index: number;
}

export interface SourceState {
  first: ArrowTable | null;
  /** Total rows once the statement is done. */
  rowCount: number | null;
}

export function sortKeys(model: SortModelItem[]): SortKey[] {
  return model.map((item) => ({ column: Number(item.colId.slice(1)), direction: item.sort }));
}

export function columnId(index: number): string {
  return `c${index}`;
}

function rowsOf(table: ArrowTable, from: number, to: number): ArrowRow[] {
  const rows: ArrowRow[] = [];
  for (let index = from; index < Math.min(to, table.numRows); index++) rows.push({ table, index });
  return rows;
}

export function arrowDatasource(
  client: WorkbenchClient,
  ref: ResultRef,
  state: () => SourceState,
  onSort: (sort: SortKey[]) => void,
  filter: readonly ResultFilter[] = [],
  onKept?: (rows: number) => void,
): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const { startRow, endRow } = params;
      const sort = sortKeys(params.sortModel);
      onSort(sort);
      const { first, rowCount } = state();
      const firstCovers = first && (endRow <= first.numRows || (rowCount !== null && rowCount <= first.numRows));
      if (sort.length === 0 && filter.length === 0 && first && firstCovers) {
        params.successCallback(rowsOf(first, startRow, endRow), rowCount ?? (first.numRows < endRow ? first.numRows : undefined));
        return;
      }
      client
        .fetchRows({ ...ref, offset: startRow, limit: endRow - startRow, sort, ...(filter.length > 0 ? { filter: [...filter] } : {}) })
        .then((page) => {
          const table = decodeIpc(page.ipc);
          if (filter.length > 0) onKept?.(page.rowCount);
          const known = filter.length > 0 ? page.rowCount : (state().rowCount ?? (page.complete ? page.rowCount : undefined));
          params.successCallback(rowsOf(table, 0, table.numRows), known);
        })
        .catch(() => params.failCallback());
    },
  };
}
