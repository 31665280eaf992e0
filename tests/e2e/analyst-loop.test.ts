// Bullets of issue 10 whose E2E did not reach them, as the analyst meets them in Chromium: a
// text column sorted from its header in Portuguese order (ICU's `pt` collation, not byte order:
// "César" before "Conjunto"), a completion list that offers nothing the sandbox refuses (`pg_*`
// tables and functions; until now only below the UI), and a notebook tab (not only a panel's)
// back after a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { columnTexts, openPage, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'));
  page = await openPage(app);
});

afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

describe('the analyst loop', () => {
  it('sorts text from its header in Portuguese order, accents and case as a reader expects', async () => {
    await runSql(page, "select * from (values ('Conjunto'), ('Zé'), ('cedro'), ('César'), ('Ávila')) t(nome)");
    await expect.poll(() => columnTexts(page, 'c0'), { timeout: 30_000 }).toEqual(['Conjunto', 'Zé', 'cedro', 'César', 'Ávila']);
    const header = page.locator('[data-testid=result-grid] .ag-header-cell[col-id=c0]');
    await header.click();
    // Byte order would give Conjunto, César, Zé, cedro, Ávila.
    await expect.poll(() => columnTexts(page, 'c0'), { timeout: 15_000 }).toEqual(['Ávila', 'cedro', 'César', 'Conjunto', 'Zé']);
    await header.click();
    await expect.poll(() => columnTexts(page, 'c0'), { timeout: 15_000 }).toEqual(['Zé', 'Conjunto', 'César', 'cedro', 'Ávila']);
    await screenshot(page, 'sort-pt-collation');
  });

  it('offers no pg_ table or function, which the sandbox would refuse; offers the registry tables and DuckDB functions', async () => {
    const widget = page.locator('[data-testid=editor] .suggest-widget');
    const labels = () => widget.locator('.monaco-list-row .label-name').allInnerTexts();
    const ask = async (text: string) => {
      await page.locator('[data-testid=editor] .view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(text);
      await page.keyboard.press('Control+Space');
    };
    // The positive case first, so the list is known to open on this page.
    await ask('select * from pes');
    await expect.poll(labels, { timeout: 30_000 }).toContain('pessoa');
    await page.keyboard.press('Escape');
    await ask('select upp');
    await expect.poll(labels, { timeout: 30_000 }).toContain('upper');
    await page.keyboard.press('Escape');
    for (const text of ['select * from pg_', 'select pg_']) {
      await ask(text);
      // Either the list opens with other names or Monaco says it has none ("No suggestions."),
      // once every provider has answered (not while it says "Loading..."); never a pg_ name.
      await expect
        .poll(async () => {
          const shown = (await widget.innerText().catch(() => '')).trim();
          return shown !== '' && !/loading|carregando/i.test(shown);
        }, { timeout: 15_000 })
        .toBe(true);
      expect((await labels()).filter((label) => /^pg_/i.test(label))).toEqual([]);
      await page.keyboard.press('Escape');
    }
  });

  it('reopens a notebook tab after a reload, as a notebook', async () => {
    await page.getByTestId('rail-panels').click();
    await page.getByTestId('gallery-obras.md').getByTestId('open-notebook').click();
    const doc = page.locator('.doc-tab:not(.hidden)');
    await doc.getByTestId('doc-notebook').waitFor({ timeout: 15_000 });
    await expect.poll(async () => JSON.stringify((await app.workbench.loadWorkspace({}))?.openTabs ?? null), { timeout: 15_000 }).toContain('obras.md');
    await page.reload();
    await page.getByTestId('catalog-table-pessoa').waitFor({ timeout: 30_000 });
    await page.locator('.doc-tab:not(.hidden) [data-testid=doc-notebook]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.doc-tab:not(.hidden) [data-testid=doc-panel]').count()).toBe(0);
    await screenshot(page, 'reload-notebook');
  });
});
