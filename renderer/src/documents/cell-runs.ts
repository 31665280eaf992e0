// Running a document's SQL cells through the query store: one run per (document tab, cell,
// snapshot variant), so the notebook and the panel of a tab share their results.
import type { QueryStore, Run } from '../app/query-store.ts';
import { runTarget, type NotebookDocument } from './doc-edit.ts';
import type { ParamValues } from './ParamBar.tsx';

export function runKey(tabKey: string, cellId: string, variant = ''): string {
  return `${tabKey}::${cellId}${variant ? `::${variant}` : ''}`;
}

export interface CellRunRequest {
  doc: NotebookDocument;
  path: string;
  cellId: string;
  params: ParamValues;
  snapshot: string;
  variant?: string;
}

export function startCell(store: QueryStore, tabKey: string, request: CellRunRequest): Promise<void> {
  const { text, cell } = runTarget(request.doc, request.cellId);
  return store.runCell(runKey(tabKey, request.cellId, request.variant), { text, path: request.path, cell, params: request.params, snapshot: request.snapshot });
}

/** Resolves once the run under `key` is no longer running. */
export function settled(store: QueryStore, key: string): Promise<Run | null> {
  return new Promise((resolve) => {
    const check = () => {
      const run = store.runOf(key);
      if (run?.status === 'running') return false;
      resolve(run);
      return true;
    };
    if (check()) return;
    const stop = store.subscribe(() => {
      if (check()) stop();
    });
  });
}

/** Runs cells with a few at a time (the machine is small; each runs on its own connection). */
export async function runMany(store: QueryStore, tabKey: string, requests: CellRunRequest[], parallel = 3): Promise<void> {
  const queue = [...requests];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await startCell(store, tabKey, next);
      await settled(store, runKey(tabKey, next.cellId, next.variant));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
}

/** The statement with columns of a run (the last one), if any. */
export function resultOf(run: Run | null) {
  return run?.statements.filter((s) => s.columns.length > 0).at(-1) ?? null;
}
