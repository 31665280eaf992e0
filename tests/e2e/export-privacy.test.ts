// Exports and privacy in Chromium against the real server: a panel to XLSX and a grid result to
// CSV through the UI (the browser's download), the `consulta` role (no SQL anywhere, panels
// only, free SQL refused by the server), and an analyst's unmask with its purpose in the audit view.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { panelLayout, parseDocument, sqlCells } from '../../main/core/documents/index.ts';
import { columnTexts, openPage, projectQueriesDir, runSql, screenshot, startApp, type App } from './app-harness.ts';

let downloads: string;

beforeAll(async () => {
  downloads = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-downloads-'));
});

afterAll(async () => {
  await rm(downloads, { recursive: true, force: true });
});

const activeDoc = (page: Page) => page.locator('.doc-tab:not(.hidden)');

async function openPanel(page: Page, name: string): Promise<Locator> {
  await page.getByTestId('rail-panels').click();
  const item = page.getByTestId(`gallery-${name}.md`);
  await item.waitFor();
  await item.locator('.gallery-open').click();
  const doc = activeDoc(page);
  await doc.getByTestId('doc-panel').waitFor({ timeout: 15_000 });
  return doc;
}

async function panelSettled(doc: Locator): Promise<void> {
  await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');
  await expect.poll(() => doc.locator('.cell-pending, .waiting, .spinner').count(), { timeout: 45_000 }).toBe(0);
}

/** Saves the download under its suggested name and returns the path. */
/** The panel open and settled, its export dialog on screen. */
async function openPanelExportDialog(page: Page, name: string): Promise<Locator> {
  const doc = await openPanel(page, name);
  await panelSettled(doc);
  await doc.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.waitFor();
  return dialog;
}

async function saved(download: Download): Promise<string> {
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Sheet names of an XLSX, read from `xl/workbook.xml` with the system's unzip. */
function sheetNames(xlsx: string): string[] {
  const workbook = execFileSync('unzip', ['-p', xlsx, 'xl/workbook.xml'], { encoding: 'utf8' });
  return [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The named cells a panel shows (its sheets); helper cells that only feed later cells are not. */
function shownCells(file: string): { shown: string[]; helpers: string[] } {
  const doc = parseDocument(readFileSync(file, 'utf8'), file);
  const shown = panelLayout(doc).shown.flatMap((cell) => (cell.name ? [cell.name] : []));
  const helpers = sqlCells(doc).flatMap((cell) => (cell.name && !shown.includes(cell.name) ? [cell.name] : []));
  return { shown, helpers };
}

/** The real server and Chromium for a describe block, as a user of `role` (the curated panels of queries/). */
function useApp(role: 'analista' | 'consulta', use: (app: App) => void): void {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir, role });
    use(app);
  });
  afterAll(async () => {
    await app?.close();
  });
}

async function withPage(app: App, body: (page: Page) => Promise<void>, readyTestId?: string): Promise<void> {
  const page = await openPage(app, undefined, readyTestId);
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

describe('as an analyst', () => {
  let app: App;
  useApp('analista', (started) => (app = started));

  it('exports the debt panel to XLSX: one sheet per table it shows and Sobre, downloaded by the browser, and audited', async () => {
    await withPage(app, async (page) => {
      const dialog = await openPanelExportDialog(page, 'divida-ativa');
      await dialog.getByTestId('export-purpose').fill('Relatório mensal da dívida ativa para a Secretaria de Finanças');
      await screenshot(page, 'export-dialog');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByTestId('export-start').click()]);
      const file = await saved(download);
      expect(path.extname(file)).toBe('.xlsx');
      const sheets = sheetNames(file);
      const { shown, helpers } = shownCells(path.join(projectQueriesDir, 'divida-ativa.md'));
      expect(shown.length).toBeGreaterThan(3);
      expect(sheets).toEqual([...shown, 'Sobre']);
      for (const helper of helpers) expect(sheets).not.toContain(helper);
      const done = dialog.getByTestId('export-done');
      await done.waitFor();
      await expect(done.innerText()).resolves.toContain(download.suggestedFilename());

      await dialog.getByTestId('export-close').click();
      await page.getByTestId('rail-audit').click();
      const audit = page.getByTestId('audit-view');
      await audit.waitFor();
      await audit.getByTestId('audit-action').selectOption('export');
      await audit.getByTestId('audit-refresh').click();
      const row = audit.locator('[data-testid=audit-row][data-action=export]');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect(row.first().innerText()).resolves.toContain('Relatório mensal da dívida ativa');
    });
  });

  it('exports a grid result to CSV in the order shown on screen', async () => {
    await withPage(app, async (page) => {
      await runSql(page, 'select range as n, range * 2 as dobro from range(1, 8)');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      const header = page.locator('[data-testid=result-grid] .ag-header-cell[col-id=c0]');
      await header.click();
      await header.click(); // descending
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['7', '6', '5', '4', '3', '2', '1']);
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-format-csv').click();
      const dialog = page.getByTestId('export-dialog');
      await dialog.getByTestId('export-file-name').fill('dobros');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
      const file = await saved(download);
      expect(path.basename(file)).toBe('dobros.csv');
      const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
      // Headers (and text) quoted and guarded for spreadsheets; numbers as they are.
      expect(lines).toEqual(['"n","dobro"', '7,14', '6,12', '5,10', '4,8', '3,6', '2,4', '1,2']);
      await expect(dialog.getByTestId('export-done').innerText()).resolves.toMatch(/7 linhas exportadas em dobros\.csv/);
    });
  });

  it('exports only the rows the grid filters keep, in the order shown', async () => {
    await withPage(app, async (page) => {
      await runSql(page, 'select range as n, range % 3 as resto from range(1, 10)');
      await expect.poll(() => columnTexts(page, 'c1')).toEqual(['1', '2', '0', '1', '2', '0', '1', '2', '0']);
      // Filter by the first row's resto (1), from the cell's menu; then sort by n, descending.
      await page.locator('[data-testid=result-grid] .ag-row[row-index="0"] [col-id=c1]').click({ button: 'right' });
      await page.getByTestId('cell-menu').getByTestId('cell-menu-filter').click();
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['1', '4', '7']);
      const header = page.locator('[data-testid=result-grid] .ag-header-cell[col-id=c0]');
      await header.click();
      await header.click();
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['7', '4', '1']);
      await expect(page.getByTestId('result-filters').innerText()).resolves.toContain('Exportar leva só as linhas filtradas');
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-format-csv').click();
      const dialog = page.getByTestId('export-dialog');
      await dialog.getByTestId('export-file-name').fill('restos');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
      const lines = readFileSync(await saved(download), 'utf8').trim().split(/\r?\n/);
      expect(lines).toEqual(['"n","resto"', '7,1', '4,1', '1,1']);
      await expect(dialog.getByTestId('export-done').innerText()).resolves.toMatch(/3 linhas exportadas em restos\.csv/);
    });
  });

  it('says why CSV loses identifiers in a spreadsheet, and switches to XLSX in one click', async () => {
    await withPage(app, async (page) => {
      await runSql(page, "select '01.062.599.544' as cpf");
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['01.062.599.544']);
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-format-csv-br').click();
      const dialog = page.getByTestId('export-dialog');
      await expect(dialog.getByTestId('export-csv-note').innerText()).resolves.toMatch(/identificadores viram números.*prefira XLSX/s);
      await screenshot(page, 'export-csv-note');
      await dialog.getByTestId('export-use-xlsx').click();
      await expect.poll(() => dialog.getByTestId('export-format').inputValue()).toBe('xlsx');
      expect(await dialog.getByTestId('export-csv-note').count()).toBe(0);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
      expect(path.extname(await saved(download))).toBe('.xlsx');
    });
  });

  it('asks for a purpose before exporting personal data, and says why when it is missing', async () => {
    await withPage(app, async (page) => {
      await runSql(page, 'select pessoa_id, nome from pessoa order by pessoa_id limit 5');
      await expect.poll(() => page.getByTestId('row-count').innerText()).toBe('5 linhas');
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-format-csv').click();
      const dialog = page.getByTestId('export-dialog');
      // The names column (identificador): the field is required, and says so.
      await expect(dialog.innerText()).resolves.toContain('Finalidade (obrigatória: dados pessoais)');
      await dialog.getByTestId('export-purpose').fill('curta');
      await dialog.getByTestId('export-start').click();
      // Too short: the browser keeps the form; nothing started.
      await expect(dialog.getByTestId('export-purpose').evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).resolves.toBe(false);
      expect(await dialog.getByTestId('export-progress').count()).toBe(0);
      await dialog.getByTestId('export-purpose').fill('Conferência do cadastro para visitas do CRAS');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.getByTestId('export-start').click()]);
      const lines = readFileSync(await saved(download), 'utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(6);
      await screenshot(page, 'export-purpose-required');
    });
  });

  it('brings a panel export back to the form, with the reason, when a purpose is missing', async () => {
    await withPage(app, async (page) => {
      const dialog = await openPanelExportDialog(page, 'divida-ativa');
      await dialog.getByTestId('export-start').click();
      await expect.poll(() => dialog.getByTestId('export-purpose-error').count(), { timeout: 15_000 }).toBe(1);
      await expect(dialog.getByTestId('export-purpose-error').innerText()).resolves.toMatch(/finalidade/i);
      await expect(dialog.innerText()).resolves.toContain('Finalidade (obrigatória: dados pessoais)');
      expect(await dialog.getByTestId('export-done').count()).toBe(0);
    });
  });

  it('unmasks a result only with a purpose, and the audit view shows it', async () => {
    await withPage(app, async (page) => {
      await runSql(page, 'select pessoa_id, cpf, nome from pessoa where cpf is not null order by pessoa_id limit 20');
      await expect.poll(() => columnTexts(page, 'c1').then((cells) => cells.length), { timeout: 20_000 }).toBe(20);
      const masked = await columnTexts(page, 'c1');
      expect(masked.some((cpf) => /^\d{11}$/.test(cpf))).toBe(false);
      await expect(page.locator('[data-testid=result-grid] .ag-header-cell[col-id=c1] .privacy-badge').innerText()).resolves.toBe('identificador');

      await page.getByTestId('unmask-button').click();
      const dialog = page.getByTestId('unmask-dialog');
      await dialog.waitFor();
      const confirm = dialog.getByTestId('unmask-confirm');
      await dialog.getByTestId('unmask-purpose').fill('curto');
      expect(await confirm.isDisabled()).toBe(true);
      const purpose = 'Conferir CPFs duplicados no cadastro (chamado 4521)';
      await dialog.getByTestId('unmask-purpose').fill(purpose);
      await screenshot(page, 'unmask-dialog');
      await confirm.click();
      await page.getByTestId('unmasked-badge').waitFor({ timeout: 20_000 });
      await expect.poll(() => columnTexts(page, 'c1').then((cells) => cells.length > 0 && cells.every((cpf) => /^\d{11}$/.test(cpf))), { timeout: 20_000 }).toBe(true);

      await page.getByTestId('rail-audit').click();
      const audit = page.getByTestId('audit-view');
      await audit.waitFor();
      await audit.getByTestId('audit-action').selectOption('unmask');
      await audit.getByTestId('audit-refresh').click();
      const row = audit.locator('[data-testid=audit-row][data-action=unmask]');
      // The core logs an unmask when it is asked for and again when its rows are read.
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      for (const text of await row.allInnerTexts()) expect(text).toContain(purpose);
      await audit.getByTestId('audit-action').selectOption('');
      await audit.getByTestId('audit-refresh').click();
      await expect.poll(() => audit.locator('[data-testid=audit-row][data-action=query]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await screenshot(page, 'audit-view');
    });
  });
});

describe('as consulta (secretariat staff)', () => {
  let app: App;
  useApp('consulta', (started) => (app = started));

  it('opens on the gallery with no SQL anywhere; a panel runs; free SQL is refused by the server', async () => {
    await withPage(
      app,
      async (page) => {
        await expect(page.getByTestId('role').innerText()).resolves.toBe('consulta');
        expect(await page.locator('.monaco-editor').count()).toBe(0);
        expect(await page.locator('[data-testid^=tab-]').count()).toBe(0);
        for (const absent of ['new-tab', 'run-button', 'open-notebook', 'rail-audit', 'rail-catalog', 'catalog-table-pessoa']) expect(await page.getByTestId(absent).count()).toBe(0);

        const doc = await openPanel(page, 'divida-ativa');
        const saldo = doc.getByTestId('kpi-saldo_total').getByTestId('kpi-value');
        await expect.poll(() => saldo.innerText(), { timeout: 45_000 }).toMatch(/R\$\s?\d/);
        await expect.poll(() => doc.getByTestId('param-tributo').locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(2);
        for (const absent of ['toggle-sql', 'switch-mode']) expect(await doc.getByTestId(absent).count()).toBe(0);
        expect(await doc.getByTestId('export-button').count()).toBe(1);
        expect(await page.locator('.monaco-editor').count()).toBe(0);
        await panelSettled(doc);
        await screenshot(page, 'consulta-gallery');

        const refused = await page.evaluate(async () => {
          const response = await fetch('/api/runQuery', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sql: 'select 1' }) });
          return (await response.json()) as { ok: boolean; error?: { code: string } };
        });
        expect(refused.ok).toBe(false);
        expect(refused.error?.code).toBe('not_allowed');
      },
      'gallery',
    );
  });
});
