// Starts the real core and the local web server over the SF 0.01 registry, and drives the
// built renderer in Chromium (playwright-core + the system chromium).
import { existsSync, mkdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Role } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { startServer, type RunningServer, type ServeOptions } from '../../main/server/server.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererRoot = path.join(projectRoot, 'out/renderer');
const screenshotDir = path.join(projectRoot, 'test-artifacts/screenshots');
const CHROMIUM = '/usr/bin/chromium';

export const projectQueriesDir = path.join(projectRoot, 'queries');

export interface App {
  workbench: Workbench;
  server: RunningServer;
  browser: Browser;
  /** Stops the server and the core as a crash would leave them, then starts both again on the same state. */
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The curated notebooks and panels the server lists; default the core's own default. */
  queriesDir?: string;
  /**
   * Gives the current OS user this role through `<dataDir>/mirante.yaml`, written in a COPY of
   * the registry dir (the shared one is never touched).
   */
  role?: Role;
  /** Server options (session lifetimes, the page grace time, the sessions' clock). */
  server?: Omit<Partial<ServeOptions>, 'port' | 'staticRoot'>;
}

/** A private copy of the registry dir whose `mirante.yaml` gives the OS user `role`. */
async function registryWithRole(dataDir: string, role: Role): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), `mirante-e2e-${role}-`));
  await cp(dataDir, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}auditoria`) });
  const user = JSON.stringify(os.userInfo().username);
  await writeFile(path.join(copy, 'mirante.yaml'), `# e2e: the role of the user running the tests\nusuarios:\n  ${user}: ${role}\n`);
  return copy;
}

export async function startApp(dataDir: string, options: AppOptions = {}): Promise<App> {
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    throw new Error(`The renderer is not built: run \`npx vite build -c vite.renderer.config.ts\` first (${rendererRoot})`);
  }
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-state-'));
  const dataCopy = options.role ? await registryWithRole(dataDir, options.role) : null;
  // Each app keeps its own audit log: test files run in parallel over the same registry dir.
  const auditLog = path.join(stateDir, 'auditoria', 'auditoria.jsonl');
  const open = async () => {
    const workbench = await Workbench.open({ dataDir: dataCopy ?? dataDir, stateDir, auditLog, ...(options.queriesDir ? { queriesDir: options.queriesDir } : {}) });
    return { workbench, server: await startServer(workbench, { ...options.server, port: 0, staticRoot: rendererRoot }) };
  };
  const { workbench, server } = await open();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const app: App = {
    workbench,
    server,
    browser,
    async restartServer() {
      await app.server.close();
      await app.workbench.close();
      Object.assign(app, await open());
    },
    async close() {
      await browser.close();
      await app.server.close();
      await app.workbench.close();
      await rm(stateDir, { recursive: true, force: true });
      if (dataCopy) await rm(dataCopy, { recursive: true, force: true });
    },
  };
  return app;
}

/** `readyTestId`: what shows once the app has started (role `consulta` opens on the gallery). */
export async function openPage(app: App, viewport = { width: 1366, height: 768 }, readyTestId = 'catalog-table-pessoa'): Promise<Page> {
  // Each page starts on the SQL tab: panels or the audit log an earlier test left open would reopen.
  const saved = await app.workbench.loadWorkspace({});
  if (saved?.openTabs) {
    const { openTabs: _left, ...rest } = saved;
    await app.workbench.saveWorkspace(rest);
  }
  const context = await app.browser.newContext({ viewport });
  // The page lives on this run's own `m-<random>.localhost` name (Chromium resolves it to loopback itself).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByTestId(readyTestId).waitFor({ timeout: 30_000 });
  return page;
}

/** Replaces the editor's text by typing, as a user would. */
export async function setSql(page: Page, sql: string): Promise<void> {
  await page.locator('[data-testid=editor] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Escape');
}

export async function runSql(page: Page, sql: string, whole = false): Promise<void> {
  await setSql(page, sql);
  await page.keyboard.press(whole ? 'ControlOrMeta+Shift+Enter' : 'ControlOrMeta+Enter');
}

/** Text of the grid cells of one column (`c<index>` or `rownum`) now rendered, in row order. */
export async function columnTexts(page: Page, colId: string): Promise<string[]> {
  return page.locator('[data-testid=result-grid] .ag-row[row-index]').evaluateAll(
    (rows, id) =>
      rows
        .map((row) => ({ index: Number(row.getAttribute('row-index')), text: row.querySelector(`[col-id="${id}"]`)?.textContent ?? null }))
        .filter((r) => r.text !== null && r.text !== '')
        .sort((a, b) => a.index - b.index)
        .map((r) => r.text as string),
    colId,
  );
}

export async function jsHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize;
}

export async function screenshot(page: Page, flow: string, fullPage = false): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${flow}.png`), fullPage });
}
