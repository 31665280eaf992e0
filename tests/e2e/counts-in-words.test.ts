// "1 linhas" (issue 10): every count the UI puts in a sentence reads as Portuguese when it is
// one — a copied row, an exported row, a panel export's one-row sheet (its KPIs), and what a
// validated import found (one table). Found by walking the screens the fix left out.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, projectQueriesDir, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;
let page: Page;
let received: string;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir });
  page = await openPage(app);
  received = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-counts-'));
  await writeFile(path.join(received, 'familia.csv'), 'familia_id;bairro\r\n1;Centro\r\n2;Jundiapeba\r\n');
});

afterAll(async () => {
  await page?.context().close();
  await app?.close();
  if (received) await rm(received, { recursive: true, force: true });
});

/** Each test starts with no dialog over the page, whatever the one before left. */
async function closeAnyDialog(): Promise<void> {
  if ((await page.locator('.modal-backdrop').count()) === 0) return;
  await page.keyboard.press('Escape');
  await page.locator('.modal-backdrop').waitFor({ state: 'detached' });
}

const ONE_PLURAL = /(^|\D)1 (linhas|tabelas)\b/;

describe('a count of one, in words', () => {
  it('a row copied, a row exported', async () => {
    await runSql(page, "select 1 as n, 'a' as letra");
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 30_000 }).toBe('1 linha');
    const cell = (col: number) => page.locator(`[data-testid=result-grid] .ag-row[row-index="0"] [col-id="c${col}"]`);
    await cell(0).click();
    await cell(1).click({ modifiers: ['Shift'] });
    // The toast is gone after 2.2 s, less than a poll can miss on a loaded machine: every toast is recorded.
    await page.evaluate(`(() => {
      window.__toasts = [];
      new MutationObserver(() => document.querySelectorAll('.toast').forEach((t) => window.__toasts.push(t.textContent))).observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);
    await page.keyboard.press('ControlOrMeta+C');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('n\tletra\r\n1\ta\r\n');
    await expect.poll(() => page.evaluate('window.__toasts'), { timeout: 5_000 }).toContain('1 linha copiada');

    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format-csv').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-file-name').fill('uma');
    await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
    await expect(dialog.getByTestId('export-done').innerText()).resolves.toMatch(/^1 linha exportada em uma\.csv/);
  }, 120_000);

  it("a panel export's one-row sheet", async () => {
    await closeAnyDialog();
    await page.getByTestId('rail-panels').click();
    await page.getByTestId('gallery-divida-ativa.md').locator('.gallery-open').click();
    const doc = page.locator('.doc-tab:not(.hidden)');
    await doc.getByTestId('doc-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');
    await expect.poll(() => doc.locator('.cell-pending, .waiting, .spinner').count(), { timeout: 45_000 }).toBe(0);
    await doc.getByTestId('export-button').click();
    const dialog = page.getByTestId('export-dialog');
    // The panel holds personal data (its largest debtors): a purpose is asked.
    await dialog.getByTestId('export-purpose').fill('Relatório mensal da dívida ativa para a Secretaria de Finanças');
    await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByTestId('export-start').click()]);
    const sheets = await dialog.locator('.export-sheets li').allInnerTexts();
    await screenshot(page, 'export-done-sheets');
    expect(sheets.some((sheet) => /: 1 linha$/.test(sheet)), sheets.join('\n')).toBe(true);
    expect(sheets.filter((sheet) => ONE_PLURAL.test(sheet))).toEqual([]);
  }, 120_000);

  it('an import that found one table', async () => {
    await closeAnyDialog();
    await page.getByTestId('rail-catalog').click();
    await page.getByTestId('open-snapshots').click();
    const form = page.getByTestId('import-month');
    await form.getByTestId('import-from').fill(received);
    await form.getByTestId('import-date').fill('2026-12-31');
    await form.getByTestId('import-validate').click();
    const outcome = form.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    const summary = await outcome.locator('p').first().innerText();
    expect(summary).toMatch(/1 tabela, 2 linhas;/);
    expect(summary).not.toMatch(ONE_PLURAL);
  });
});
