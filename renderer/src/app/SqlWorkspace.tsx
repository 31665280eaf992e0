// The analyst's SQL workspace: the toolbar, the editor of the active SQL tab, the splitter and
// the result of its latest run.
import type { RefObject } from 'react';
import { useClient } from '../client/client-context.ts';
import { modelFor } from '../editor/models.ts';
import { SqlEditor, type SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { ResultArea } from '../results/ResultArea.tsx';
import type { QueryStore, Run } from './query-store.ts';
import type { useSplit } from './use-split.ts';
import type { useWorkspace } from './workspace.ts';
import { tabPanelProps } from '../shell/TabBar.tsx';

/** The SQL tabs share one panel of the tab bar: this workspace. */
import { SQL_PANEL_ID } from '../shell/panel-ids.ts';

export { SQL_PANEL_ID };

interface Props {
  ws: ReturnType<typeof useWorkspace>;
  store: QueryStore;
  run: Run | null;
  editor: RefObject<SqlEditorHandle | null>;
  split: ReturnType<typeof useSplit>;
  hidden: boolean;
  newTitle(): string;
  onRun(whole: boolean): void;
  onSave(): void;
  onPalette(): void;
  onToast(message: string): void;
}

export function SqlWorkspace({ ws, store, run, editor, split, hidden, newTitle, onRun, onSave, onPalette, onToast }: Props) {
  const client = useClient();
  const { t } = useLocale();
  const activeId = ws.activeTabId;
  const running = run?.status === 'running';
  const title = ws.tabs.find((tab) => tab.id === activeId)?.title ?? t('queryTitle', { n: 1 });

  // A .sql file from disk opens as a new tab; a tab saves as a .sql file (native dialogs in
  // Electron, the browser's picker and download in the web mode: the client knows which).
  const openSqlFile = async () => {
    try {
      const file = await client.openTextFile?.();
      if (file) ws.openTab(file.name.replace(/\.(sql|md|txt)$/i, ''), file.text);
    } catch (error) {
      onToast(error instanceof Error ? error.message : String(error));
    }
  };
  const saveSqlFile = async () => {
    const tab = ws.tabs.find((candidate) => candidate.id === activeId);
    if (!tab) return;
    const name = `${tab.title.replace(/[\\/:*?"<>|]+/g, '_') || 'consulta'}.sql`;
    if (await client.saveTextFile?.(name, modelFor(tab.id).getValue())) onToast(t('fileSaved', { name }));
  };
  const unmask = (statementIndex: number, purpose: string) => (activeId ? store.unmask(activeId, statementIndex, purpose) : Promise.resolve());

  return (
    <div className={hidden ? 'workbench-view hidden' : 'workbench-view'} {...tabPanelProps(activeId, SQL_PANEL_ID)}>
      <div className="editor-pane" style={{ height: `${split.ratio * 100}%` }}>
        <div className="toolbar">
          <button className="primary" data-testid="run-button" title={t('runTitle')} disabled={!activeId || running} onClick={() => onRun(false)}>
            <span aria-hidden>▶</span> {t('run')}
          </button>
          <button data-testid="run-all-button" title={t('runAllTitle')} disabled={!activeId || running} onClick={() => onRun(true)}>
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
          <SqlEditor tabId={activeId} theme={ws.theme} handle={editor} placeholder="select * from pessoa limit 100" ariaLabel={t('editorAria')} commands={{ run: onRun, save: onSave, palette: onPalette }} />
        ) : (
          <div className="empty-state">
            <button className="primary" onClick={() => ws.openTab(newTitle(), '')}>
              {t('newTab')}
            </button>
          </div>
        )}
      </div>
      <div className="splitter" onMouseDown={split.start} role="separator" aria-orientation="horizontal" />
      <ResultArea run={run} title={title} onToast={onToast} onUnmask={unmask} />
    </div>
  );
}
