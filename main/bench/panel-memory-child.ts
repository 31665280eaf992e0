// Run in a child process by panel-cases.ts, so its peak RSS is the workbench's own: opened as
// the shells open it (the saved panels prepared in the background into the cell cache,
// queries/panel-preparation.ts), it waits for that, then opens the five curated panels one
// after the other and leaves them open (every shown result kept, as the panel screen keeps
// them), then prints one JSON line of figures.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Workbench } from '../core/workbench.ts';
import { runShownCell, shownPanels } from './panel-run.ts';

const [dataDir] = process.argv.slice(2) as [string];
const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-memory-'));
const workbench = await Workbench.open({ dataDir, stateDir: path.join(dir, 'state'), auditLog: path.join(dir, 'auditoria', 'auditoria.jsonl'), preparePanels: true });
try {
  const rssOpenMb = process.memoryUsage().rss / 1024 / 1024;
  await workbench.panelsPrepared();
  const rssPreparedMb = process.memoryUsage().rss / 1024 / 1024;
  for (const panel of await shownPanels(workbench.engine.snapshots().map((s) => s.date))) {
    await Promise.all(panel.shown.map((cell) => runShownCell(workbench, panel, cell, true)));
  }
  const figures = {
    rss_open_mb: Math.round(rssOpenMb),
    rss_prepared_mb: Math.round(rssPreparedMb),
    rss_panels_open_mb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await workbench.close();
  await rm(dir, { recursive: true, force: true });
}
