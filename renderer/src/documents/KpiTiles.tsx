// A one-row result as tiles: each numeric column a big number, with the change against the
// same cell run on the previous snapshot when that comparison is on: green when it went the
// way the document's `kpis:` calls better, red when the other way, neutral where it says
// nothing (a number going up is not good news by itself).
import type { Run, StatementResult } from '../app/query-store.ts';
import { columnFormats, rowsOf, type ChartRow } from '../charts/plot-chart.ts';
import { columnLabel } from '../format/column-label.ts';
import { formatIsoDate } from '../format/temporal.ts';
import { useLocale } from '../i18n/i18n.ts';
import { resultOf } from './cell-runs.ts';
import { kpiChangeTone } from '../../../main/core/documents/kpi-directions.ts';
import type { KpiDirection, KpiFormat } from '../../../main/core/documents/types.ts';
import { kpiFormatter } from './kpi-format.ts';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DOUBLE|FLOAT|REAL|DECIMAL\(.*\))$/i;

/** A one-row result whose columns are all numbers reads as KPIs rather than a table. */
export function isKpiResult(statement: StatementResult | null): boolean {
  return !!statement && statement.rowCount === 1 && !!statement.first && statement.columns.length > 0 && statement.columns.every((c) => NUMERIC.test(c.type));
}

function firstRow(statement: StatementResult | null): ChartRow | null {
  return statement?.first && statement.first.numRows > 0 ? (rowsOf(statement.first, statement.columns)[0] ?? null) : null;
}

interface Props {
  run: Run;
  previous: Run | null;
  previousDate: string | null;
  /** Which way is better for each KPI column, as the document's `kpis:` says. */
  better: Readonly<Record<string, KpiDirection>>;
  /** How each KPI's number is written, where the document's `kpis:` says. */
  formats: Readonly<Record<string, KpiFormat>>;
}

const TONE_WORD = { good: 'kpiGood', bad: 'kpiBad', neutral: null } as const;

export function KpiTiles({ run, previous, previousDate, better, formats }: Props) {
  const { locale, t } = useLocale();
  const statement = resultOf(run);
  const row = firstRow(statement);
  const before = previous?.status === 'done' ? firstRow(resultOf(previous)) : null;
  if (!statement || !row) return null;
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'always' });
  const toneWord = (tone: keyof typeof TONE_WORD) => (TONE_WORD[tone] === null ? '' : t(TONE_WORD[tone]));
  return (
    <>
      {statement.columns.map((column) => {
        const full = kpiFormatter(column.name, column.type, locale, formats[column.name]);
        const value = row[column.name];
        const old = before?.[column.name];
        const text = value === null ? '—' : full(value);
        const delta = typeof value === 'number' && typeof old === 'number' ? value - old : null;
        const tone = delta === null ? 'neutral' : kpiChangeTone(delta, better[column.name]);
        return (
          <div key={column.name} className="kpi" data-testid={`kpi-${column.name}`}>
            <div className="kpi-label">{columnLabel(column.name)}</div>
            <div className={text.length > 12 ? 'kpi-value long' : 'kpi-value'} data-testid="kpi-value" title={value === null ? '' : columnFormats(column.name, column.type, locale).full(value)}>
              {text}
            </div>
            {delta !== null && previousDate && (
              <div
                className={`kpi-delta ${tone}`}
                data-tone={tone}
                title={[t('previousSnapshot', { date: formatIsoDate(previousDate, locale) }), toneWord(tone)].filter(Boolean).join(' · ')}
              >
                {delta > 0 ? '▲' : delta < 0 ? '▼' : '='} {delta > 0 ? '+' : ''}
                {full(delta)}
                {typeof old === 'number' && old !== 0 && <span className="kpi-pct"> ({percent.format((delta / Math.abs(old)) * 100)}%)</span>}
                <span className="kpi-against"> {t('previousSnapshot', { date: formatIsoDate(previousDate, locale) })}</span>
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}
