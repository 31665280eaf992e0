// A kept result in AG Grid: paged, sorted and filtered by the server; cells selected and copied
// like a spreadsheet; a cell's menu (right click, the menu key or Shift+F10) copies it or its
// column, or filters the result by its value. Just over 300 lines because those handlers share
// the grid's refs (api, selection, sort) and state; the menu and the filters' logic live in
// CellMenu.tsx and result-filters.ts.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellClassParams, CellContextMenuEvent, CellKeyDownEvent, ColDef, GridApi, GridReadyEvent, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { ResultRef, SortKey } from '../../../main/core/api/index.ts';
import type { GridView } from '../exports/export-run.ts';
import { decodeIpc } from '../client/arrow.ts';
import { cellFormat, type CellFormat } from '../format/cells.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { byCount, useLocale } from '../i18n/i18n.ts';
import type { StatementResult } from '../app/query-store.ts';
import { recordPaint, testHook } from '../test-hook.ts';
import { CellMenu, type CellMenuItem } from './CellMenu.tsx';
import { ColumnHeader } from './ColumnHeader.tsx';
import { FilterChips } from './FilterChips.tsx';
import { filterForCell, withFilter, type ShownFilter } from './result-filters.ts';
import { gridTheme } from './grid-setup.ts';
import { arrowDatasource, columnId, type ArrowRow, type SourceState } from './row-source.ts';
import { CellSelection } from './selection.ts';
import { toTsv, writeClipboard } from './tsv.ts';
import { useClient } from '../client/client-context.ts';
import { columnLabel } from '../format/column-label.ts';
import { useGridKeyboard } from './grid-keyboard.ts';

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
  /** Receives the sort and filters on screen, so an export writes the same rows in the same order. */
  viewRef?: { current: GridView };
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
export function ResultGrid({ queryId, statementIndex, statement, onCopied, height, viewRef, forStaff = false }: Props) {
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
  const [filters, setFilters] = useState<ShownFilter[]>([]);
  const filterKeys = useMemo(() => filters.map((shown) => shown.filter), [filters]);
  const filtered = filterKeys.length > 0 ? { filter: filterKeys } : {};
  const [keptRows, setKeptRows] = useState<number | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; row: number; col: number } | null>(null);
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

  // A new result exports whole and in its own order until its user sorts or filters it.
  useEffect(() => {
    if (viewRef) viewRef.current = { sort: [], filter: [] };
  }, [viewRef]);
  useEffect(() => {
    if (viewRef) viewRef.current = { ...viewRef.current, filter: filterKeys };
  }, [viewRef, filterKeys]);

  const datasource = useMemo(
    () =>
      arrowDatasource(
        client,
        result,
        () => state.current,
        (keys) => {
          sort.current = keys;
          if (viewRef) viewRef.current = { ...viewRef.current, sort: keys };
        },
        filterKeys,
        setKeptRows,
      ),
    [client, result, viewRef, filterKeys],
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
    if (statement.rowCount !== null && filters.length === 0) api.current?.setRowCount(statement.rowCount, true);
  }, [statement.rowCount, datasource, filters.length]);

  useEffect(() => {
    const stop = () => (dragging.current = false);
    document.addEventListener('mouseup', stop);
    return () => document.removeEventListener('mouseup', stop);
  }, []);

  const colIndexOf = (colId: string | undefined) => (colId === 'rownum' ? -1 : Number(colId?.slice(1) ?? -1));
  const repaint = () => api.current?.refreshCells({ force: true });

  /**
   * AG Grid reports a keyboard move to the selection a moment after the key (grid-keyboard.ts):
   * a copy pressed right after an arrow takes the cell the grid has focused, not the one before.
   */
  function followFocusedCell() {
    const focused = api.current?.getFocusedCell();
    const rect = selection.rect();
    if (!focused || focused.rowPinned || (rect && (rect.r0 !== rect.r1 || rect.c0 !== rect.c1))) return;
    const col = colIndexOf(focused.column.getColId());
    if (col >= 0 && (rect?.r0 !== focused.rowIndex || rect.c0 !== col)) selection.start({ row: focused.rowIndex, col }, false);
  }

  async function copySelection() {
    followFocusedCell();
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
      const page = await client.fetchRows({ ...result, offset: rect.r0, limit: count, sort: sort.current, ...filtered });
      const table = decodeIpc(page.ipc);
      rows = Array.from({ length: table.numRows }, (_, i) => cols.map((_, j) => table.getChildAt(rect.c0 + j)?.get(i)));
    }
    const single = count === 1 && cols.length === 1;
    await writeClipboard(single ? (rows[0]?.[0] == null ? '' : colFormats[0]!.raw(rows[0][0])) : toTsv(cols.map((c) => c.name), rows, colFormats));
    onCopied(rect.r1 - rect.r0 + 1 > MAX_COPY_ROWS ? t('copyTooMany', { n: MAX_COPY_ROWS }) : single ? t('copiedCell') : byCount(t, rows.length, 'copiedOne', 'copied', { n: rows.length }));
  }

  /** Every value of a column in the grid's order and filter, as a one-column TSV with its name. */
  async function copyColumn(col: number) {
    const total = filters.length > 0 ? (keptRows ?? 0) : (state.current.rowCount ?? api.current?.getDisplayedRowCount() ?? 0);
    const count = Math.min(total, MAX_COPY_ROWS);
    const page = await client.fetchRows({ ...result, offset: 0, limit: count, sort: sort.current, ...filtered });
    const table = decodeIpc(page.ipc);
    const rows = Array.from({ length: table.numRows }, (_, i) => [table.getChildAt(col)?.get(i)]);
    await writeClipboard(toTsv([columns[col]!.name], rows, [formats[col]!]));
    onCopied(total > MAX_COPY_ROWS ? t('copyTooMany', { n: MAX_COPY_ROWS }) : byCount(t, rows.length, 'copiedOne', 'copied', { n: rows.length }));
  }

  function menuItems(row: number, col: number): CellMenuItem[] {
    const value = readCell(api.current?.getDisplayedRowAtIndex(row)?.data, col);
    const column = columns[col]!;
    const shown = value === null || value === undefined ? 'NULL' : formats[col]!.display(value);
    const filterBy = (keep: boolean): CellMenuItem => {
      const made = filterForCell({ index: col, name: column.name, type: column.type }, value, shown, keep);
      return {
        id: keep ? 'filter' : 'exclude',
        label: keep ? t('menuFilterBy') : t('menuExclude'),
        ...(made ? {} : { unavailable: t('menuFilterUnavailable', { type: column.type }) }),
        act: () => made && setFilters((current) => withFilter(current, made)),
      };
    };
    return [
      { id: 'copy-cell', label: t('menuCopyCell'), act: () => void writeClipboard(value === null || value === undefined ? '' : formats[col]!.raw(value)).then(() => onCopied(t('copiedCell'))) },
      { id: 'copy-column', label: t('menuCopyColumn'), act: () => void copyColumn(col) },
      filterBy(true),
      filterBy(false),
    ];
  }

  const openMenu = (row: number, col: number, x: number, y: number) => {
    if (col < 0) return;
    selection.start({ row, col }, false);
    repaint();
    setMenu({ x, y, row, col });
  };
  const closeMenu = () => {
    const open = menu;
    setMenu(null);
    // Back to the cell the menu was opened on, for the keyboard.
    if (open) api.current?.setFocusedCell(open.row, columnId(open.col));
  };

  const keyboard = useGridKeyboard({ api, selection, repaint, colIndexOf, dragging, label: t('resultGrid', { n: columns.length }) });

  return (
    <div
      ref={keyboard.root}
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
      {filters.length > 0 && (
        <FilterChips
          filters={filters}
          rowCount={keptRows}
          onRemove={(index) => setFilters((current) => current.filter((_, i) => i !== index))}
          onClear={() => setFilters([])}
        />
      )}
      {menu && <CellMenu x={menu.x} y={menu.y} items={menuItems(menu.row, menu.col)} onClose={closeMenu} />}
      <div className="result-grid-body">
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
        {...keyboard.gridProps}
        onGridReady={(event: GridReadyEvent<ArrowRow>) => {
          api.current = event.api;
          keyboard.onGridReady();
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
        preventDefaultOnContextMenu
        onCellContextMenu={(event: CellContextMenuEvent<ArrowRow>) => {
          const mouse = event.event as MouseEvent | null | undefined;
          openMenu(event.rowIndex ?? 0, colIndexOf(event.column.getColId()), mouse?.clientX ?? 0, mouse?.clientY ?? 0);
        }}
        onCellKeyDown={(event: CellKeyDownEvent<ArrowRow>) => {
          const key = event.event as KeyboardEvent | null | undefined;
          if (!key || !(key.key === 'ContextMenu' || (key.shiftKey && key.key === 'F10'))) return;
          key.preventDefault();
          const cell = (key.target as HTMLElement).getBoundingClientRect();
          openMenu(event.rowIndex ?? 0, colIndexOf(event.column.getColId()), cell.left + 8, cell.bottom);
        }}
      />
      </div>
    </div>
  );
}
