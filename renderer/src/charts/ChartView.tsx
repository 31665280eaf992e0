import { useEffect, useRef, useState } from 'react';
import type { ResultColumn, WorkbenchClient } from '../../../main/core/api/index.ts';
import type { Run } from '../app/query-store.ts';
import { decodeIpc } from '../client/arrow.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { useLocale } from '../i18n/i18n.ts';
import { exportPng, exportSvg } from './chart-export.ts';
import { asOneImage } from './chart-image.ts';
import { humanize, renderChart, rowsOf, type ChartRow, type ChartSpec } from './plot-chart.ts';
import { useClient } from '../client/client-context.ts';

/** At most this many rows of a result are drawn. */
export const CHART_ROW_LIMIT = 10_000;

interface Props {
  spec: ChartSpec | null;
  target: string;
  /** The target cell's latest run. */
  run: Run | null;
  fileName: string;
}

interface Loaded {
  queryId: string;
  rows: ChartRow[];
  columns: ResultColumn[];
  total: number;
}

/** Rows of a kept result for a chart: one page of up to 10,000 rows, decoded once. */
function useChartRows(client: WorkbenchClient, run: Run | null): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const statement = run?.status === 'done' ? run.statements.filter((s) => s.columns.length > 0).at(-1) : undefined;
  const queryId = statement ? run!.queryId : null;
  const statementIndex = statement?.statementIndex ?? 0;
  const columns = statement?.columns;
  useEffect(() => {
    if (!queryId || !columns) return;
    let live = true;
    client.fetchRows({ queryId, statementIndex, offset: 0, limit: CHART_ROW_LIMIT }).then(
      (page) => live && setLoaded({ queryId, rows: rowsOf(decodeIpc(page.ipc), columns), columns, total: page.rowCount }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, queryId, statementIndex, columns]);
  return loaded;
}

/** What the chart shows, in words: its title, else its measure by its categories, and how many points. */
function chartName(spec: ChartSpec | null, title: string | null, points: number, t: ReturnType<typeof useLocale>['t'], n: (v: number) => string): string {
  const axis = (value: unknown) => (typeof value === 'string' ? humanize(value) : '');
  const what = title ?? [axis(spec?.y), axis(spec?.x)].filter(Boolean).join(` ${t('chartBy')} `);
  return t('chartName', { what, n: n(points) });
}

export function ChartView({ spec, target, run, fileName }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const loaded = useChartRows(client, run);
  const n = (v: number) => groupDigits(String(v), symbolsOf(locale).group);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const title = typeof spec?.title === 'string' ? spec.title : null;
  const name = chartName(spec, title, loaded?.rows.length ?? 0, t, n);

  useEffect(() => {
    const element = host.current;
    if (!element || !loaded || !spec || width < 100) return;
    try {
      const chart = renderChart(spec, loaded.rows, loaded.columns, { width: Math.min(width, 1100), locale });
      element.replaceChildren(chart);
      setError(null);
      return asOneImage(element, name);
    } catch (e) {
      element.replaceChildren();
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }, [loaded, spec, width, locale, name]);

  const waiting = !loaded || loaded.queryId !== run?.queryId;
  return (
    <figure className="chart" data-testid="chart">
      {(title || loaded) && (
        <figcaption className="chart-head">
          <span className="chart-title">{title}</span>
          <span className="toolbar-spacer" />
          {loaded && loaded.total > loaded.rows.length && <span className="muted">{t('rowsShown', { n: n(loaded.rows.length), total: n(loaded.total) })}</span>}
          <button className="link-button" disabled={!loaded} onClick={() => host.current && exportSvg(host.current, fileName)}>
            {t('exportSvg')}
          </button>
          <button className="link-button" disabled={!loaded} onClick={() => host.current && void exportPng(host.current, fileName)}>
            {t('exportPng')}
          </button>
        </figcaption>
      )}
      {!run && <div className="chart-note muted">{t('chartNeedsRun', { name: target })}</div>}
      {error && <div className="chart-note error-hint">{t('chartError', { message: error })}</div>}
      <div className={waiting && run?.status === 'running' ? 'chart-plot waiting' : 'chart-plot'} ref={host} />
    </figure>
  );
}
