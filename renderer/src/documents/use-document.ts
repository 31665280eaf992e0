// One opened document: its parsed state, unsaved changes autosaved (debounced), Ctrl+S, and
// the draft from before a crash offered back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbenchClient } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { readDocument, serializeDocument, type NotebookDocument } from './doc-edit.ts';

const AUTOSAVE_DELAY_MS = 1000;

export interface Draft {
  text: string;
  savedAt: string;
}

export interface DocumentHandle {
  doc: NotebookDocument | null;
  error: string | null;
  dirty: boolean;
  /** The autosaved draft of a previous session, until recovered or discarded. */
  draft: Draft | null;
  /** Bumped when the whole document is replaced (a draft recovered): editors reload. */
  generation: number;
  edit(change: (doc: NotebookDocument) => NotebookDocument): void;
  save(): Promise<void>;
  recover(): void;
  discard(): Promise<void>;
  text(): string;
  /** The latest state, edits included that React has not rendered yet. */
  current(): NotebookDocument | null;
}

/** `untitled`: a new notebook's text, not yet a file (nothing to open; no draft until "Salvar como…" names it). */
export function useDocument(client: WorkbenchClient, path: string, untitled?: string): DocumentHandle {
  const [doc, setDoc] = useState<NotebookDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [generation, setGeneration] = useState(0);
  const current = useRef<NotebookDocument | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let live = true;
    if (untitled !== undefined) {
      const parsed = readDocument(untitled, `${path}.md`);
      current.current = parsed;
      setDoc(parsed);
      return;
    }
    client.openDocument({ path }).then(
      (opened) => {
        if (!live) return;
        const parsed = readDocument(opened.text, path);
        current.current = parsed;
        setDoc(parsed);
        setDraft(opened.draft && opened.draft.text !== opened.text ? opened.draft : null);
      },
      (e: unknown) => live && setError(apiErrorOf(e).message),
    );
    return () => {
      live = false;
    };
  }, [client, path, untitled]);

  const flushAutosave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const latest = current.current;
    if (latest && untitled === undefined) void client.autosaveDocument({ path, text: serializeDocument(latest) }).catch(() => undefined);
  }, [client, path, untitled]);

  // Leaving the page with a pending edit: keep it as a draft now rather than in a second.
  useEffect(() => {
    const onLeave = () => timer.current && flushAutosave();
    window.addEventListener('pagehide', onLeave);
    return () => window.removeEventListener('pagehide', onLeave);
  }, [flushAutosave]);

  const edit = useCallback(
    (change: (doc: NotebookDocument) => NotebookDocument) => {
      const before = current.current;
      if (!before) return;
      const after = change(before);
      if (after === before) return;
      current.current = after;
      setDoc(after);
      setDirty(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flushAutosave, AUTOSAVE_DELAY_MS);
    },
    [flushAutosave],
  );

  const save = useCallback(async () => {
    const latest = current.current;
    if (!latest) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await client.saveDocument({ path, text: serializeDocument(latest) });
    setDirty(false);
    setDraft(null);
  }, [client, path]);

  const recover = useCallback(() => {
    if (!draft) return;
    const parsed = readDocument(draft.text, path);
    current.current = parsed;
    setDoc(parsed);
    setDirty(true);
    setDraft(null);
    setGeneration((g) => g + 1);
  }, [draft, path]);

  const discard = useCallback(async () => {
    setDraft(null);
    await client.discardDraft({ path }).catch(() => undefined);
  }, [client, path]);

  const text = useCallback(() => (current.current ? serializeDocument(current.current) : ''), []);

  const latest = useCallback(() => current.current, []);

  return { doc, error, dirty, draft, generation, edit, save, recover, discard, text, current: latest };
}
