// The monthly routine as a user meets it: while Mirante is open, the data team imports and
// publishes a month (`mirante snapshot import`, a real child process); when the window regains
// focus the new date is announced and offered in "Dados de", without a restart, and queries
// on it answer with its reference date. The date already in view stays until the user picks.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { columnTexts, openPage, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;
let dataDir: string;

beforeAll(async () => {
  // A copy: publishing writes into the data dir, and other test files read the shared one.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-publish-'));
  await cp(inject('sampleRegistryDir'), dataDir, { recursive: true });
  app = await startApp(dataDir);
});

afterAll(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a snapshot published while Mirante is open', () => {
  it('is announced and offered in "Dados de" when the window regains focus, and answers for its own date', async () => {
    const page = await openPage(app);
    const select = page.getByTestId('snapshot-select');
    const dates = () => select.locator('option').evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value));
    expect([...(await dates())].sort()).toEqual(['2026-09-30', '2026-10-31']);
    await page.evaluate(`(() => {
      const seen = (window.toastsSeen = []);
      new MutationObserver(() => document.querySelectorAll('.toast').forEach((toast) => seen.push(toast.textContent))).observe(document.body, { childList: true, subtree: true });
    })()`);

    // The month's files as the city sends them: here the newest snapshot's own Parquet, as is.
    const imported = await runCli(['snapshot', 'import', '--from', path.join(dataDir, 'snapshots', '2026-10-31'), '--date', '2026-11-30', '--data', dataDir]);
    expect(imported.code, imported.stderr).toBe(0);

    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    await expect.poll(() => page.evaluate(`window.toastsSeen.join('\\n')`)).toMatch(/Novo retrato de dados publicado: 30\/11\/2026/);
    await expect.poll(dates).toContain('2026-11-30');
    // Still on the date the user had in view.
    expect(await select.inputValue()).toBe('2026-10-31');
    await screenshot(page, 'published-snapshot-announced');

    await select.selectOption('2026-11-30');
    await runSql(page, 'select data_referencia() as referencia, count(*) as pessoas from pessoa');
    await expect.poll(() => columnTexts(page, 'c0')).toEqual(['30/11/2026']);
    await page.context().close();
  });
});
