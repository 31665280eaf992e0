// The curated panels as the panel screen opens them, for the panel bench and its memory child.
import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../core/api/index.ts';
import { bindableParams, panelLayout, paramSpecsOf, parseDocument, type NotebookDocument } from '../core/documents/index.ts';
import { comparisonParams, previousSnapshotOf } from '../core/documents/panel-layout.ts';
import type { ParamValue } from '../core/api/index.ts';
import type { Workbench } from '../core/workbench.ts';
import { projectRoot } from '../cli/paths.ts';

export const queriesDir = path.join(projectRoot, 'queries');

export interface ShownPanel {
  file: string;
  text: string;
  doc: NotebookDocument;
  /** The named cells the panel shows. */
  shown: string[];
  /** Its default parameters, bound as the engine binds them. */
  params: Record<string, ParamValue>;
}

/**
 * Every curated panel of queries/, by file name, with the parameters the panel screen sends on
 * the newest of `snapshotDates`: the defaults, and the comparison with the snapshot before it.
 */
export async function shownPanels(snapshotDates: readonly string[]): Promise<ShownPanel[]> {
  const newest = [...snapshotDates].sort().at(-1) ?? '';
  const panels: ShownPanel[] = [];
  for (const file of (await readdir(queriesDir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(path.join(queriesDir, file), 'utf8');
    const doc = parseDocument(text, file);
    const shown = panelLayout(doc).shown.flatMap((cell) => (cell.name ? [cell.name] : []));
    const compared = comparisonParams(doc, previousSnapshotOf(snapshotDates, newest));
    panels.push({ file, text, doc, shown, params: bindableParams(paramSpecsOf(doc), compared) });
  }
  return panels;
}

/**
 * One cell the way the panel screen runs it: first rows out, the rest kept; resolves when
 * finished. `keep`: the result stays, as on a panel left open (else it is released).
 */
export function runShownCell(workbench: Workbench, panel: Pick<ShownPanel, 'text' | 'file' | 'params'>, cell: string, keep = false): Promise<void> {
  const { text, file, params } = panel;
  const queryId = randomUUID();
  return new Promise((resolve, reject) => {
    const off = workbench.onQueryEvent((event) => {
      if (event.queryId !== queryId) return;
      if (event.kind === 'error') reject(new WorkbenchError(event.error));
      if (event.kind === 'finished') {
        off();
        if (!keep) void workbench.releaseResult({ queryId });
        resolve();
      }
    });
    workbench.runCell({ text, path: file, cell, queryId, params }).catch(reject);
  });
}
