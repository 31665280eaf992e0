import { useEffect, useMemo, useRef } from 'react';
import type { CellClassParams, ColDef, GridApi, GridReadyEvent, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { ResultRef, SortKey } from '../../../main/core/api/index.ts';
import { decodeIpc } from '../client/arrow.ts';
import { cellFormat, type CellFormat } from '../format/cells.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { useLocale } from '../i18n/i18n.ts';
import type { StatementResult } from '../app/query-store.ts';
import { recordPaint, testHook } from '../test-hook.ts';
import { ColumnHeader } from './ColumnHeader.tsx';
import { gridTheme } from './grid-setup.ts';
import { arrowDatasource, columnId, type ArrowRow, type SourceState } from './row-source.ts';
import { CellSelection } from './selection.ts';
import { toTsv, writeClipboard } from './tsv.ts';
import { useClient } from '../client/client-context.ts';
import { columnLabel } from '../format/column-label.ts';

const BLOCK_SIZE = 500;
const MAX_COPY_ROWS = 100_000;

interface Props {
  queryId: string;
  statementIndex: number;
  statement: StatementResult;
  onCopied(message: string): void;
  /** Fixed height in pixels (notebook and panel tables); default: fill the parent. */
  height?: number;
  /** Staff (a panel): columns by label, no SQL types. */
  forStaff?: boolean;
  /** Receives the sort on screen, so an export writes the rows in the same order. */
  sortRef?: { current: SortKey[] };
}

function readCell(row: ArrowRow | undefined, column: number): unknown {
  return row ? row.table.getChildAt(column)?.get(row.index) : undefined;
}

/** A width that fits the header and the first rows' text, within bounds. */
function initialWidth(name: string, type: string, first: StatementResult['first'], index: number, format: CellFormat): number {
  let longest = 4;
  const vector = first?.getChildAt(index);
  const sampled = Math.min(first?.numRows ?? 0, 60);
  for (let row = 0; vector && row < sampled; row++) {
    const value: unknown = vector.get(row);
    longest = Math.max(longest, value === null || value === undefined ? 4 : format.display(value).length);
  }
  const header = Math.max(name.length * 7.6 + 34, Math.min(type.length, 18) * 6.4 + 34);
  const floor = format.numeric ? 110 : 72;
  return Math.round(Math.min(360, Math.max(floor, header, longest * 7.9 + 30)));
}

// One grid instance per result (ResultArea keys it by query and statement).
export function ResultGrid({ queryId, statementIndex, statement, onCopied, height, sortRef, forStaff = false }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const api = useRef<GridApi<ArrowRow> | null>(null);
  const state = useRef<SourceState>({ first: statement.first, rowCount: statement.rowCount });
  state.current = { first: statement.first, rowCount: statement.rowCount };
  const sort = useRef<SortKey[]>([]);
  const columns = statement.columns;
  const selection = useMemo(() => new CellSelection(() => columns.length), [columns]);
  const fields = statement.first?.schema.fields;
  const formats = useMemo<CellFormat[]>(
    () => columns.map((c, i) => cellFormat(c.type, locale, [t('true'), t('false')], c.name, (fields?.[i]?.type as { timezone?: string | null } | undefined)?.timezone ?? undefined)),
    [columns, locale, t, fields],
  );
  const dragging = useRef(false);
  const result = useMemo<ResultRef>(() => ({ queryId, statementIndex }), [queryId, statementIndex]);
  // The paint of each new result is measured once, from its first batch to its rows drawn.
  const unpainted = useRef<string | null>(null);
  useEffect(() => {
    unpainted.current = `${queryId}:${statementIndex}`;
  }, [queryId, statementIndex]);
  const paintOnce = () => {
    if (unpainted.current === null) return;
    unpainted.current = null;
    const arrivedAt = state.current.first ? statement.firstArrivedAt : 0;
    requestAnimationFrame(() => recordPaint(arrivedAt));
  };

  // A new result exports in its own order until its user sorts it.
  useEffect(() => {
    if (sortRef) sortRef.current = [];
  }, [sortRef]);

  const datasource = useMemo(
    () =>
      arrowDatasource(client, result, () => state.current, (keys) => {
        sort.current = keys;
        if (sortRef) sortRef.current = keys;
      }),
    [client, result, sortRef],
  );

  const columnDefs = useMemo<ColDef<ArrowRow>[]>(() => {
    const total = statement.rowCount ?? statement.first?.numRows ?? 0;
    const digits = groupDigits(String(Math.max(total, 1000)), symbolsOf(locale).group).length;
    const rowNumber: ColDef<ArrowRow> = {
      colId: 'rownum',
      headerName: t('rowNumber'),
      valueGetter: (p: ValueGetterParams<ArrowRow>) => (p.node?.rowIndex ?? 0) + 1,
      valueFormatter: (p: ValueFormatterParams<ArrowRow>) => groupDigits(String(p.value), symbolsOf(locale).group),
      pinned: 'left',
      width: 24 + digits * 8,
      sortable: false,
      resizable: false,
      suppressMovable: true,
      cellClass: (p: CellClassParams<ArrowRow>) => (selection.contains(p.node.rowIndex ?? -1, -1) && selection.rect()?.c0 === 0 ? 'cell-rownum cell-rownum-selected' : 'cell-rownum'),
    };
    return [
      rowNumber,
      ...columns.map((column, index): ColDef<ArrowRow> => {
        const format = formats[index]!;
        return {
          colId: columnId(index),
          headerName: forStaff ? columnLabel(column.name) : column.name,
          headerComponentParams: { innerHeaderComponent: ColumnHeader, innerHeaderComponentParams: { type: forStaff ? undefined : column.type, privacy: column.privacy } },
          valueGetter: (p: ValueGetterParams<ArrowRow>) => readCell(p.data, index),
          valueFormatter: (p: ValueFormatterParams<ArrowRow>) => (p.data === undefined ? '' : p.value === null || p.value === undefined ? 'NULL' : format.display(p.value)),
          cellClass: (p: CellClassParams<ArrowRow>) => {
            const classes = [format.numeric ? 'cell-num' : 'cell-text'];
            if (p.data && (p.value === null || p.value === undefined)) classes.push('cell-null');
            if (selection.contains(p.node.rowIndex ?? -1, index)) classes.push('cell-selected');
            return classes;
          },
          width: initialWidth(column.name, column.type, statement.first, index, format),
          sortable: true,
        };
      }),
    ];
  }, [columns, formats, locale, t, selection, statement.rowCount, statement.first, forStaff]);

  // Once the statement is done its size is known: the scrollbar can reach the last row.
  useEffect(() => {
    if (statement.rowCount !== null) api.current?.setRowCount(statement.rowCount, true);
  }, [statement.rowCount, datasource]);

  useEffect(() => {
    const stop = () => (dragging.current = false);
    document.addEventListener('mouseup', stop);
    return () => document.removeEventListener('mouseup', stop);
  }, []);

  const colIndexOf = (colId: string | undefined) => (colId === 'rownum' ? -1 : Number(colId?.slice(1) ?? -1));
  const repaint = () => api.current?.refreshCells({ force: true });

  async function copySelection() {
    const rect = selection.rect();
    if (!rect) return;
    const count = Math.min(rect.r1 - rect.r0 + 1, MAX_COPY_ROWS);
    const cols = columns.slice(rect.c0, rect.c1 + 1);
    const colFormats = formats.slice(rect.c0, rect.c1 + 1);
    let rows: unknown[][];
    const loaded = Array.from({ length: count }, (_, i) => api.current?.getDisplayedRowAtIndex(rect.r0 + i)?.data);
    if (loaded.every((row) => row !== undefined)) {
      rows = loaded.map((row) => cols.map((_, j) => readCell(row, rect.c0 + j)));
    } else {
      const page = await client.fetchRows({ ...result, offset: rect.r0, limit: count, sort: sort.current });
      const table = decodeIpc(page.ipc);
      rows = Array.from({ length: table.numRows }, (_, i) => cols.map((_, j) => table.getChildAt(rect.c0 + j)?.get(i)));
    }
    const single = count === 1 && cols.length === 1;
    await writeClipboard(single ? (rows[0]?.[0] == null ? '' : colFormats[0]!.raw(rows[0][0])) : toTsv(cols.map((c) => c.name), rows, colFormats));
    onCopied(rect.r1 - rect.r0 + 1 > MAX_COPY_ROWS ? t('copyTooMany', { n: MAX_COPY_ROWS }) : single ? t('copiedCell') : t('copied', { n: rows.length }));
  }

  return (
    <div
      className="result-grid"
      data-testid="result-grid"
      style={height ? { height, width: '100%', flex: 'none' } : undefined}
      onKeyDownCapture={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
          event.preventDefault();
          void copySelection();
        }
      }}
    >
      <AgGridReact<ArrowRow>
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        columnDefs={columnDefs}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={40}
        infiniteInitialRowCount={statement.first?.numRows ?? 1}
        maxConcurrentDatasourceRequests={2}
        rowBuffer={20}
        suppressMultiSort
        tooltipShowDelay={400}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        onGridReady={(event: GridReadyEvent<ArrowRow>) => {
          api.current = event.api;
          const hook = testHook();
          hook.gridRowCount = () => event.api.getDisplayedRowCount();
          hook.scrollGridTo = (index) => event.api.ensureIndexVisible(index, 'bottom');
          if (state.current.rowCount !== null) event.api.setRowCount(state.current.rowCount, true);
        }}
        onSortChanged={(event) => event.api.ensureIndexVisible(0, 'top')}
        onFirstDataRendered={paintOnce}
        onModelUpdated={(event) => {
          if (event.api.getDisplayedRowCount() > 0 && event.api.getDisplayedRowAtIndex(0)?.data) paintOnce();
        }}
        onCellMouseDown={(event) => {
          const mouse = event.event as MouseEvent | undefined;
          if (mouse && mouse.button !== 0) return;
          selection.start({ row: event.rowIndex ?? 0, col: colIndexOf(event.column.getColId()) }, !!mouse?.shiftKey);
          dragging.current = true;
          repaint();
        }}
        onCellMouseOver={(event) => {
          if (!dragging.current) return;
          const col = colIndexOf(event.column.getColId());
          selection.focus = { row: event.rowIndex ?? 0, col: selection.anchor && selection.anchor.col < 0 ? -1 : col };
          repaint();
        }}
      />
    </div>
  );
}
