// Run in a child process by export-cases.ts, so its peak RSS is the export's own: keeps the
// 1M × 8 result as the UI would, exports it, and prints one JSON line of figures.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExportFormat } from '../core/api/index.ts';
import { Workbench } from '../core/workbench.ts';
import { MILLION_ROWS_SQL } from './cases.ts';

const [dataDir, format] = process.argv.slice(2) as [string, ExportFormat];
const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-export-'));
const workbench = await Workbench.open({ dataDir, stateDir: path.join(dir, 'state') });
try {
  const queryId = randomUUID();
  const finished = new Promise<void>((resolve) => {
    const off = workbench.onQueryEvent((e) => {
      if (e.queryId === queryId && e.kind === 'finished') {
        off();
        resolve();
      }
    });
  });
  await workbench.runQuery({ sql: MILLION_ROWS_SQL, queryId });
  await finished;
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  // No save target: the file is written to the private downloads folder, as in the web mode.
  const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, fileName: `bench.${format}` });
  const status = await workbench.exportSettled(exportId);
  const seconds = (performance.now() - started) / 1000;
  if (status.state !== 'done') throw new Error(status.error?.message ?? status.state);
  process.stdout.write(`${JSON.stringify({ rows: status.rowsWritten, seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024, rss_before_mb: rssBefore })}\n`);
} finally {
  await workbench.close();
  await rm(dir, { recursive: true, force: true });
}
