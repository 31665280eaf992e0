import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DocumentSummary, HistoryEntry, TableInfo, WorkbenchInfo, Workspace } from '../../../main/core/api.ts';
import { AuditView } from '../audit/AuditView.tsx';
import { CatalogPanel } from '../catalog/CatalogPanel.tsx';
import { DocumentTab, type OpenDocumentTab } from '../documents/DocumentTab.tsx';
import { GalleryPanel } from '../gallery/GalleryPanel.tsx';
import { registerCompletion } from '../editor/completion.ts';
import { clearErrorMarkers, markersOf, showErrorMarker } from '../editor/markers.ts';
import { modelFor } from '../editor/models.ts';
import { SqlEditor, type SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { LocaleContext, translator } from '../i18n/i18n.ts';
import { ResultArea } from '../results/ResultArea.tsx';
import { Palette } from '../shell/Palette.tsx';
import { RailTabs, type RailSection } from '../shell/RailTabs.tsx';
import { StatusBar } from '../shell/StatusBar.tsx';
import { TabBar } from '../shell/TabBar.tsx';
import { testHook } from '../test-hook.ts';
import type { RendererClient } from '../client/renderer-client.ts';
import type { QueryStore } from './query-store.ts';
import { RoleContext } from './role.ts';
import { useSplit } from './use-split.ts';
import { useWorkspace } from './workspace.ts';

interface Props {
  client: RendererClient;
  store: QueryStore;
  info: WorkbenchInfo;
  workspace: Workspace;
}

const DOC_TAB = 'doc:';
/** The audit log opens in a main-area tab of its own (analysts only). */
const AUDIT_TAB = 'audit:';

export function App({ client, store, info, workspace }: Props) {
  const ws = useWorkspace(client, workspace);
  const t = useMemo(() => translator(ws.locale), [ws.locale]);
  const version = useSyncExternalStore(store.subscribe, () => store.version);
  const [snapshot, setSnapshot] = useState(info.defaultSnapshot);
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  // Role `consulta` has no editor, SQL tabs, history or audit: it opens on the panels gallery.
  const analyst = info.role === 'analista';
  const [rail, setRail] = useState<RailSection>(analyst ? 'catalog' : 'panels');
  const [auditOpen, setAuditOpen] = useState(false);
  const [palette, setPalette] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const editor = useRef<SqlEditorHandle>(null);
  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;
  const split = useSplit(0.42);
  const [docTabs, setDocTabs] = useState<OpenDocumentTab[]>([]);
  const [activeDoc, setActiveDoc] = useState<string | null>(null);
  const docStates = useRef(new Map<string, { save(): void; dirty: boolean }>());
  const [, setDocStateVersion] = useState(0);
  const activeId = ws.activeTabId;
  store.timeoutMs = ws.queryTimeoutSeconds === undefined ? undefined : ws.queryTimeoutSeconds * 1000;
  const run = activeId ? store.runOf(activeId) : null;

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

  // Markers follow the run: cleared when it starts, placed when it fails; history refreshes at the end.
  const markedRun = useRef<string | null>(null);
  useEffect(() => {
    if (!run) return;
    const model = modelFor(run.tabId);
    const key = `${run.queryId}:${run.status}`;
    if (markedRun.current === key) return;
    markedRun.current = key;
    if (run.status === 'running') clearErrorMarkers(model);
    else {
      if (run.status === 'error' && run.error) showErrorMarker(model, run.error, run.sql, run.sqlOffset);
      setHistoryVersion((v) => v + 1);
    }
  }, [run]);

  useEffect(() => {
    const hook = testHook();
    hook.markers = () => markersOf(editor.current?.model() ?? null).map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message }));
  }, []);

  const showToast = useCallback((message: string) => {
    setToast(message);
    setTimeout(() => setToast((current) => (current === message ? null : current)), 2200);
  }, []);

  const runActive = useCallback(
    (whole: boolean) => {
      const target = editor.current?.runTarget(whole);
      if (!activeId || !target || !target.sql.trim()) return;
      void store.run(activeId, target.sql, target.offset, snapshotRef.current);
    },
    [activeId, store],
  );

  const openInNewTab = useCallback(
    (title: string, sql: string, runIt: boolean) => {
      const id = ws.openTab(title, sql);
      if (runIt) void store.run(id, sql, 0, snapshotRef.current);
    },
    [ws, store],
  );

  const nextTitle = () => t('queryTitle', { n: ws.tabs.length + 1 });

  // A .sql file from disk opens as a new tab; a tab saves as a .sql file (native dialogs in
  // Electron, the browser's picker and download in the web mode: the client knows which).
  const openSqlFile = async () => {
    try {
      const file = await client.openTextFile?.();
      if (file) ws.openTab(file.name.replace(/\.(sql|md|txt)$/i, ''), file.text);
    } catch (error) {
      showToast(error instanceof Error ? error.message : String(error));
    }
  };
  const saveSqlFile = async () => {
    const tab = ws.tabs.find((candidate) => candidate.id === activeId);
    if (!tab) return;
    const text = modelFor(tab.id).getValue();
    const name = `${tab.title.replace(/[\\/:*?"<>|]+/g, '_') || 'consulta'}.sql`;
    if (await client.saveTextFile?.(name, text)) showToast(t('fileSaved', { name }));
  };
  const saveWorkspace = useCallback(() => void ws.saveNow().then(() => showToast(t('saved'))), [ws, showToast, t]);
  const save = useCallback(() => {
    const doc = activeDoc ? docStates.current.get(activeDoc) : undefined;
    if (doc) doc.save();
    else saveWorkspace();
  }, [activeDoc, saveWorkspace]);

  const onDocState = useCallback((key: string, state: { save(): void; dirty: boolean } | null) => {
    const before = docStates.current.get(key)?.dirty;
    if (state) docStates.current.set(key, state);
    else docStates.current.delete(key);
    if (before !== state?.dirty) setDocStateVersion((v) => v + 1);
  }, []);

  const openDocument = useCallback((doc: DocumentSummary, wanted: 'panel' | 'notebook') => {
    const mode = analyst ? wanted : 'panel';
    const key = `${DOC_TAB}${doc.path}`;
    setDocTabs((previous) =>
      previous.some((tab) => tab.key === key) ? previous.map((tab) => (tab.key === key ? { ...tab, mode } : tab)) : [...previous, { key, path: doc.path, title: doc.title, mode }],
    );
    setActiveDoc(key);
  }, [analyst]);

  const openAudit = useCallback(() => {
    setAuditOpen(true);
    setActiveDoc(AUDIT_TAB);
  }, []);

  const closeDocument = useCallback(
    (key: string) => {
      store.forgetDocument(key);
      setDocTabs((previous) => previous.filter((tab) => tab.key !== key));
      setActiveDoc((active) => (active === key ? null : active));
    },
    [store],
  );

  const selectSqlTab = useCallback(
    (id: string) => {
      setActiveDoc(null);
      ws.setActiveTabId(id);
    },
    [ws],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (!analyst) return;
      if (key === 'k') {
        event.preventDefault();
        setPalette(true);
      } else if (key === 's') {
        event.preventDefault();
        save();
      } else if (key === 'enter' && !activeDoc && !(event.target instanceof HTMLElement && event.target.closest('.monaco-editor'))) {
        event.preventDefault();
        runActive(event.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, runActive, activeDoc, analyst]);

  const openHistory = (entry: HistoryEntry) => openInNewTab(entry.sql.replace(/\s+/g, ' ').slice(0, 24), entry.sql, false);
  const running = run?.status === 'running';
  const localeValue = useMemo(() => ({ locale: ws.locale, t }), [ws.locale, t]);
  const unmask = useCallback((statementIndex: number, purpose: string) => (activeId ? store.unmask(activeId, statementIndex, purpose) : Promise.resolve()), [activeId, store]);
  const activeTitle = ws.tabs.find((tab) => tab.id === activeId)?.title ?? t('queryTitle', { n: 1 });
  const mainTabs = [
    ...(analyst ? ws.tabs : []),
    ...docTabs.map((tab) => ({ id: tab.key, title: `${tab.mode === 'panel' ? '▦' : '✎'} ${tab.title}${docStates.current.get(tab.key)?.dirty ? ' •' : ''}` })),
    ...(analyst && auditOpen ? [{ id: AUDIT_TAB, title: `⚖ ${t('auditTab')}` }] : []),
  ];

  return (
    <LocaleContext.Provider value={localeValue}>
    <RoleContext.Provider value={info.role}>
      <div className="app" data-version={version}>
        <aside className="rail">
          <div className="brand">
            <span className="brand-mark" aria-hidden />
            <span className="brand-name">Mirante</span>
          </div>
          <RailTabs
            rail={rail}
            analyst={analyst}
            onRail={(section) => {
              setRail(section);
              if (section === 'audit') openAudit();
            }}
          />
          {rail === 'catalog' ? (
            <CatalogPanel
              client={client}
              snapshots={info.snapshots}
              snapshot={snapshot}
              onSnapshot={setSnapshot}
              tables={tables}
              onInsert={(text) => editor.current?.insertText(text)}
              onPreview={(table) => openInNewTab(table, `select * from ${table} limit 1000`, true)}
            />
          ) : rail === 'panels' ? (
            <GalleryPanel client={client} onOpen={openDocument} />
          ) : rail === 'audit' ? (
            <div className="rail-note">
              <p>{t('auditRailNote')}</p>
              <button className="link-button" onClick={openAudit}>
                {t('auditOpen')}
              </button>
            </div>
          ) : (
            <HistoryPanel client={client} version={historyVersion} onOpen={openHistory} />
          )}
        </aside>
        <main className="work" ref={split.container}>
          <TabBar
            tabs={mainTabs}
            activeId={activeDoc ?? (analyst ? activeId : null)}
            running={(id) => store.runOf(id)?.status === 'running'}
            onSelect={(id) => (id.startsWith(DOC_TAB) || id === AUDIT_TAB ? setActiveDoc(id) : selectSqlTab(id))}
            onClose={(id) => {
              if (id === AUDIT_TAB) {
                setAuditOpen(false);
                return setActiveDoc((active) => (active === AUDIT_TAB ? null : active));
              }
              if (id.startsWith(DOC_TAB)) return closeDocument(id);
              store.forget(id);
              ws.closeTab(id);
            }}
            onRename={(id, title) => !id.startsWith(DOC_TAB) && ws.renameTab(id, title)}
            {...(analyst
              ? {
                  onNew: () => {
                    setActiveDoc(null);
                    ws.openTab(nextTitle(), '');
                  },
                }
              : {})}
          />
          {docTabs.map((tab) => (
            <DocumentTab
              key={tab.key}
              client={client}
              store={store}
              tab={tab}
              active={tab.key === activeDoc}
              snapshots={info.snapshots}
              defaultSnapshot={snapshot}
              theme={ws.theme}
              onMode={(mode) => setDocTabs((previous) => previous.map((other) => (other.key === tab.key ? { ...other, mode } : other)))}
              onToast={showToast}
              onState={onDocState}
            />
          ))}
          {analyst && auditOpen && (
            <div className={activeDoc === AUDIT_TAB ? 'doc-tab' : 'doc-tab hidden'}>
              <AuditView client={client} />
            </div>
          )}
          {!analyst && !activeDoc && (
            <div className="empty-state" data-testid="consulta-start">
              <p>{t('pickPanel')}</p>
              <p className="muted">{t('pickPanelHint')}</p>
            </div>
          )}
          {analyst && (
          <div className={activeDoc ? 'workbench-view hidden' : 'workbench-view'}>
          <div className="editor-pane" style={{ height: `${split.ratio * 100}%` }}>
            <div className="toolbar">
              <button className="primary" data-testid="run-button" title={t('runTitle')} disabled={!activeId || running} onClick={() => runActive(false)}>
                <span aria-hidden>▶</span> {t('run')}
              </button>
              <button data-testid="run-all-button" title={t('runAllTitle')} disabled={!activeId || running} onClick={() => runActive(true)}>
                {t('runAll')}
              </button>
              <button title={t('formatTitle')} disabled={!activeId} onClick={() => editor.current?.formatSql()}>
                {t('format')}
              </button>
              {client.openTextFile && (
                <button data-testid="open-file" title={t('openFileTitle')} onClick={() => void openSqlFile()}>
                  {t('openFile')}
                </button>
              )}
              {client.saveTextFile && (
                <button data-testid="save-file" title={t('saveFileTitle')} disabled={!activeId} onClick={() => void saveSqlFile()}>
                  {t('saveFile')}
                </button>
              )}
              {running && (
                <button className="danger" onClick={() => activeId && void store.cancel(activeId)}>
                  {t('cancel')}
                </button>
              )}
              <span className="toolbar-spacer" />
              <span className="toolbar-hint">Ctrl+Enter · Ctrl+Shift+Enter</span>
            </div>
            {activeId ? (
              <SqlEditor tabId={activeId} theme={ws.theme} handle={editor} placeholder="select * from pessoa limit 100" commands={{ run: runActive, save: saveWorkspace, palette: () => setPalette(true) }} />
            ) : (
              <div className="empty-state">
                <button className="primary" onClick={() => ws.openTab(nextTitle(), '')}>
                  {t('newTab')}
                </button>
              </div>
            )}
          </div>
          <div className="splitter" onMouseDown={split.start} role="separator" aria-orientation="horizontal" />
          <ResultArea client={client} run={run} title={activeTitle} onToast={showToast} onUnmask={unmask} />
          </div>
          )}
        </main>
        <StatusBar
          snapshot={run?.snapshot ?? snapshot}
          run={run}
          duckdbVersion={info.duckdbVersion}
          role={info.role}
          theme={ws.theme}
          timeoutSeconds={ws.queryTimeoutSeconds}
          onCancel={() => activeId && void store.cancel(activeId)}
          onLocale={ws.setLocale}
          onTheme={ws.setTheme}
          onTimeout={ws.setQueryTimeoutSeconds}
        />
        {palette && (
          <Palette
            client={client}
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
