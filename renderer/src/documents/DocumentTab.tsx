import { useCallback, useEffect, useState } from 'react';
import type { SavedDocument, SnapshotInfo } from '../../../main/core/api/index.ts';
import type { QueryStore } from '../app/query-store.ts';
import { useLocale } from '../i18n/i18n.ts';
import { DocumentView, type DocumentMode } from './DocumentView.tsx';
import { SaveAsDialog, type Identity } from './SaveAsDialog.tsx';
import { useDocument } from './use-document.ts';
import { useClient } from '../client/client-context.ts';
import { UNTITLED_TEXT } from './untitled.ts';
import { tabPanelProps } from '../shell/TabBar.tsx';

export interface OpenDocumentTab {
  key: string;
  path: string;
  title: string;
  mode: DocumentMode;
  /** A new notebook, not yet a file (documents/untitled.ts). */
  untitled?: boolean;
}

interface Props {
  store: QueryStore;
  tab: OpenDocumentTab;
  active: boolean;
  snapshots: SnapshotInfo[];
  defaultSnapshot: string;
  theme: 'light' | 'dark';
  onMode(mode: DocumentMode): void;
  onToast(message: string): void;
  /** Lets the app's Ctrl+S reach the active document; also reports the unsaved state. */
  onState(key: string, state: { save(): void; dirty: boolean } | null): void;
  /** The snapshot the document shows, by its path (the status bar says it when the tab is in view). */
  onSnapshot(path: string, snapshot: string): void;
  /** "Salvar como…" wrote a new file: the tab becomes that document. */
  onSavedAs(path: string, saved: SavedDocument, title: string): void;
}

function identityOf(data: Record<string, unknown> | undefined, untitled: boolean): Identity {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { title: untitled ? '' : text(data?.title), owner: text(data?.owner), purpose: text(data?.purpose) };
}

/** A document tab stays mounted while hidden, so its edits, results and scroll survive. */
export function DocumentTab({ store, tab, active, snapshots, defaultSnapshot, theme, onMode, onToast, onState, onSnapshot, onSavedAs }: Props) {
  const client = useClient();
  const { t } = useLocale();
  const untitled = tab.untitled === true;
  const onReloaded = useCallback(() => onToast(t('docReloaded')), [onToast, t]);
  const handle = useDocument(client, tab.path, untitled ? UNTITLED_TEXT : undefined, onReloaded);
  const { save, dirty } = handle;
  const [savingAs, setSavingAs] = useState(false);
  const openSaveAs = useCallback(() => setSavingAs(true), []);
  const reportSnapshot = useCallback((snapshot: string) => onSnapshot(tab.path, snapshot), [onSnapshot, tab.path]);
  useEffect(() => {
    onState(tab.key, { save: untitled ? openSaveAs : () => void save().then(() => onToast(t('docSaved'))), dirty: dirty || untitled });
    return () => onState(tab.key, null);
  }, [tab.key, save, dirty, onState, onToast, t, untitled, openSaveAs]);
  return (
    <div className={active ? 'doc-tab' : 'doc-tab hidden'} {...tabPanelProps(tab.key)}>
      <DocumentView
        store={store}
        tabKey={tab.key}
        path={tab.path}
        mode={tab.mode}
        handle={handle}
        snapshots={snapshots}
        defaultSnapshot={defaultSnapshot}
        theme={theme}
        onMode={onMode}
        onToast={onToast}
        onSnapshot={reportSnapshot}
        untitled={untitled}
        onSaveAs={openSaveAs}
      />
      {savingAs && (
        <SaveAsDialog
          initial={identityOf(handle.doc?.frontMatter?.data, untitled)}
          text={handle.text}
          onClose={() => setSavingAs(false)}
          onSaved={(saved, title) => {
            setSavingAs(false);
            // The edits went into the new file: the old file's draft is not offered back.
            if (!untitled) void handle.discard();
            onToast(t('saveAsSaved', { path: saved.path }));
            onSavedAs(tab.path, saved, title);
          }}
        />
      )}
    </div>
  );
}
