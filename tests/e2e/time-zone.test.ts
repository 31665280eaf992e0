// The time zone as a user meets it: the grid shows a TIMESTAMPTZ as the wall clock of the
// session's zone with its offset; the status bar names that zone, lets the user choose another
// (said to apply on the next start), and after a restart the grid is in the chosen zone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { columnTexts, openPage, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'));
});

afterAll(async () => {
  await app?.close();
});

// 02:00:00 UTC on 2019-02-17 is 23:00:00 of the 16th in São Paulo, just after summer time ended.
const SQL = "select TIMESTAMPTZ '2019-02-17 02:00:00+00' as instante, TIMESTAMPTZ '2019-02-17 01:59:59+00' as antes";

describe('time zone', () => {
  it('shows TIMESTAMPTZ in the chosen zone after the next start, and says when a new choice applies', async () => {
    let page = await openPage(app);
    const system = app.workbench.engine.timeZone;
    const select = page.getByTestId('time-zone-select');
    await expect.poll(() => select.getAttribute('title')).toContain(system);

    // Every toast shown, kept: on a loaded machine a toast may come and go between two looks.
    await page.evaluate(`(() => {
      const seen = (window.toastsSeen = []);
      new MutationObserver(() => document.querySelectorAll('.toast').forEach((toast) => seen.push(toast.textContent))).observe(document.body, { childList: true, subtree: true });
    })()`);
    await select.selectOption('America/Sao_Paulo');
    await expect.poll(() => page.evaluate(`window.toastsSeen.join('\\n')`)).toMatch(/America\/Sao_Paulo: vale quando o Mirante abrir de novo/);
    await expect.poll(async () => (await app.workbench.loadWorkspace())?.timeZone).toBe('America/Sao_Paulo');

    await page.context().close();
    await app.restartServer();
    expect(app.workbench.engine.timeZone).toBe('America/Sao_Paulo');
    page = await openPage(app);
    await runSql(page, SQL);
    await expect.poll(() => columnTexts(page, 'c0')).toEqual(['16/02/2019 23:00:00 -03']);
    await expect.poll(() => columnTexts(page, 'c1')).toEqual(['16/02/2019 23:59:59 -02']);
    await expect.poll(() => page.getByTestId('time-zone-select').inputValue()).toBe('America/Sao_Paulo');
    await screenshot(page, 'time-zone-sao-paulo');

    // Back to the system's zone: the next start uses it again.
    await page.getByTestId('time-zone-select').selectOption('');
    await expect.poll(async () => (await app.workbench.loadWorkspace())?.timeZone).toBeUndefined();
    await page.context().close();
    await app.restartServer();
    expect(app.workbench.engine.timeZone).toBe(system);
  });
});
