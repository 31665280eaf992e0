import { useEffect } from 'react';

export interface Shortcuts {
  /** Ctrl+K: search tables, panels and history. */
  palette(): void;
  /** Ctrl+S: the active document, else the workspace. */
  save(): void;
  /** Ctrl+Enter (the statement under the cursor) and Ctrl+Shift+Enter (the script), outside the editor. */
  run(whole: boolean): void;
  /** Whether the SQL workspace is in view (Ctrl+Enter belongs to a document's cell otherwise). */
  sqlInView: boolean;
}

/** The window's keyboard shortcuts, for analysts (consulta has no SQL to run or save). */
export function useShortcuts(enabled: boolean, shortcuts: Shortcuts): void {
  const { palette, save, run, sqlInView } = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'k') {
        event.preventDefault();
        palette();
      } else if (key === 's') {
        event.preventDefault();
        save();
      } else if (key === 'enter' && sqlInView && !(event.target instanceof HTMLElement && event.target.closest('.monaco-editor'))) {
        event.preventDefault();
        run(event.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, palette, save, run, sqlInView]);
}
