import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Workbench } from '../core/workbench.ts';
import { startServer } from '../server/server.ts';
import { rendererBuildDir, ensureRendererBuilt } from '../cli/renderer-build.ts';
import { printCase, round } from './measure.ts';

const RUNS = 5;

/** The renderer's measurement hook (renderer/src/test-hook.ts), as seen from page.evaluate. */
type PageGlobals = { __mirante?: { paints: number[]; lastPaintMs: number | null } };

async function paintMs(page: Page, sql: string): Promise<number> {
  const before = await page.evaluate(() => (globalThis as unknown as PageGlobals).__mirante?.paints.length ?? 0);
  await page.locator('[data-testid=editor] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.waitForFunction((n) => ((globalThis as unknown as PageGlobals).__mirante?.paints.length ?? 0) > n, before, { timeout: 60_000 });
  const ms = await page.evaluate(() => (globalThis as unknown as PageGlobals).__mirante?.lastPaintMs ?? -1);
  // A 10M-row result keeps filling the kept table after its first rows paint: stop it so the next run starts clean.
  const cancel = page.getByTestId('cancel-button');
  if (await cancel.isVisible()) await cancel.click();
  await cancel.waitFor({ state: 'hidden', timeout: 60_000 });
  return ms;
}

/** ms from the first Arrow batch arriving in the renderer to its rows painted in the grid, in Chromium. */
export async function gridPaintCases(dataDir: string): Promise<void> {
  await ensureRendererBuilt();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-state-'));
  const workbench = await Workbench.open({ dataDir, stateDir, auditLog: path.join(stateDir, 'auditoria', 'auditoria.jsonl') });
  const server = await startServer(workbench, { port: 0, staticRoot: rendererBuildDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.url);
    await page.getByTestId('catalog-table-pessoa').waitFor({ timeout: 60_000 });
    await paintMs(page, 'select 1 as aquecimento');
    for (const [name, rows] of [['grid_first_paint_1k', 1_000], ['grid_first_paint_10m', 10_000_000]] as const) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await paintMs(page, `select i, i * 1.5 as valor, 'linha ' || i as texto from range(${rows}) t(i)`));
      times.sort((a, b) => a - b);
      printCase(name, { rows, ms: round(times[Math.floor(RUNS / 2)] as number), runs: times.map((t) => round(t)) });
    }
  } finally {
    await browser.close();
    await server.close();
    await workbench.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}
