import { Workbench } from '../../core/workbench.ts';
import { firstRowsCase, generateCase, queryOverheadCases } from '../../bench/cases.ts';
import { gridPaintCases } from '../../bench/grid-paint.ts';
import { exportCases } from '../../bench/export-cases.ts';
import { panelCases } from '../../bench/panel-cases.ts';
import { ensureSampleRegistry } from './start.ts';

/** `mirante bench` (= `npm run bench`): one JSON line per case, each a side-by-side ratio from one run. */
export async function benchCommand(options: { data: string; skipGenerate?: boolean; skipSf10?: boolean }): Promise<void> {
  if (!options.skipGenerate) await generateCase();
  await ensureSampleRegistry(options.data);
  const workbench = await Workbench.open({ dataDir: options.data });
  try {
    const snapshot = workbench.engine.defaultSnapshot();
    await queryOverheadCases(workbench, options.data, snapshot);
    await firstRowsCase(workbench);
  } finally {
    await workbench.close();
  }
  await gridPaintCases(options.data);
  await exportCases(options.data);
  await panelCases(options.data, { sf10: !options.skipSf10 });
}
