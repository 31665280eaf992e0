import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Workbench } from '../../core/workbench.ts';
import { firstRowsCase, generateCase, queryOverheadCases } from '../../bench/cases.ts';
import { printGoalSummary } from '../../bench/goals.ts';
import { gridPaintCases } from '../../bench/grid-paint.ts';
import { exportCases } from '../../bench/export-cases.ts';
import { panelCases } from '../../bench/panel-cases.ts';
import { withSf10Registry } from '../../bench/sf10.ts';
import { diffCase, importCase } from '../../bench/snapshot-cases.ts';
import { reidentificationCases } from '../../bench/reidentification.ts';
import { UsageError } from '../errors.ts';
import { ensureSampleRegistry } from './start.ts';

/** The cases (or case prefixes, ending in `_`) each part of the bench prints. */
export const BENCH_PARTS = {
  generate: ['generate_sf1'],
  query: ['query_fixed_cost', 'query_overhead_aggregate', 'query_overhead_1m_rows', 'arrow_vs_json', 'first_rows_10m'],
  grid: ['grid_first_paint_1k', 'grid_first_paint_10m'],
  export: ['export_xlsx_1m', 'export_csv_vs_copy'],
  panels: ['panel_', 'panels_prepared_', 'panels_open_memory_'],
  snapshots: ['snapshot_import_', 'snapshot_diff_'],
  reidentification: ['reidentification_'],
} as const satisfies Record<string, readonly string[]>;

export type BenchPart = keyof typeof BENCH_PARTS;

/** The parts `--only <prefix>` runs: those printing a case that starts with it (all without it). */
export function benchPartsFor(only: string | undefined): Set<BenchPart> {
  const parts = (Object.keys(BENCH_PARTS) as BenchPart[]).filter(
    (part) => only === undefined || BENCH_PARTS[part].some((name) => name.startsWith(only) || only.startsWith(name)),
  );
  if (parts.length === 0) {
    const known = Object.values(BENCH_PARTS).flat().join(', ');
    throw new UsageError(`--only ${only ?? ''}: nenhum caso começa assim (casos: ${known})`);
  }
  return new Set(parts);
}

/** `mirante bench` (= `npm run bench`): one JSON line per case, each a side-by-side ratio from one run. */
export async function benchCommand(options: { data: string; skipGenerate?: boolean; skipSf10?: boolean; only?: string }): Promise<void> {
  const started = performance.now();
  const parts = benchPartsFor(options.only);
  const complete = options.only === undefined && !options.skipGenerate && !options.skipSf10;
  try {
    await benchParts(parts, options);
  } finally {
    printGoalSummary((performance.now() - started) / 1000, complete);
  }
}

async function benchParts(parts: Set<BenchPart>, options: { data: string; skipGenerate?: boolean; skipSf10?: boolean; only?: string }): Promise<void> {
  if (parts.has('generate') && !options.skipGenerate) await generateCase();
  if ([...parts].every((part) => part === 'generate')) return;
  await ensureSampleRegistry(options.data);
  if (parts.has('query')) {
    // State and audit log of its own: the bench's runs are not the user's history or actions.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-'));
    const workbench = await Workbench.open({ dataDir: options.data, stateDir: scratch, auditLog: path.join(scratch, 'auditoria', 'auditoria.jsonl') });
    try {
      const snapshot = workbench.engine.defaultSnapshot();
      await queryOverheadCases(workbench, options.data, snapshot);
      await firstRowsCase(workbench);
    } finally {
      await workbench.close();
      await rm(scratch, { recursive: true, force: true });
    }
  }
  if (parts.has('grid')) await gridPaintCases(options.data);
  if (parts.has('export')) await exportCases(options.data);
  if (parts.has('panels')) await panelCases(options.data, 'sf1');
  if (parts.has('snapshots')) {
    await importCase(options.data, 'sf1');
    await diffCase(options.data, 'sf1');
  }
  // One SF 10 registry for every part measured at that scale (generated once, about 2–3 minutes).
  if (!options.skipSf10 && (parts.has('panels') || parts.has('snapshots'))) {
    await withSf10Registry(async (sf10) => {
      if (parts.has('panels')) await panelCases(sf10, 'sf10');
      if (parts.has('snapshots')) {
        await diffCase(sf10, 'sf10');
        // About 10 minutes on the 2-core machine: only when asked (the whole bench must stay under 20).
        if (process.env.MIRANTE_BENCH_IMPORT_SF10 === '1') await importCase(sf10, 'sf10');
      }
    });
  }
  if (parts.has('reidentification')) await reidentificationCases(options.data, options.only);
}
