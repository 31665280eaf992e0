import { useCallback, useEffect } from 'react';
import type { SnapshotInfo } from '../../../main/core/api/index.ts';
import type { QueryStore } from '../app/query-store.ts';
import { useLocale } from '../i18n/i18n.ts';
import { DocumentView, type DocumentMode } from './DocumentView.tsx';
import { useDocument } from './use-document.ts';
import { useClient } from '../client/client-context.ts';

export interface OpenDocumentTab {
  key: string;
  path: string;
  title: string;
  mode: DocumentMode;
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
}

/** A document tab stays mounted while hidden, so its edits, results and scroll survive. */
export function DocumentTab({ store, tab, active, snapshots, defaultSnapshot, theme, onMode, onToast, onState, onSnapshot }: Props) {
  const client = useClient();
  const { t } = useLocale();
  const handle = useDocument(client, tab.path);
  const { save, dirty } = handle;
  const reportSnapshot = useCallback((snapshot: string) => onSnapshot(tab.path, snapshot), [onSnapshot, tab.path]);
  useEffect(() => {
    onState(tab.key, { save: () => void save().then(() => onToast(t('docSaved'))), dirty });
    return () => onState(tab.key, null);
  }, [tab.key, save, dirty, onState, onToast, t]);
  return (
    <div className={active ? 'doc-tab' : 'doc-tab hidden'}>
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
      />
    </div>
  );
}
