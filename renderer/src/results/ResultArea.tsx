import { useEffect, useRef, useState } from 'react';
import type { Run, StatementResult } from '../app/query-store.ts';
import { useIsAnalyst } from '../app/role.ts';
import { ExportMenu } from '../exports/ExportMenu.tsx';
import { resultExportTarget, type GridView } from '../exports/export-run.ts';
import { useLocale } from '../i18n/i18n.ts';
import { UnmaskDialog } from '../privacy/UnmaskDialog.tsx';
import { ProfileCard } from '../profile/ProfileCard.tsx';
import { ResultGrid } from './ResultGrid.tsx';
import { formatDuration } from '../format/temporal.ts';
import { onTabListKeyDown } from '../shell/tab-keys.ts';

interface Props {
  run: Run | null;
  /** The tab's title: the export's suggested file name. */
  title: string;
  onToast(message: string): void;
  /** Analysts: re-run the shown statement unmasked, with the declared purpose. */
  onUnmask?(statementIndex: number, purpose: string): Promise<void>;
  /** Names of the results by statement index, where they are not the user's statements (a comparison's three). */
  statementLabels?: readonly string[];
}

type View = 'result' | 'profile';

export function ResultArea({ run, title, onToast, onUnmask, statementLabels }: Props) {
  const { t } = useLocale();
  const [view, setView] = useState<View>('result');
  const [picked, setPicked] = useState<number | null>(null);
  const [profileColumn, setProfileColumn] = useState(0);
  const [unmasking, setUnmasking] = useState(false);
  const analyst = useIsAnalyst();
  const viewRef = useRef<GridView>({ sort: [], filter: [] });
  const withColumns = run?.statements.filter((s) => s.columns.length > 0) ?? [];
  const statement = withColumns.find((s) => s.statementIndex === picked) ?? withColumns[withColumns.length - 1] ?? null;

  // The last result stays on screen while the next one runs; each result gets a grid of its own
  // (keyed below), which measured no slower to paint than swapping one grid's datasource
  // (BENCHMARKS.md, grid_first_paint_*).
  const live = run && statement && (statement.first || statement.rowCount !== null) ? { queryId: run.queryId, statement } : null;
  const lastShown = useRef<{ queryId: string; statement: StatementResult } | null>(null);
  if (live) lastShown.current = live;
  const shown = lastShown.current;
  // Until the new run's first rows arrive, the last result stays on screen, dimmed, under how
  // long the new one has been running; a run cancelled before any rows says so.
  const waiting = run?.status === 'running' && live === null;
  const gridVisible = view === 'result' && (live !== null || waiting);
  const cancelledEmpty = view === 'result' && run?.status === 'cancelled' && live === null;

  // A new run shows its result, even if the profile was open for the last one.
  useEffect(() => {
    setPicked(null);
    setProfileColumn(0);
    setView('result');
  }, [run?.queryId]);

  return (
    <section className="result-area">
      <div className="result-tabs">
        <div className="result-tab-list" role="tablist" aria-label={t('resultViews')} onKeyDown={onTabListKeyDown}>
          <button role="tab" aria-selected={view === 'result'} tabIndex={view === 'result' ? 0 : -1} className={view === 'result' ? 'active' : ''} onClick={() => setView('result')}>
            {t('result')}
          </button>
          <button role="tab" aria-selected={view === 'profile'} tabIndex={view === 'profile' ? 0 : -1} className={view === 'profile' ? 'active' : ''} onClick={() => setView('profile')} disabled={!statement}>
            {t('profile')}
          </button>
        </div>
        {withColumns.length > 1 && (
          <div className="statement-chips">
            {withColumns.map((s) => (
              <button key={s.statementIndex} className={s === statement ? 'chip active' : 'chip'} onClick={() => setPicked(s.statementIndex)}>
                {statementLabels?.[s.statementIndex] ?? t('statement', { n: s.statementIndex + 1 })}
              </button>
            ))}
          </div>
        )}
        <span className="toolbar-spacer" />
        {run && statement && (
          <div className="result-actions">
            {run.unmasked && (
              <span className="unmasked-badge" data-testid="unmasked-badge" title={t('unmaskedTitle')}>
                {t('unmaskedBadge')}
              </span>
            )}
            {analyst && onUnmask && !run.unmasked && (
              <button className="result-action" data-testid="unmask-button" disabled={run.status !== 'done'} onClick={() => setUnmasking(true)}>
                {t('unmask')}
              </button>
            )}
            <ExportMenu
              className="result-action"
              disabled={run.status !== 'done'}
              defaultFileName={title}
              target={() => resultExportTarget(run, statement, viewRef.current)}
            />
          </div>
        )}
      </div>
      {unmasking && run && statement && onUnmask && <UnmaskDialog onUnmask={(purpose) => onUnmask(statement.statementIndex, purpose)} onClose={() => setUnmasking(false)} />}
      {run?.error && run.status === 'error' && <ErrorPanel run={run} />}
      <div className="result-body">
        {!run && (
          <div className="empty-state">
            <p>{t('noResult')}</p>
            <p className="muted">{t('noResultHint')}</p>
          </div>
        )}
        {run && !statement && run.status === 'done' && <div className="empty-state muted">{t('noColumns')}</div>}
        {waiting && view === 'result' && <RunningFor startedAt={run.startedAt} />}
        {cancelledEmpty && (
          <div className="empty-state" data-testid="cancelled-state">
            <p>{t('cancelledBeforeRows')}</p>
          </div>
        )}
        {shown && (
          <div className={gridVisible ? (waiting ? 'grid-slot waiting-rows' : 'grid-slot') : 'grid-slot hidden'}>
            {/* A grid per result: a new one starts unsorted at its first row, whatever the last one showed. */}
            <ResultGrid
              key={`${shown.queryId}:${shown.statement.statementIndex}`}
              queryId={shown.queryId}
              statementIndex={shown.statement.statementIndex}
              statement={shown.statement}
              onCopied={onToast}
              viewRef={viewRef}
            />
          </div>
        )}
        {run && statement && view === 'profile' && (
          <div className="profile-view">
            <ul className="profile-columns">
              {statement.columns.map((c, i) => (
                <li key={i}>
                  <button className={i === profileColumn ? 'active' : ''} onClick={() => setProfileColumn(i)}>
                    <span>{c.name}</span>
                    <span className="muted">{c.type.toLowerCase()}</span>
                  </button>
                </li>
              ))}
            </ul>
            {statement.rowCount === null ? (
              <div className="profile-card muted">{t('running')}</div>
            ) : (
              // A scrolling region: focusable, so the keyboard can scroll it (its text has no control).
              <div className="profile-scroll" tabIndex={0} role="region" aria-label={t('profileOf', { column: statement.columns[profileColumn]?.name ?? '' })}>
                <ProfileCard source={{ kind: 'result', queryId: run.queryId, statementIndex: statement.statementIndex, column: profileColumn }} />
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** DuckDB's message often lists its "Candidate bindings" already: no second list then. */
function listsCandidates(message: string, candidates: string[]): boolean {
  return /candidate bindings|did you mean/i.test(message) || candidates.every((name) => message.includes(name));
}

export function ErrorPanel({ run }: { run: Run }) {
  const { t } = useLocale();
  const error = run.error!;
  return (
    <div className="error-panel" data-testid="error-panel" role="alert">
      <div className="error-head">
        <span className="error-badge">{t('errorTitle')}</span>
        <span className="error-code">{error.code}</span>
        {error.line && error.column && <span className="error-pos">{t('errorAt', { line: error.line, column: error.column })}</span>}
      </div>
      <pre className="error-message">{error.message}</pre>
      {error.candidates && error.candidates.length > 0 && !listsCandidates(error.message, error.candidates) && <div className="error-hint">{t('didYouMean', { names: error.candidates.join(', ') })}</div>}
    </div>
  );
}

/** `startedAt` is the run's performance.now() at its start (query-store.ts). */
function RunningFor({ startedAt }: { startedAt: number }) {
  const { t, locale } = useLocale();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="running-state" data-testid="running-state" role="status">
      <span className="spinner small" aria-hidden />
      {t('runningFor', { t: formatDuration(Math.max(0, now - startedAt), locale) })}
    </div>
  );
}
