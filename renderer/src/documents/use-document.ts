// One opened document: its parsed state, unsaved changes autosaved (debounced), Ctrl+S, the
// draft from before a crash offered back, and the file changed on disk by someone else (an
// editor, git, another analyst) taken in: at once when nothing here is unsaved, else offered.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbenchClient } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { readDocument, serializeDocument, type NotebookDocument } from './doc-edit.ts';
import { whenPageReturns } from '../app/when-page-returns.ts';

const AUTOSAVE_DELAY_MS = 1000;
const DISK_CHECK_MS = 15_000;

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
  /** Bumped when the whole document is replaced (a draft recovered, the file reloaded): editors reload. */
  generation: number;
  /** The file's new text when it changed on disk while this tab had unsaved edits, until one is chosen. */
  changedOnDisk: string | null;
  /** Takes the file's new text, dropping the unsaved edits. */
  reloadFromDisk(): void;
  /** Keeps the unsaved edits (the next save writes them over the file). */
  keepMine(): void;
  edit(change: (doc: NotebookDocument) => NotebookDocument): void;
  save(): Promise<void>;
  recover(): void;
  discard(): Promise<void>;
  text(): string;
  /** The latest state, edits included that React has not rendered yet. */
  current(): NotebookDocument | null;
}

/**
 * `untitled`: a new notebook's text, not yet a file (nothing to open; no draft until "Salvar
 * como…" names it). `onReloaded`: the file changed on disk and was taken in, nothing being unsaved.
 */
export function useDocument(client: WorkbenchClient, path: string, untitled?: string, onReloaded?: () => void): DocumentHandle {
  const [doc, setDoc] = useState<NotebookDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [generation, setGeneration] = useState(0);
  const [changedOnDisk, setChangedOnDisk] = useState<string | null>(null);
  const current = useRef<NotebookDocument | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The file's text as last read or written here: what a change on disk is told from. */
  const onDisk = useRef<string | null>(null);
  const unsaved = useRef(false);
  unsaved.current = dirty;
  const reloaded = useRef(onReloaded);
  reloaded.current = onReloaded;

  const replaceWith = useCallback(
    (text: string) => {
      const parsed = readDocument(text, path);
      current.current = parsed;
      setDoc(parsed);
      setGeneration((g) => g + 1);
    },
    [path],
  );

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
        onDisk.current = opened.text;
        setDoc(parsed);
        setDraft(opened.draft && opened.draft.text !== opened.text ? opened.draft : null);
      },
      (e: unknown) => live && setError(apiErrorOf(e).message),
    );
    return () => {
      live = false;
    };
  }, [client, path, untitled]);

  useEffect(() => {
    if (untitled !== undefined) return;
    let live = true;
    const check = (): void => {
      if (onDisk.current === null) return;
      client.openDocument({ path }).then(
        (opened) => {
          if (!live || onDisk.current === null || opened.text === onDisk.current) return;
          if (unsaved.current) {
            setChangedOnDisk(opened.text);
            return;
          }
          onDisk.current = opened.text;
          replaceWith(opened.text);
          reloaded.current?.();
        },
        // A file that cannot be read now (moved, being written) is looked at again later.
        () => undefined,
      );
    };
    const stop = whenPageReturns(check, DISK_CHECK_MS);
    return () => {
      live = false;
      stop();
    };
  }, [client, path, untitled, replaceWith]);

  const flushAutosave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const latest = current.current;
    if (latest && untitled === undefined) void client.autosaveDocument({ path, text: serializeDocument(latest) }).catch(() => undefined);
  }, [client, path, untitled]);

  // A new notebook lives only in this page until "Salvar como…": once edited, leaving the page
  // asks first (the browser's own question; main/electron/leave-unsaved.ts in the app).
  useEffect(() => {
    if (untitled === undefined || !dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [untitled, dirty]);

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
    const text = serializeDocument(latest);
    await client.saveDocument({ path, text });
    onDisk.current = text;
    setChangedOnDisk(null);
    setDirty(false);
    setDraft(null);
  }, [client, path]);

  const reloadFromDisk = useCallback(() => {
    if (changedOnDisk === null) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    onDisk.current = changedOnDisk;
    replaceWith(changedOnDisk);
    setChangedOnDisk(null);
    setDirty(false);
    void client.discardDraft({ path }).catch(() => undefined);
  }, [changedOnDisk, replaceWith, client, path]);

  const keepMine = useCallback(() => {
    if (changedOnDisk !== null) onDisk.current = changedOnDisk;
    setChangedOnDisk(null);
  }, [changedOnDisk]);

  const recover = useCallback(() => {
    if (!draft) return;
    replaceWith(draft.text);
    setDirty(true);
    setDraft(null);
  }, [draft, replaceWith]);

  const discard = useCallback(async () => {
    setDraft(null);
    await client.discardDraft({ path }).catch(() => undefined);
  }, [client, path]);

  const text = useCallback(() => (current.current ? serializeDocument(current.current) : ''), []);

  const latest = useCallback(() => current.current, []);

  return { doc, error, dirty, draft, generation, changedOnDisk, reloadFromDisk, keepMine, edit, save, recover, discard, text, current: latest };
}
