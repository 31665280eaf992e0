// Analysts' authoring, as the main area sees it: "Novo notebook" opens an untitled notebook tab,
// and "Salvar como…" turns that tab into the saved file's and has the gallery list again.
import { useCallback, useState, type Dispatch } from 'react';
import type { SavedDocument } from '../../../main/core/api/index.ts';
import { nextUntitledPath } from '../documents/untitled.ts';
import { documentRunsKey, type MainTabs, type MainTabsAction } from './main-tabs.ts';
import type { QueryStore } from './query-store.ts';

export interface Authoring {
  /** Bumped after a save from this window. */
  galleryVersion: number;
  newNotebook(): void;
  onSavedAs(path: string, saved: SavedDocument, title: string): void;
}

export function useAuthoring(tabs: MainTabs, dispatch: Dispatch<MainTabsAction>, store: QueryStore, untitledTitle: string): Authoring {
  const [galleryVersion, setGalleryVersion] = useState(0);
  const newNotebook = useCallback(() => {
    const path = nextUntitledPath(tabs.documents.map((d) => d.path));
    dispatch({ type: 'openDocument', document: { path, title: untitledTitle, mode: 'notebook', untitled: true } });
  }, [tabs.documents, dispatch, untitledTitle]);
  const onSavedAs = useCallback(
    (path: string, saved: SavedDocument, title: string) => {
      store.forgetDocument(documentRunsKey(path));
      dispatch({ type: 'replaceDocument', path, document: { path: saved.path, title, mode: 'notebook' } });
      setGalleryVersion((v) => v + 1);
    },
    [store, dispatch],
  );
  return { galleryVersion, newNotebook, onSavedAs };
}
