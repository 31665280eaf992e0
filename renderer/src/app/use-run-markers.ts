import { useEffect, useRef, type RefObject } from 'react';
import { clearErrorMarkers, markersOf, showErrorMarker } from '../editor/markers.ts';
import { modelFor } from '../editor/models.ts';
import type { SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { testHook } from '../test-hook.ts';
import type { Run } from './query-store.ts';

/**
 * Editor markers follow the active tab's run: cleared when it starts, placed at the error's
 * line and column when it fails; `onSettled` when it ends (the history refreshes).
 */
export function useRunMarkers(run: Run | null, editor: RefObject<SqlEditorHandle | null>, onSettled: () => void): void {
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!run) return;
    const model = modelFor(run.key);
    const key = `${run.queryId}:${run.status}`;
    if (marked.current === key) return;
    marked.current = key;
    if (run.status === 'running') clearErrorMarkers(model);
    else {
      if (run.status === 'error' && run.error) showErrorMarker(model, run.error, run.sql, run.sqlOffset);
      onSettled();
    }
  }, [run, onSettled]);

  useEffect(() => {
    testHook().markers = () => markersOf(editor.current?.model() ?? null).map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message }));
  }, [editor]);
}
