// A document in a main-area tab: header, draft offer, parameters, then the panel or the notebook.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ParamValue, SnapshotInfo } from '../../../main/core/api/index.ts';
import type { QueryStore } from '../app/query-store.ts';
import { useIsAnalyst } from '../app/role.ts';
import { ExportMenu } from '../exports/ExportMenu.tsx';
import { formatIsoDate } from '../format/temporal.ts';
import { useLocale } from '../i18n/i18n.ts';
import { NotebookView } from './NotebookView.tsx';
import { comparisonParams, previousSnapshotOf } from './panel-layout.ts';

/** The compare-with choice that follows the panel's date: the snapshot just before it. */
const PREVIOUS = 'anterior';
import { PanelView } from './PanelView.tsx';
import { initialParams, ParamBar, type ParamValues } from './ParamBar.tsx';
import type { DocumentHandle } from './use-document.ts';

export type { DocumentMode } from './document-mode.ts';
import type { DocumentMode } from './document-mode.ts';

interface Props {
  store: QueryStore;
  tabKey: string;
  path: string;
  mode: DocumentMode;
  handle: DocumentHandle;
  snapshots: SnapshotInfo[];
  defaultSnapshot: string;
  theme: 'light' | 'dark';
  onMode(mode: DocumentMode): void;
  onToast(message: string): void;
  /** The snapshot this document shows ("Dados de"), for the status bar. */
  onSnapshot(snapshot: string): void;
  /** A new notebook, not yet a file: saving it is "Salvar como…". */
  untitled: boolean;
  onSaveAs(): void;
}

function draftTime(iso: string, locale: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = locale === 'pt-BR' ? `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}` : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function DocumentView({ store, tabKey, path, mode, handle, snapshots, defaultSnapshot, theme, onMode, onToast, onSnapshot, untitled, onSaveAs }: Props) {
  const { locale, t } = useLocale();
  const analyst = useIsAnalyst();
  const doc = handle.doc;
  const [snapshot, setSnapshot] = useState(defaultSnapshot);
  useEffect(() => onSnapshot(snapshot), [snapshot, onSnapshot]);
  const [params, setParams] = useState<ParamValues | null>(null);
  const [showSql, setShowSql] = useState(false);
  // "Comparar com": the snapshot before this one (follows the date chosen above), another
  // earlier one, or none. It sets the KPIs' comparison and, where the front matter names one
  // (`comparacao:`), the parameter the cells compare with: one control, never two that disagree.
  const [compareChoice, setCompareChoice] = useState<string>(PREVIOUS);
  const previousSnapshot = previousSnapshotOf(snapshots.map((s) => s.date), snapshot);
  const earlier = snapshots.map((s) => s.date).filter((date) => date < snapshot).sort().reverse();
  const compareWith = compareChoice === PREVIOUS || (compareChoice !== '' && !earlier.includes(compareChoice)) ? previousSnapshot : compareChoice || null;
  const panelShown = mode === 'panel' || !analyst;
  const comparisonParam = panelShown ? doc?.frontMatter?.comparison : undefined;
  const allSpecs = useMemo(() => doc?.frontMatter?.params ?? [], [doc?.frontMatter]);
  const specs = useMemo(() => allSpecs.filter((spec) => spec.name !== comparisonParam), [allSpecs, comparisonParam]);

  useEffect(() => {
    if (doc && params === null) setParams(initialParams(allSpecs));
  }, [doc, params, allSpecs]);

  // A parameter declared since (the parameters form) starts at its default.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (params === null) return;
    const known = seen.current;
    seen.current = new Set([...(known ?? []), ...allSpecs.map((spec) => spec.name)]);
    const added = known === null ? [] : allSpecs.filter((spec) => !known.has(spec.name));
    if (added.length > 0) setParams((previous) => ({ ...initialParams(added), ...previous }));
  }, [allSpecs, params]);

  const setParam = useCallback((name: string, value: ParamValue | undefined) => setParams((previous) => ({ ...previous, [name]: value })), []);
  const save = useCallback(
    () => (untitled ? onSaveAs() : void handle.save().then(() => onToast(t('docSaved')), (e: unknown) => onToast(String(e)))),
    [handle, onToast, t, untitled, onSaveAs],
  );

  if (handle.error) return <div className="doc-view"><div className="error-panel">{handle.error}</div></div>;
  if (!doc || params === null) return <div className="doc-view"><div className="empty-state muted">{t('loadingDocument')}</div></div>;
  const data = doc.frontMatter?.data ?? {};
  const shownParams = comparisonParam === undefined ? params : { ...params, ...comparisonParams(doc, compareWith) };
  const owner = typeof data.owner === 'string' ? data.owner : null;
  const purpose = typeof data.purpose === 'string' ? data.purpose : null;

  return (
    <div className={`doc-view doc-${mode}`} data-testid={`doc-${mode}`}>
      <header className="doc-head">
        <div className="doc-titles">
          <h1 data-testid="doc-title">
            {doc.title}
            {handle.dirty && <span className="dirty-mark" title={t('unsaved')}> •</span>}
          </h1>
          {owner && <div className="doc-owner">{owner}</div>}
          {purpose && <p className="doc-purpose">{purpose}</p>}
        </div>
        <div className="doc-controls">
          <label className="snapshot-field">
            <span>{t('dataAsOf')}</span>
            <select data-testid="doc-snapshot" value={snapshot} onChange={(e) => setSnapshot(e.target.value)}>
              {[...snapshots].sort((a, b) => b.date.localeCompare(a.date)).map((s) => (
                <option key={s.date} value={s.date}>
                  {formatIsoDate(s.date, locale)}
                </option>
              ))}
            </select>
          </label>
          <div className="doc-buttons">
            {panelShown && (
              <label className="snapshot-field">
                <span>{t('compareWith')}</span>
                <select data-testid="compare-with" value={previousSnapshot ? compareChoice : ''} disabled={!previousSnapshot} onChange={(e) => setCompareChoice(e.target.value)}>
                  {previousSnapshot && <option value={PREVIOUS}>{t('comparePrevious', { date: formatIsoDate(previousSnapshot, locale) })}</option>}
                  {earlier.slice(1).map((date) => (
                    <option key={date} value={date}>
                      {formatIsoDate(date, locale)}
                    </option>
                  ))}
                  <option value="">{previousSnapshot ? t('compareNone') : t('noPrevious')}</option>
                </select>
              </label>
            )}
            {mode === 'panel' && (
              <ExportMenu
                formats={['xlsx']}
                label={t('exportPanel')}
                defaultFileName={doc.title}
                target={() => ({ kind: 'document', text: handle.text(), path, params: shownParams, snapshot })}
              />
            )}
            {mode === 'panel' && analyst && (
              <button data-testid="toggle-sql" aria-pressed={showSql} onClick={() => setShowSql((v) => !v)}>
                {showSql ? t('hideSql') : t('viewSql')}
              </button>
            )}
            {analyst && (
              <button data-testid="switch-mode" onClick={() => onMode(mode === 'panel' ? 'notebook' : 'panel')}>
                {mode === 'panel' ? t('openAsNotebook') : t('openAsPanel')}
              </button>
            )}
          </div>
        </div>
      </header>
      {handle.draft && (
        <div className="draft-offer" role="alert" data-testid="draft-offer">
          <span>{t('draftOffer', { when: draftTime(handle.draft.savedAt, locale) })}</span>
          <button className="primary" data-testid="draft-recover" onClick={handle.recover}>
            {t('recover')}
          </button>
          <button data-testid="draft-discard" onClick={() => void handle.discard()}>
            {t('discard')}
          </button>
        </div>
      )}
      {handle.changedOnDisk !== null && (
        <div className="draft-offer" role="alert" data-testid="disk-changed">
          <span>{t('diskChanged')}</span>
          <button className="primary" data-testid="disk-reload" onClick={handle.reloadFromDisk}>
            {t('diskReload')}
          </button>
          <button data-testid="disk-keep" onClick={handle.keepMine}>
            {t('diskKeep')}
          </button>
        </div>
      )}
      <ParamBar specs={specs} values={params} snapshot={snapshot} text={handle.text} path={path} onChange={setParam} />
      {mode === 'panel' || !analyst ? (
        <PanelView store={store} tabKey={tabKey} path={path} doc={doc} params={shownParams} snapshot={snapshot} previousSnapshot={compareWith} compare={compareWith !== null} showSql={showSql && analyst} onToast={onToast} />
      ) : (
        <NotebookView store={store} tabKey={tabKey} path={path} handle={handle} params={params} snapshot={snapshot} theme={theme} onToast={onToast} onSave={save} onSaveAs={onSaveAs} />
      )}
    </div>
  );
}
