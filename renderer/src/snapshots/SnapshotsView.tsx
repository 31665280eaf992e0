// Retratos: every snapshot of the registry as a thing of its own, for the data team and the
// data protection officer. Each date with its size, rows and how it was published (who, when,
// from where, the validation's verdict and findings, a forced publish's reason); the rows of
// every table over time, with the month's change; and two snapshots of a table compared by its
// key (added, removed, changed rows, masked), shown and exported like any result.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SnapshotInfo, SnapshotOverview } from '../../../main/core/api/index.ts';
import type { QueryStore } from '../app/query-store.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { useClient } from '../client/client-context.ts';
import { groupDigits, symbolsOf } from '../format/numbers.ts';
import { formatIsoDate } from '../format/temporal.ts';
import { useLocale, type Translate } from '../i18n/i18n.ts';
import { ResultArea } from '../results/ResultArea.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { ImportMonth } from './ImportMonth.tsx';

export const COMPARE_RUN_KEY = 'retratos:comparar';

interface Props {
  store: QueryStore;
  /** The snapshots the app knows: a newly published one reloads the screen. */
  snapshots: SnapshotInfo[];
  onToast(message: string): void;
  /** A month published from here: the app asks for its snapshots again. */
  onPublished(): void;
}

function statusOf(snapshot: SnapshotOverview, t: Translate): { label: string; tone: 'ok' | 'warn' | 'bad' | 'none' } {
  if (snapshot.manifestProblem !== undefined) return { label: t('snapshotsManifestProblem'), tone: 'bad' };
  const publication = snapshot.publication;
  if (publication === undefined) return { label: t('snapshotsNoManifest'), tone: 'none' };
  if (publication.forced !== undefined) return { label: t('snapshotsForced', { n: publication.blocking }), tone: 'bad' };
  if (publication.warnings > 0) return { label: t('snapshotsWarnings', { n: publication.warnings }), tone: 'warn' };
  return { label: t('snapshotsValid'), tone: 'ok' };
}

function megabytes(bytes: number, locale: string): string {
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

export function SnapshotsView({ store, snapshots, onToast, onPublished }: Props) {
  const client = useClient();
  const { locale, t } = useLocale();
  const [overview, setOverview] = useState<SnapshotOverview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);

  useEffect(() => {
    let live = true;
    client.snapshotOverview({}).then(
      (loaded) => live && (setOverview(loaded), setError(null)),
      (e: unknown) => live && setError(apiErrorOf(e).message),
    );
    return () => {
      live = false;
    };
  }, [client, snapshots, reloads]);

  const dates = useMemo(() => (overview ?? []).map((s) => s.date), [overview]);
  const tableNames = useMemo(() => [...new Set((overview ?? []).flatMap((s) => s.tables.map((table) => table.name)))].sort(), [overview]);
  const details = overview?.find((s) => s.date === (picked ?? dates.at(-1))) ?? null;

  return (
    <div className="snapshots-view" data-testid="snapshots-view">
      <header className="audit-head">
        <h1>{t('snapshotsTitle')}</h1>
        <p className="muted">{t('snapshotsIntro')}</p>
      </header>
      {error && <p className="error-text">{error}</p>}
      {overview === null && !error && <p className="muted">{t('loading')}</p>}
      {overview && (
        <div className="snapshots-body">
          <section>
            <h2>{t('snapshotsListTitle')}</h2>
            <table className="audit-table snapshots-table" data-testid="snapshots-list">
              <thead>
                <tr>
                  <th>{t('snapshotsDate')}</th>
                  <th className="num">{t('snapshotsTables')}</th>
                  <th className="num">{t('snapshotsRows')}</th>
                  <th className="num">{t('snapshotsSize')}</th>
                  <th>{t('snapshotsPublishedBy')}</th>
                  <th>{t('snapshotsValidation')}</th>
                </tr>
              </thead>
              <tbody>
                {[...overview].reverse().map((snapshot) => {
                  const status = statusOf(snapshot, t);
                  const publication = snapshot.publication;
                  return (
                    <tr
                      key={snapshot.date}
                      className={details?.date === snapshot.date ? 'selected' : ''}
                      tabIndex={0}
                      aria-selected={details?.date === snapshot.date}
                      onClick={() => setPicked(snapshot.date)}
                      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setPicked(snapshot.date))}
                      data-testid={`snapshot-row-${snapshot.date}`}
                    >
                      <td>{formatIsoDate(snapshot.date, locale)}</td>
                      <td className="num">{snapshot.tables.length}</td>
                      <td className="num">{n(snapshot.tables.reduce((sum, table) => sum + table.rows, 0))}</td>
                      <td className="num">{megabytes(snapshot.bytes, locale)}</td>
                      <td>{publication ? `${publication.user}, ${new Date(publication.publishedAt).toLocaleString(locale)}` : '—'}</td>
                      <td>
                        <span className={`status-badge ${status.tone}`}>{status.label}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <ImportMonth
            newest={dates.at(-1)}
            onPublished={(date) => {
              onToast(t('importPublished', { date: formatIsoDate(date, locale) }));
              setPicked(date);
              setReloads((n) => n + 1);
              onPublished();
            }}
          />
          {details && (
            <section data-testid="snapshot-details">
              <h2>{t('snapshotsDetailsTitle', { date: formatIsoDate(details.date, locale) })}</h2>
              {details.manifestProblem && <p className="error-text">{details.manifestProblem}</p>}
              {details.publication ? (
                <>
                  <p className="muted">
                    {t('snapshotsFrom', { from: details.publication.from })}
                    {details.publication.reports.length > 0 && ` · ${t('snapshotsReports', { files: details.publication.reports.join(', ') })}`}
                  </p>
                  {details.publication.forced && <p className="warning-text">{t('snapshotsForcedWhy', { motivo: details.publication.forced })}</p>}
                  {details.publication.findings.length === 0 ? (
                    <p>{t('snapshotsNoFindings')}</p>
                  ) : (
                    <FindingsTable findings={details.publication.findings} testId="snapshot-findings" />
                  )}
                </>
              ) : (
                !details.manifestProblem && <p className="muted">{t('snapshotsNoManifestWhy')}</p>
              )}
            </section>
          )}
          <RowsOverTime overview={overview} tableNames={tableNames} />
          <CompareSnapshots store={store} dates={dates} tableNames={tableNames} onToast={onToast} />
        </div>
      )}
    </div>
  );
}

/** Rows of each table per snapshot, oldest first, with the change from the snapshot before. */
function RowsOverTime({ overview, tableNames }: { overview: SnapshotOverview[]; tableNames: string[] }) {
  const { locale, t } = useLocale();
  const n = (value: number) => groupDigits(String(value), symbolsOf(locale).group);
  const rowsOf = (snapshot: SnapshotOverview | undefined, table: string) => snapshot?.tables.find((entry) => entry.name === table)?.rows;
  return (
    <section>
      <h2>{t('snapshotsRowsTitle')}</h2>
      <div className="snapshots-scroll">
        <table className="audit-table" data-testid="snapshot-rows-over-time">
          <thead>
            <tr>
              <th>{t('snapshotsTable')}</th>
              {overview.map((snapshot) => (
                <th key={snapshot.date} className="num">
                  {formatIsoDate(snapshot.date, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tableNames.map((table) => (
              <tr key={table}>
                <td>{table}</td>
                {overview.map((snapshot, index) => {
                  const rows = rowsOf(snapshot, table);
                  const before = index > 0 ? rowsOf(overview[index - 1], table) : undefined;
                  const change = rows !== undefined && before !== undefined && before > 0 ? (rows - before) / before : undefined;
                  const notable = change !== undefined && Math.abs(change) >= 0.05;
                  return (
                    <td key={snapshot.date} className="num">
                      {rows === undefined ? '—' : n(rows)}
                      {change !== undefined && change !== 0 && (
                        <span className={notable ? 'change notable' : 'change'}>
                          {' '}
                          {change > 0 ? '+' : ''}
                          {(change * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CompareSnapshots({ store, dates, tableNames, onToast }: { store: QueryStore; dates: string[]; tableNames: string[]; onToast(message: string): void }) {
  const { locale, t } = useLocale();
  const [table, setTable] = useState(tableNames.includes('pessoa') ? 'pessoa' : (tableNames[0] ?? ''));
  const [from, setFrom] = useState(dates.at(-2) ?? dates[0] ?? '');
  const [to, setTo] = useState(dates.at(-1) ?? '');
  const run = store.runOf(COMPARE_RUN_KEY);
  const result = useRef<HTMLDivElement>(null);
  // A new comparison is brought into view: the form sits below the long tables.
  useEffect(() => result.current?.scrollIntoView({ block: 'nearest' }), [run?.queryId]);
  const dateOptions = dates.map((date) => (
    <option key={date} value={date}>
      {formatIsoDate(date, locale)}
    </option>
  ));
  return (
    <section className="snapshots-compare">
      <h2>{t('snapshotsCompareTitle')}</h2>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (from === to) onToast(t('snapshotsCompareSame'));
          else void store.diffSnapshots(COMPARE_RUN_KEY, { table, from, to });
        }}
      >
        <label>
          {t('snapshotsTable')}
          <select data-testid="compare-table" value={table} onChange={(e) => setTable(e.target.value)}>
            {tableNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('snapshotsCompareFrom')}
          <select data-testid="compare-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {dateOptions}
          </select>
        </label>
        <label>
          {t('snapshotsCompareTo')}
          <select data-testid="compare-to" value={to} onChange={(e) => setTo(e.target.value)}>
            {dateOptions}
          </select>
        </label>
        <button type="submit" data-testid="compare-run" disabled={run?.status === 'running' || dates.length < 2}>
          {t('snapshotsCompareRun')}
        </button>
      </form>
      <p className="muted">{t('snapshotsCompareHint')}</p>
      {run && (
        <div className="snapshots-compare-result" ref={result}>
          <ResultArea
            run={run}
            title={`comparacao-${table}-${from}-${to}`}
            onToast={onToast}
            statementLabels={[t('snapshotsCompareSummary'), t('snapshotsCompareColumns'), t('snapshotsCompareRows')]}
          />
        </div>
      )}
    </section>
  );
}
