// The screens accessibility.test.ts does not reach, under the same rule (axe-core finds no
// critical or serious violation, light and dark, a screenshot at 1366×768 and 1024×640): a grid
// cell's menu, the unmask dialog, Retratos' import form once a folder was validated (its
// findings and how each CSV was read), and a `consulta` session (the gallery it opens on, a
// panel as staff see it). Its own file: the walk in accessibility.test.ts already takes minutes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityChecker } from './accessibility-axe.ts';
import { openPage, projectQueriesDir, runSql, startApp, type App } from './app-harness.ts';

let page: Page;
const expectAccessible = accessibilityChecker(() => page);

async function closeWithEscape(testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

describe('as an analyst', () => {
  let app: App;
  let received: string;

  beforeAll(async () => {
    app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir });
    page = await openPage(app);
    // A month as it arrives from a secretariat: one CSV, latin-1, `;` and a decimal comma to sniff.
    received = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-a11y-recebidos-'));
    const lines = ['familia_id;codigo_familiar;renda_per_capita;bairro', '1;0001;1.655,50;Centro', '2;0002;320,00;São José'];
    await writeFile(path.join(received, 'familia.csv'), Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
    if (received) await rm(received, { recursive: true, force: true });
  });

  it("a grid cell's menu (right click)", async () => {
    await runSql(page, 'select pessoa_id, nome, bairro from pessoa order by pessoa_id limit 50');
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 30_000 }).toBe('50 linhas');
    const cell = page.locator('[data-testid=result-grid] .ag-row[row-index="0"] [col-id=c2]');
    await expect.poll(async () => (await cell.innerText()).trim()).not.toBe('');
    await cell.click({ button: 'right' });
    await page.getByTestId('cell-menu').waitFor();
    await expectAccessible('cell-menu', { within: '[data-testid=cell-menu]', leave: () => closeWithEscape('cell-menu') });
  });

  it('the unmask dialog', async () => {
    await page.getByTestId('unmask-button').click();
    await page.getByTestId('unmask-dialog').waitFor();
    await expectAccessible('unmask-dialog', { within: '[data-testid=unmask-dialog]', leave: () => closeWithEscape('unmask-dialog') });
  });

  it("Retratos' import form, a folder validated", async () => {
    await page.getByTestId('open-snapshots').click();
    const form = page.getByTestId('import-month');
    await form.getByTestId('import-from').fill(received);
    await form.getByTestId('import-date').fill('2026-12-31');
    await form.getByTestId('import-validate').click();
    await form.getByTestId('import-outcome').waitFor({ timeout: 60_000 });
    await form.getByTestId('import-dialects').waitFor();
    await form.scrollIntoViewIfNeeded();
    await expectAccessible('import-form', { within: '[data-testid=import-month]' });
  });
});

describe('as consulta (secretariat staff)', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir, role: 'consulta' });
    page = await openPage(app, undefined, 'gallery');
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('the gallery it opens on', async () => {
    await expect(page.getByTestId('role').innerText()).resolves.toBe('consulta');
    await expectAccessible('consulta-gallery');
  });

  it('a panel with KPIs, a table and a chart', async () => {
    await page.getByTestId('gallery-divida-ativa.md').locator('.gallery-open').click();
    const doc = page.locator('.doc-tab:not(.hidden)');
    await doc.getByTestId('doc-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');
    await expect.poll(() => doc.locator('.kpi-delta').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect.poll(() => doc.getByTestId('panel-chart-por_tributo').locator('svg rect').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await expect.poll(() => doc.getByTestId('panel-cell-maiores_devedores').locator('.ag-row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await expectAccessible('consulta-panel');
  });
});
