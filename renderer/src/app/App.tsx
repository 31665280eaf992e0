// The workbench window: the rail, the tab bar over the main area (SQL tabs, open documents,
// the audit log), the status bar and the palette. State lives in the workspace hook (SQL tabs,
// locale, theme, time limit), the query store (runs) and the main-tabs reducer (documents and
// the audit tab); this file only wires them together.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { DocumentSummary, HistoryEntry, TableInfo, WorkbenchInfo, Workspace } from '../../../main/core/api/index.ts';
import { AuditView } from '../audit/AuditView.tsx';
import { COMPARE_RUN_KEY, SnapshotsView } from '../snapshots/SnapshotsView.tsx';
import { useClient } from '../client/client-context.ts';
import { DocumentTab } from '../documents/DocumentTab.tsx';
import { registerCompletion } from '../editor/completion.ts';
import type { SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { LocaleContext, translator } from '../i18n/i18n.ts';
import { Palette } from '../shell/Palette.tsx';
import { StatusBar } from '../shell/StatusBar.tsx';
import { SkipLinks } from '../shell/SkipLinks.tsx';
import { TabBar, tabPanelProps } from '../shell/TabBar.tsx';
import { focusGridIn } from '../results/grid-focus.ts';
import { NO_MAIN_TABS, documentRunsKey, isShown, mainTabsReducer, persistedTabs, type MainTabs } from './main-tabs.ts';
import { useAuthoring } from './use-authoring.ts';
import type { QueryStore } from './query-store.ts';
import { Rail } from './Rail.tsx';
import { RoleContext } from './role.ts';
import { SqlWorkspace } from './SqlWorkspace.tsx';
import { useRunMarkers } from './use-run-markers.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { useSplit } from './use-split.ts';
import { useToast } from './use-toast.ts';
import { tabBarModel } from './tab-bar-model.ts';
import { useWorkspace } from './workspace.ts';
import { WorkspaceDisplaced } from './WorkspaceDisplaced.tsx';
import { useSqlRun } from './use-sql-run.tsx';
import { usePublishedSnapshots } from './use-published-snapshots.ts';
import { formatIsoDate } from '../format/temporal.ts';

interface Props {
  store: QueryStore;
  info: WorkbenchInfo;
  workspace: Workspace;
}

export function App({ store, info, workspace }: Props) {
  const client = useClient();
  const ws = useWorkspace(client, workspace);
  const t = useMemo(() => translator(ws.locale), [ws.locale]);
  const version = useSyncExternalStore(store.subscribe, () => store.version);
  const analyst = info.role === 'analista';
  const [snapshot, setSnapshot] = useState(info.defaultSnapshot);
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  // Documents and the audit log open at the last save come back (the audit log only for analysts).
  const [tabs, dispatch] = useReducer(mainTabsReducer, workspace.openTabs, (saved): MainTabs =>
    saved
      ? {
          ...saved,
          auditOpen: saved.auditOpen && info.role === 'analista',
          snapshotsOpen: saved.snapshotsOpen === true && info.role === 'analista',
          view: (saved.view.kind === 'audit' || saved.view.kind === 'snapshots') && info.role !== 'analista' ? { kind: 'sql' as const } : saved.view,
        }
      : NO_MAIN_TABS);
  useEffect(() => ws.setOpenTabs(persistedTabs(tabs)), [tabs, ws.setOpenTabs]);
  const [palette, setPalette] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const { toast, showToast } = useToast();
  const { snapshots, refresh: refreshSnapshots } = usePublishedSnapshots(info.snapshots, (dates) =>
    showToast(t('snapshotPublished', { dates: dates.map((date) => formatIsoDate(date, ws.locale)).join(', ') })));
  const editor = useRef<SqlEditorHandle>(null);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;
  const split = useSplit(0.42);
  const mainRef = useRef<HTMLElement | null>(null);
  const documentSavers = useRef(new Map<string, { save(): void; dirty: boolean }>());
  const [, setDirtyVersion] = useState(0);
  const activeId = ws.activeTabId;
  const run = activeId ? store.runOf(activeId) : null;
  store.timeoutMs = ws.queryTimeoutSeconds === undefined ? undefined : ws.queryTimeoutSeconds * 1000;
  const sqlInView = analyst && tabs.view.kind === 'sql';

  useEffect(() => {
    document.documentElement.dataset.theme = ws.theme;
    document.documentElement.lang = ws.locale;
  }, [ws.theme, ws.locale]);

  useEffect(() => {
    let live = true;
    setTables(null);
    // The catalog is the analysts' (the core refuses it to consulta).
    if (!analyst) return;
    client.catalog({ snapshot }).then((list) => live && setTables(list), () => live && setTables([]));
    return () => {
      live = false;
    };
  }, [client, snapshot, analyst]);

  useEffect(() => {
    const registration = registerCompletion(client, () => snapshotRef.current);
    return () => registration.dispose();
  }, [client]);

  useRunMarkers(run, editor, useCallback(() => setHistoryVersion((v) => v + 1), []));

  const { runActive, prompt } = useSqlRun(store, editor, activeId, snapshotRef);

  const openInNewTab = useCallback(
    (title: string, sql: string, runIt: boolean) => {
      dispatch({ type: 'show', view: { kind: 'sql' } });
      const id = ws.openTab(title, sql);
      if (runIt) void store.run(id, sql, 0, snapshotRef.current);
    },
    [ws, store],
  );

  const newTitle = () => t('queryTitle', { n: ws.tabs.length + 1 });
  const saveWorkspace = useCallback(() => void ws.saveNow().then((saved) => saved && showToast(t('saved'))), [ws, showToast, t]);
  const save = useCallback(() => {
    const shown = tabs.view.kind === 'document' ? documentSavers.current.get(documentRunsKey(tabs.view.path)) : undefined;
    if (shown) shown.save();
    else saveWorkspace();
  }, [tabs.view, saveWorkspace]);

  // Keyed by the document tab's key; stable, since each DocumentTab re-registers when it changes.
  // What each open document shows ("Dados de"): the status bar says the date of what is in view.
  const [documentSnapshots, setDocumentSnapshots] = useState<Record<string, string>>({});
  const onDocumentSnapshot = useCallback((path: string, shown: string) => setDocumentSnapshots((all) => (all[path] === shown ? all : { ...all, [path]: shown })), []);
  const onDocumentState = useCallback((key: string, state: { save(): void; dirty: boolean } | null) => {
    const before = documentSavers.current.get(key)?.dirty;
    if (state) documentSavers.current.set(key, state);
    else documentSavers.current.delete(key);
    if (before !== state?.dirty) setDirtyVersion((v) => v + 1);
  }, []);

  const openDocument = useCallback(
    (doc: DocumentSummary, wanted: 'panel' | 'notebook') => dispatch({ type: 'openDocument', document: { path: doc.path, title: doc.title, mode: analyst ? wanted : 'panel' } }),
    [analyst],
  );

  const authoring = useAuthoring(tabs, dispatch, store, t('untitledNotebook'));

  const closeDocument = useCallback(
    (path: string) => {
      store.forgetDocument(documentRunsKey(path));
      dispatch({ type: 'closeDocument', path });
    },
    [store],
  );

  const closeSnapshots = useCallback(() => {
    store.forget(COMPARE_RUN_KEY);
    dispatch({ type: 'closeSnapshots' });
  }, [store]);

  const openPalette = useCallback(() => setPalette(true), []);
  useShortcuts(analyst, { palette: openPalette, save, run: runActive, sqlInView });

  const openHistory = (entry: HistoryEntry) => openInNewTab(entry.sql.replace(/\s+/g, ' ').slice(0, 24), entry.sql, false);
  const localeValue = useMemo(() => ({ locale: ws.locale, t }), [ws.locale, t]);

  const bar = tabBarModel(
    { analyst, sqlTabs: ws.tabs, activeSqlTab: activeId, sqlInView, tabs, dirty: (key) => documentSavers.current.get(key)?.dirty === true, t },
    { dispatch, store, setActiveSqlTab: ws.setActiveTabId, closeSqlTab: ws.closeTab, closeDocument, closeSnapshots },
  );

  // The first Tab stops of the window: past the rail, to what the user came to work on.
  const skipLinks = sqlInView
    ? [
        { id: 'editor', label: t('skipToEditor'), go: () => editor.current?.focus() },
        { id: 'result', label: t('skipToResult'), go: () => focusGridIn(mainRef.current?.querySelector('.workbench-view:not(.hidden)') ?? null) },
      ]
    : [{ id: 'content', label: t('skipToContent'), go: () => mainRef.current?.focus() }];

  return (
    <LocaleContext.Provider value={localeValue}>
      <RoleContext.Provider value={info.role}>
        <div className="app" data-version={version}>
          <SkipLinks links={skipLinks} />
          <Rail
            analyst={analyst}
            snapshots={snapshots}
            snapshot={snapshot}
            onSnapshot={setSnapshot}
            tables={tables}
            historyVersion={historyVersion}
            onInsert={(text) => editor.current?.insertText(text)}
            onPreview={(table) => openInNewTab(table, `select * from ${table} limit 1000`, true)}
            onOpenDocument={openDocument}
            onOpenHistory={openHistory}
            onOpenAudit={() => dispatch({ type: 'openAudit' })}
            onOpenSnapshots={() => dispatch({ type: 'openSnapshots' })}
            galleryVersion={authoring.galleryVersion}
            {...(analyst ? { onNewNotebook: authoring.newNotebook } : {})}
          />
          <main
            className="work"
            tabIndex={-1}
            aria-label={t('mainArea')}
            ref={(element) => {
              split.container.current = element;
              mainRef.current = element;
            }}
          >
            {ws.displaced && <WorkspaceDisplaced onTakeOver={ws.takeOver} />}
            <TabBar
              tabs={bar.entries}
              activeId={bar.activeId}
              running={(id) => bar.targetOf(id)?.kind === 'sqlTab' && store.runOf(id)?.status === 'running'}
              onSelect={bar.select}
              onClose={bar.close}
              onRename={(id, title) => bar.targetOf(id)?.kind === 'sqlTab' && ws.renameTab(id, title)}
              {...(analyst
                ? {
                    onNew: () => {
                      dispatch({ type: 'show', view: { kind: 'sql' } });
                      ws.openTab(newTitle(), '');
                    },
                  }
                : {})}
            />
            {tabs.documents.map((doc) => (
              <DocumentTab
                key={doc.path}
                store={store}
                tab={{ key: documentRunsKey(doc.path), path: doc.path, title: doc.title, mode: doc.mode, ...(doc.untitled ? { untitled: true } : {}) }}
                active={isShown(tabs, { kind: 'document', path: doc.path })}
                snapshots={snapshots}
                defaultSnapshot={snapshot}
                theme={ws.theme}
                onMode={(mode) => dispatch({ type: 'setMode', path: doc.path, mode })}
                onToast={showToast}
                onState={onDocumentState}
                onSnapshot={onDocumentSnapshot}
                onSavedAs={authoring.onSavedAs}
              />
            ))}
            {analyst && tabs.auditOpen && (
              <div className={tabs.view.kind === 'audit' ? 'doc-tab' : 'doc-tab hidden'} {...tabPanelProps('auditoria')}>
                <AuditView />
              </div>
            )}
            {analyst && tabs.snapshotsOpen && (
              <div className={tabs.view.kind === 'snapshots' ? 'doc-tab' : 'doc-tab hidden'} {...tabPanelProps('retratos')}>
                <SnapshotsView store={store} snapshots={snapshots} onToast={showToast} onPublished={refreshSnapshots} />
              </div>
            )}
            {!analyst && tabs.view.kind === 'sql' && (
              <div className="empty-state" data-testid="consulta-start">
                <p>{t('pickPanel')}</p>
                <p className="muted">{t('pickPanelHint')}</p>
              </div>
            )}
            {analyst && (
              <SqlWorkspace
                ws={ws}
                store={store}
                run={run}
                editor={editor}
                split={split}
                hidden={!sqlInView}
                newTitle={newTitle}
                onRun={runActive}
                onSave={saveWorkspace}
                onPalette={openPalette}
                onToast={showToast}
              />
            )}
          </main>
          <StatusBar
            snapshot={tabs.view.kind === 'document' ? (documentSnapshots[tabs.view.path] ?? snapshot) : (run?.snapshot ?? snapshot)}
            run={run}
            duckdbVersion={info.duckdbVersion}
            role={info.role}
            theme={ws.theme}
            timeoutSeconds={ws.queryTimeoutSeconds}
            onCancel={() => activeId && void store.cancel(activeId)}
            onLocale={ws.setLocale}
            onTheme={ws.setTheme}
            onTimeout={ws.setQueryTimeoutSeconds}
            timeZone={info.timeZone}
            chosenTimeZone={ws.timeZone}
            onTimeZone={(zone) => {
              ws.setTimeZone(zone);
              showToast(t('timeZoneNextStart', { zone: zone ?? t('timeZoneSystem'), current: info.timeZone }));
            }}
          />
          {prompt}
          {palette && (
            <Palette
              tables={tables ?? []}
              onClose={() => {
                setPalette(false);
                editor.current?.focus();
              }}
              onTable={(name) => editor.current?.insertText(name)}
              onHistory={openHistory}
            />
          )}
          {toast && <div className="toast" role="status">{toast}</div>}
        </div>
      </RoleContext.Provider>
    </LocaleContext.Provider>
  );
}
