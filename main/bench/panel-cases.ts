// The curated panels at SF 1 and SF 10: their preparation after start, first open and reopen
// (answered from the cell cache), the compute path against bare DuckDB panel by panel and cell by cell, and the workbench's memory with the five
// panels open (in a child process, so its peak RSS is the workbench's own).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compileForRun } from '../core/documents/compile-for-run.ts';
import { Workbench } from '../core/workbench.ts';
import { openBareRegistry, runBareStatement, type BareRegistry } from './bare-registry.ts';
import { compareMedians, medianMs, printCase, round } from './measure.ts';
import { runShownCell, shownPanels } from './panel-run.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/** The same compiled SQL on plain DuckDB over the raw Parquet (bare-registry.ts), on a connection of its own as the engine does. */
async function runBareCell(bare: BareRegistry, sql: string, params: Parameters<typeof runBareStatement>[2]): Promise<void> {
  const connection = await bare.connect();
  try {
    await runBareStatement(connection, sql, params);
  } finally {
    connection.closeSync();
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function panelsAt(dataDir: string, suffix: string): Promise<void> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-state-'));
  // Logs of their own: the bench's hundreds of runs are not the data dir's users' actions.
  const open = (name: string, maxCachedCells?: number, preparePanels = false) =>
    Workbench.open({
      dataDir,
      stateDir: path.join(stateDir, name),
      auditLog: path.join(stateDir, name, 'auditoria', 'auditoria.jsonl'),
      ...(maxCachedCells !== undefined ? { maxCachedCells } : {}),
      preparePanels,
    });
  // As people get it: the shells open the workbench with the saved panels prepared in the
  // background (queries/panel-preparation.ts); the bench waits for that, as someone who opens a
  // panel a minute after start would. The compute path alone (cache off): the ratio to bare DuckDB.
  const preparing = performance.now();
  const workbench = await open('com-cache', undefined, true);
  const prepared = await workbench.panelsPrepared();
  printCase(`panels_prepared_${suffix}`, {
    ms: round(performance.now() - preparing),
    cells: prepared?.cells ?? 0,
    prepared: prepared?.prepared ?? 0,
    failed: prepared?.failed ?? 0,
  });
  const uncached = await open('sem-cache', 0);
  // As many threads as the workbench's engine takes (its default): the ratio compares paths, not thread counts.
  const bare = await openBareRegistry(dataDir, { threads: os.availableParallelism() });
  const cellRuns = Number(process.env.MIRANTE_BENCH_CELL_RUNS ?? 3);
  try {
    for (const panelShown of await shownPanels(workbench.engine.snapshots().map((s) => s.date))) {
      const { file, doc, shown, params } = panelShown;
      const panel = `panel_${file.replace(/\.md$/, '').replaceAll('-', '_')}_${suffix}`;
      const compiled = new Map<string, string>();
      for (const cell of shown) compiled.set(cell, (await compileForRun(workbench.engine, doc, cell, undefined, params)).sql);
      const bareSql = (cell: string): string => compiled.get(cell) ?? '';
      // The panel screen runs its cells together with its default parameters; bare DuckDB runs
      // the same compiled SQL together too. First open after start (prepared), then the
      // reopenings; then the compute path with nothing cached: its first run (cold) and, warm,
      // against bare DuckDB, alternating.
      const openPanel = (on: Workbench) => () => Promise.all(shown.map((cell) => runShownCell(on, panelShown, cell)));
      const bareRun = () => Promise.all(shown.map((cell) => runBareCell(bare, bareSql(cell), params)));
      const coldMs = await timed(openPanel(workbench));
      const warmMs = await medianMs(openPanel(workbench), 3, 0);
      const computeColdMs = await timed(openPanel(uncached));
      const firstBareMs = await timed(bareRun);
      const [computeMs, bareMs] = (await compareMedians([openPanel(uncached), bareRun], 3, 1)) as [number, number];
      printCase(panel, {
        ms: round(warmMs),
        cold_ms: round(coldMs),
        cells: shown.length,
        compute_ms: round(computeMs),
        bare_ms: round(bareMs),
        ratio: round(computeMs / bareMs),
        compute_cold_ms: round(computeColdMs),
        cold_bare_ms: round(firstBareMs),
      });
      // Cell by cell, one at a time, nothing cached: which cell takes the time, and how much of it is DuckDB's.
      for (const cell of shown) {
        const [cellMs, cellBareMs] = (await compareMedians(
          [() => runShownCell(uncached, panelShown, cell), () => runBareCell(bare, bareSql(cell), params)],
          cellRuns,
          1,
        )) as [number, number];
        printCase(`${panel}_cell_${cell}`, { ms: round(cellMs), bare_ms: round(cellBareMs), ratio: round(cellMs / cellBareMs) });
      }
    }
  } finally {
    bare.close();
    await workbench.close();
    await uncached.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Peak RSS of a workbench process that opens the five panels and leaves them open. */
async function panelMemory(dataDir: string, suffix: string): Promise<void> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'panel-memory-child.ts'), dataDir], {
    maxBuffer: 1024 * 1024,
    timeout: 1_200_000,
  });
  printCase(`panels_open_memory_${suffix}`, JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, number>);
}

/**
 * Each curated panel's time at one scale (`suffix`: sf1, sf10): first open, cached reopen, the
 * compute path against bare DuckDB running the same compiled SQL, a line per cell, and the
 * workbench's memory with the five panels open. MIRANTE_BENCH_CELL_RUNS: timed runs per cell (3).
 */
export async function panelCases(dataDir: string, suffix: string): Promise<void> {
  await panelsAt(dataDir, suffix);
  await panelMemory(dataDir, suffix);
}
