// eMAG (WCAG 2.x AA) on every screen, as axe-core judges it in Chromium, with no critical or
// serious violation: the SQL workbench with a result and the catalog, the result's profile with
// the history, the palette, the export dialog, a panel with KPIs, a table and a chart beside the
// gallery, a notebook with its parameters and "Salvar como…" dialogs, the audit log and Retratos
// with a comparison. Each in the light theme (every rule) and the dark one
// (contrast, the only thing a theme changes); a dialog is checked alone, over a page already
// checked. One app and one page for the file: each screen is reached from the last, as a user
// walks through them, and a document's tab is closed once done with (axe takes 1-4 s a run on a
// 2-core machine, more on a page holding more: each run and each hidden tab counts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockingViolations } from './accessibility-axe.ts';
import { openPage, projectQueriesDir, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir });
  page = await openPage(app);
});

afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('theme-select').selectOption(theme);
  await page.waitForFunction(`document.documentElement.dataset.theme === '${theme}'`);
  // The theme's colours are painted on the next frame (Monaco's theme too).
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

interface Check {
  /** A dialog: only that part of the page is checked. */
  within?: string;
  /** Also a screenshot at 1024×640. */
  narrow?: boolean;
  /** Runs before the verdict, so the next screen starts from a page with nothing left open. */
  leave?: () => Promise<void>;
}

/** axe in the light theme, then the dark one; a screenshot of each; the page is left light. */
async function expectAccessible(screen: string, { within, narrow = false, leave }: Check = {}): Promise<void> {
  const found: string[] = [];
  try {
    found.push(...(await blockingViolations(page, { ...(within ? { within } : {}) })).map((line) => `light: ${line}`));
    await screenshot(page, `a11y-${screen}-light`);
    if (narrow) {
      await page.setViewportSize({ width: 1024, height: 640 });
      await page.waitForTimeout(150);
      await screenshot(page, `a11y-${screen}-1024x640`);
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    await setTheme('dark');
    found.push(...(await blockingViolations(page, { contrastOnly: true, ...(within ? { within } : {}) })).map((line) => `dark: ${line}`));
    await screenshot(page, `a11y-${screen}-dark`);
  } finally {
    await setTheme('light');
    await leave?.();
  }
  expect(found, `axe found critical or serious violations on ${screen}:\n${found.join('\n')}`).toEqual([]);
}

async function closeWithEscape(testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

const activeDoc = () => page.locator('.doc-tab:not(.hidden)');

describe('accessibility of every screen (axe-core, light and dark)', () => {
  it('the SQL workbench with a result in the grid, a table open in the catalog', async () => {
    await runSql(page, 'select * from pessoa order by pessoa_id limit 200');
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 30_000 }).toBe('200 linhas');
    await page.getByTestId('catalog-table-pessoa').locator('.twisty').click();
    await expectAccessible('workbench', { narrow: true });
  });

  it("the result's profile, the history in the rail", async () => {
    await page.locator('.rail').getByRole('tab', { name: 'Histórico' }).click();
    await page.getByTestId('history-entry').first().waitFor();
    await page.locator('.result-area').getByRole('tab', { name: 'Perfil' }).click();
    await page.locator('.profile-view .profile-stats').waitFor({ timeout: 30_000 });
    await expectAccessible('profile-history', { leave: () => page.locator('.result-area').getByRole('tab', { name: 'Resultado' }).click() });
  });

  it('the palette (Ctrl+K)', async () => {
    await page.keyboard.press('ControlOrMeta+K');
    await page.getByTestId('palette').waitFor();
    await expectAccessible('palette', { within: '[data-testid=palette]', leave: () => closeWithEscape('palette') });
  });

  it('the export dialog of a result', async () => {
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-csv').click();
    await page.getByTestId('export-dialog').waitFor();
    await expectAccessible('export-dialog', { within: '[data-testid=export-dialog]', narrow: true, leave: () => closeWithEscape('export-dialog') });
  });

  it('a panel with KPIs, a table and a chart, the gallery in the rail', async () => {
    await page.getByTestId('rail-panels').click();
    await page.getByTestId('gallery-divida-ativa.md').locator('.gallery-open').click();
    const doc = activeDoc();
    await doc.getByTestId('doc-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');
    await expect.poll(() => doc.locator('.kpi-delta').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect.poll(() => doc.getByTestId('panel-chart-por_tributo').locator('svg rect').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await expect.poll(() => doc.getByTestId('panel-cell-maiores_devedores').locator('.ag-row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await expectAccessible('panel', { narrow: true });
  });

  it('a notebook with its cells run (the panel closed from its tab with Delete)', async () => {
    await page.locator('.editor-tab.active [role=tab]').press('Delete');
    await page.getByTestId('doc-panel').waitFor({ state: 'detached' });
    await page.getByTestId('gallery-obras.md').getByTestId('open-notebook').click();
    const doc = activeDoc();
    await doc.getByTestId('doc-notebook').waitFor({ timeout: 15_000 });
    await doc.getByTestId('run-all-cells').click();
    await expect.poll(() => doc.locator('.nb-cell .ag-row').count(), { timeout: 45_000 }).toBeGreaterThan(1);
    await expect.poll(() => doc.locator('.nb-cell [data-testid=chart] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => doc.locator('.nb-cell .spinner').count(), { timeout: 45_000 }).toBe(0);
    await expectAccessible('notebook');
  });

  for (const [button, dialog] of [['edit-params', 'params-dialog'], ['save-as', 'save-as-dialog']] as const) {
    it(`the notebook's ${dialog}`, async () => {
      await activeDoc().getByTestId(button).click();
      await page.getByTestId(dialog).waitFor();
      await expectAccessible(dialog, { within: `[data-testid=${dialog}]`, narrow: dialog === 'save-as-dialog', leave: () => closeWithEscape(dialog) });
    });
  }

  it('the audit log', async () => {
    await page.locator('.editor-tab.active [role=tab]').press('Delete');
    await page.getByTestId('doc-notebook').waitFor({ state: 'detached' });
    await page.getByTestId('rail-audit').click();
    await page.getByTestId('audit-view').locator('[data-testid=audit-row]').first().waitFor({ timeout: 15_000 });
    await expectAccessible('audit', { narrow: true });
  });

  it('Retratos, with two snapshots compared', async () => {
    await page.getByTestId('rail-catalog').click();
    await page.getByTestId('open-snapshots').click();
    const view = page.getByTestId('snapshots-view');
    await view.getByTestId('snapshots-list').waitFor({ timeout: 15_000 });
    await view.getByTestId('compare-table').selectOption('pessoa');
    await view.getByTestId('compare-from').selectOption('2026-09-30');
    await view.getByTestId('compare-to').selectOption('2026-10-31');
    await view.getByTestId('compare-run').click();
    await view.locator('[data-testid=result-grid] .ag-row').first().waitFor({ timeout: 30_000 });
    await expectAccessible('snapshots');
  });
});

