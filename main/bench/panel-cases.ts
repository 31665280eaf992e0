import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../core/api/index.ts';
import { panelLayout, parseDocument } from '../core/documents/index.ts';
import { Workbench } from '../core/workbench.ts';
import { generateRegistry } from '../../sample-data/generator/index.ts';
import { projectRoot } from '../cli/paths.ts';
import { medianMs, printCase, round } from './measure.ts';

const queriesDir = path.join(projectRoot, 'queries');

/** One cell the way the panel screen runs it: first rows out, the rest kept; resolves when finished. */
function runShownCell(workbench: Workbench, text: string, file: string, cell: string): Promise<void> {
  const queryId = randomUUID();
  return new Promise((resolve, reject) => {
    const off = workbench.onQueryEvent((event) => {
      if (event.queryId !== queryId) return;
      if (event.kind === 'error') reject(new WorkbenchError(event.error));
      if (event.kind === 'finished') {
        off();
        void workbench.releaseResult({ queryId });
        resolve();
      }
    });
    workbench.runCell({ text, path: file, cell, queryId }).catch(reject);
  });
}

async function panelsAt(dataDir: string, suffix: string): Promise<void> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-state-'));
  // A log of its own: the bench's hundreds of runs are not the data dir's users' actions.
  const workbench = await Workbench.open({ dataDir, stateDir, auditLog: path.join(stateDir, 'auditoria', 'auditoria.jsonl') });
  try {
    for (const file of (await readdir(queriesDir)).filter((f) => f.endsWith('.md')).sort()) {
      const text = await readFile(path.join(queriesDir, file), 'utf8');
      const shown = panelLayout(parseDocument(text, file)).shown.flatMap((cell) => (cell.name ? [cell.name] : []));
      // The panel screen runs its cells together with its default parameters.
      const ms = await medianMs(() => Promise.all(shown.map((cell) => runShownCell(workbench, text, file, cell))), 3, 1);
      printCase(`panel_${file.replace(/\.md$/, '').replaceAll('-', '_')}_${suffix}`, { ms: round(ms), cells: shown.length });
    }
  } finally {
    await workbench.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Each curated panel's time, warm, at SF 1 (the sample registry) and SF 10 (generated for the run, then removed). */
export async function panelCases(sf1DataDir: string, options: { sf10: boolean }): Promise<void> {
  await panelsAt(sf1DataDir, 'sf1');
  if (!options.sf10) return;
  const sf10 = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-sf10-'));
  try {
    await generateRegistry({ scale: 10, seed: 42, outDir: sf10 });
    await panelsAt(sf10, 'sf10');
  } finally {
    await rm(sf10, { recursive: true, force: true });
  }
}
