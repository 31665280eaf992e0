// Panel mode, for secretariat staff: KPIs, tables and charts of a notebook, parameters on top,
// SQL hidden unless asked for.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { GridView } from '../exports/export-run.ts';
import type { QueryStore, Run } from '../app/query-store.ts';
import { ChartView } from '../charts/ChartView.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { ErrorPanel } from '../results/ResultArea.tsx';
import { ResultGrid } from '../results/ResultGrid.tsx';
import { resultOf, runKey, runMany, type CellRunRequest } from './cell-runs.ts';
import type { NotebookDocument, SqlCell } from './doc-edit.ts';
import { isKpiResult, KpiTiles } from './KpiTiles.tsx';
import { Markdown } from './Markdown.tsx';
import { panelLayout } from './panel-layout.ts';
import type { ParamValues } from './ParamBar.tsx';

const RERUN_DELAY_MS = 350;
/** What each tab last ran, so switching modes does not run the panel again. */
const lastRun = new Map<string, string>();

interface Props {
  store: QueryStore;
  tabKey: string;
  path: string;
  doc: NotebookDocument;
  params: ParamValues;
  snapshot: string;
  previousSnapshot: string | null;
  compare: boolean;
  showSql: boolean;
  onToast(message: string): void;
}

/** Up to 12 rows, the header, and room for the horizontal scrollbar a wide table gets (without it a one-row table was cut). */
export function tableHeight(run: Run): number {
  const statement = resultOf(run);
  const rows = statement?.rowCount ?? statement?.first?.numRows ?? 1;
  return Math.min(Math.max(rows, 1), 12) * 26 + 46 + 16;
}

export function PanelView({ store, tabKey, path, doc, params, snapshot, previousSnapshot, compare, showSql, onToast }: Props) {
  const { t } = useLocale();
  useSyncExternalStore(store.subscribe, () => store.version);
  const layout = useMemo(() => panelLayout(doc), [doc]);
  const docRef = useRef(doc);
  docRef.current = doc;
  const [openTables, setOpenTables] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const runOf = (cell: SqlCell, variant = '') => store.runOf(runKey(tabKey, cell.id, variant));

  const runSignature = JSON.stringify({ params, snapshot, compare, previousSnapshot, cells: layout.shown.map((c) => [c.id, c.source]) });
  useEffect(() => {
    if (lastRun.get(tabKey) === runSignature) return;
    setBusy(true);
    const timer = setTimeout(() => {
      lastRun.set(tabKey, runSignature);
      const current = docRef.current;
      const requests: CellRunRequest[] = layout.shown.map((cell) => ({ doc: current, path, cellId: cell.id, params, snapshot }));
      void runMany(store, tabKey, requests).then(() => {
        if (!compare || !previousSnapshot) return;
        const kpis = layout.shown.filter((cell) => !layout.charted.has(cell.name ?? '') && isKpiResult(resultOf(store.runOf(runKey(tabKey, cell.id)))));
        return runMany(store, tabKey, kpis.map((cell) => ({ doc: current, path, cellId: cell.id, params, snapshot: previousSnapshot, variant: 'anterior' })));
      }).finally(() => setBusy(lastRun.get(tabKey) !== runSignature));
    }, RERUN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [runSignature, tabKey, layout, path, params, snapshot, compare, previousSnapshot, store]);

  const isKpi = (cell: SqlCell) => !layout.charted.has(cell.name ?? '') && isKpiResult(resultOf(runOf(cell)));
  const kpiCells = layout.shown.filter(isKpi);
  const shownIds = new Set(layout.shown.map((c) => c.id));

  return (
    <div className="panel-body" data-busy={busy}>
      {kpiCells.length > 0 && (
        <section className="kpi-row" data-testid="kpi-row">
          {kpiCells.map((cell) => (
            <KpiTiles key={cell.id} run={runOf(cell)!} previous={compare ? runOf(cell, 'anterior') : null} previousDate={compare ? previousSnapshot : null} better={doc.frontMatter?.kpis ?? {}} formats={doc.frontMatter?.kpiFormats ?? {}} />
          ))}
        </section>
      )}
      {doc.cells.map((cell) => {
        if (cell.kind === 'markdown') {
          return (
            <section key={cell.id} className="panel-prose">
              <Markdown source={cell.source} />
            </section>
          );
        }
        if (cell.kind === 'chart') {
          const target = doc.cells.find((c): c is SqlCell => c.kind === 'sql' && c.name === cell.target);
          return (
            <section key={cell.id} className="panel-chart" data-testid={`panel-chart-${cell.target}`}>
              <ChartView spec={cell.spec} target={cell.target} run={target ? runOf(target) : null} fileName={`${path.replace(/\.\w+$/, '')}-${cell.target}`} />
              {target && (
                <button
                  className="link-button"
                  onClick={() =>
                    setOpenTables((previous) => {
                      const next = new Set(previous);
                      if (next.has(cell.id)) next.delete(cell.id);
                      else next.add(cell.id);
                      return next;
                    })
                  }
                >
                  {openTables.has(cell.id) ? t('hideTable') : t('showTable')}
                </button>
              )}
              {target && openTables.has(cell.id) && <CellTable run={runOf(target)} onToast={onToast} />}
            </section>
          );
        }
        if (!shownIds.has(cell.id)) return null;
        const run = runOf(cell);
        const charted = layout.charted.has(cell.name ?? '');
        const kpi = isKpi(cell);
        if ((charted || kpi) && !showSql && run?.status !== 'error') return null;
        return (
          <section key={cell.id} className="panel-cell" data-testid={`panel-cell-${cell.name ?? cell.id}`}>
            {showSql && <pre className="sql-view">{cell.source}</pre>}
            {run?.status === 'error' && <ErrorPanel run={run} />}
            {!charted && !kpi && <CellTable run={run} onToast={onToast} forStaff />}
          </section>
        );
      })}
    </div>
  );
}

interface CellTableProps {
  run: Run | null;
  /** A panel: labels instead of column names, no SQL types. */
  forStaff?: boolean;
  onToast(message: string): void;
  viewRef?: { current: GridView };
}

export function CellTable({ run, onToast, viewRef, forStaff = false }: CellTableProps) {
  const { t } = useLocale();
  const statement = resultOf(run);
  if (!run || !statement || !(statement.first || statement.rowCount !== null)) {
    return run?.status === 'running' ? <div className="cell-pending muted">{t('running')}</div> : null;
  }
  return (
    <div className={run.status === 'running' ? 'cell-table waiting' : 'cell-table'}>
      <ResultGrid queryId={run.queryId} statementIndex={statement.statementIndex} statement={statement} onCopied={onToast} height={tableHeight(run)} forStaff={forStaff} {...(viewRef ? { viewRef } : {})} />
    </div>
  );
}
