// The monthly routine as a user meets it: while Mirante is open, the data team imports and
// publishes a month (`mirante snapshot import`, a real child process); when the window regains
// focus the new date is announced and offered in "Dados de", without a restart, and queries
// on it answer with its reference date. The date already in view stays until the user picks.
// From Retratos, a month whose CSV file the sniffer reads wrong is published right once the
// analyst corrects how that file is read.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { columnTexts, openPage, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;
let dataDir: string;

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A month as the city sends it: the newest snapshot's Parquet, but familia as a Latin-1 `;`
 * CSV whose per-capita income is in whole reais with thousands dots (`1.655`). Nothing in the
 * file tells `1.655` from one real sixty-five: the sniffer sees points and no commas, and
 * reads a decimal point. Returns the folder and the largest income, in reais.
 */
async function monthWithAmbiguousFamilia(): Promise<{ folder: string; largest: number }> {
  const source = path.join(dataDir, 'snapshots', '2026-10-31');
  const folder = path.join(dataDir, '..', `${path.basename(dataDir)}-recebidos`);
  await mkdir(folder);
  for (const file of await readdir(source)) if (file !== 'familia.parquet') await cp(path.join(source, file), path.join(folder, file));
  const values = [
    'familia_id',
    'codigo_familiar',
    "replace(format('{:,}', round(renda_per_capita)::BIGINT), ',', '.')",
    'faixa_renda',
    "CASE WHEN bolsa_familia THEN 'sim' ELSE 'não' END",
    'cras',
    'bairro',
    "strftime(data_atualizacao_cadastral, '%d/%m/%Y')",
  ].map((value) => `coalesce(CAST(${value} AS VARCHAR), '')`);
  const rows = await query(`SELECT concat_ws(';', ${values.join(', ')}) AS line FROM read_parquet('${path.join(source, 'familia.parquet')}') ORDER BY familia_id`);
  const header = 'familia_id;codigo_familiar;renda_per_capita;faixa_renda;bolsa_familia;cras;bairro;data_atualizacao_cadastral';
  await writeFile(path.join(folder, 'familia.csv'), Buffer.from(`${[header, ...rows.map((r) => String(r.line))].join('\r\n')}\r\n`, 'latin1'));
  const [largest] = await query(`SELECT max(round(renda_per_capita))::INTEGER AS reais FROM read_parquet('${path.join(source, 'familia.parquet')}')`);
  return { folder, largest: Number(largest?.reais) };
}

beforeAll(async () => {
  // A copy: publishing writes into the data dir, and other test files read the shared one.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-publish-'));
  await cp(inject('sampleRegistryDir'), dataDir, { recursive: true });
  app = await startApp(dataDir);
});

afterAll(async () => {
  await app?.close();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-recebidos`, { recursive: true, force: true });
  }
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

  it('shows every snapshot in Retratos with its validation, rows over time, and compares two by the key, masked', async () => {
    const page = await openPage(app);
    await page.getByTestId('open-snapshots').click();
    const view = page.getByTestId('snapshots-view');
    await view.waitFor();
    // Newest first: the one just published by import is validated; the generated ones have no manifest.
    await expect.poll(() => view.getByTestId('snapshot-row-2026-11-30').textContent()).toContain('Validado');
    expect(await view.getByTestId('snapshot-row-2026-09-30').textContent()).toContain('Sem manifesto');
    expect(await view.getByTestId('snapshot-details').textContent()).toContain('A validação não encontrou problemas');
    // Keyboard: a row takes focus and Enter shows its details.
    await view.getByTestId('snapshot-row-2026-09-30').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => view.getByTestId('snapshot-details').textContent()).toContain('30/09/2026');
    const overTime = await view.getByTestId('snapshot-rows-over-time').textContent();
    expect(overTime).toContain('pessoa');
    await screenshot(page, 'snapshots-screen', true);

    await view.getByTestId('compare-table').selectOption('pessoa');
    await view.getByTestId('compare-from').selectOption('2026-09-30');
    await view.getByTestId('compare-to').selectOption('2026-10-31');
    await view.getByTestId('compare-run').click();
    // The three results are named for what they are; the rows side by side: the change kind, names masked.
    for (const label of ['Resumo', 'Por coluna', 'Linhas']) await page.getByRole('button', { name: label, exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Linhas', exact: true }).click();
    await expect.poll(() => columnTexts(page, 'c1').then((cells) => cells.length), { timeout: 30_000 }).toBeGreaterThan(0);
    const kinds = await columnTexts(page, 'c1');
    expect(kinds.every((kind) => ['incluida', 'removida', 'alterada'].includes(kind)), kinds.join(',')).toBe(true);
    const grid = await page.getByTestId('result-grid').textContent();
    expect(grid).not.toMatch(/\d{3}\.?\d{3}\.?\d{3}-?\d{2}/);
    await screenshot(page, 'snapshots-compare');
    await page.setViewportSize({ width: 1024, height: 640 });
    await screenshot(page, 'snapshots-compare-1024');
    await page.context().close();
  });

  it('imports a month from Retratos: validates without publishing, shows how each CSV was read, publishes with the reading corrected and Enter, and the new date is offered at once', async () => {
    const { folder, largest } = await monthWithAmbiguousFamilia();
    const page = await openPage(app);
    await page.getByTestId('open-snapshots').click();
    const form = page.getByTestId('import-month');
    await form.getByTestId('import-from').fill(folder);
    await form.getByTestId('import-date').fill('2026-12-31');
    await form.getByTestId('import-validate').click();
    await expect.poll(() => form.getByTestId('import-outcome').textContent(), { timeout: 60_000 }).toContain('Validado; nada foi publicado');
    expect(await page.getByTestId('snapshot-select').locator('option[value="2026-12-31"]').count()).toBe(0);
    // Only the CSV file is listed, with what was found in it: the sniffer took `1.655` for a decimal point.
    expect(await form.getByTestId('import-dialects').locator('tbody tr').count()).toBe(1);
    const shown = (field: string) => form.getByTestId(`dialect-familia-${field}`).evaluate((select) => (select as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]?.textContent);
    expect(await Promise.all(['encoding', 'delimiter', 'decimalComma', 'dateFormat', 'header'].map(shown))).toEqual([
      'latin-1 (detectado)',
      '; (detectado)',
      'ponto (1234.56) (detectado)',
      'dd/mm/aaaa (detectado)',
      'com cabeçalho (detectado)',
    ]);
    await form.getByTestId('dialect-familia-decimalComma').selectOption('sim');
    expect(await form.textContent()).toContain('Lendo com as suas escolhas: familia.');
    await screenshot(page, 'snapshots-import-validated');
    await page.setViewportSize({ width: 1024, height: 640 });
    await form.getByTestId('import-dialects').scrollIntoViewIfNeeded();
    await screenshot(page, 'snapshots-import-validated-1024');

    await form.getByTestId('import-date').press('Enter');
    await expect.poll(() => form.getByTestId('import-outcome').textContent(), { timeout: 60_000 }).toContain('Publicado o retrato de 31/12/2026');
    // Whole reais have fewer distinct values than cents: a drift warning, nothing blocking.
    await expect.poll(() => page.getByTestId('snapshot-row-2026-12-31').textContent()).toContain('1 aviso');
    await expect.poll(() => page.getByTestId('snapshot-select').locator('option[value="2026-12-31"]').count()).toBe(1);
    // Read with the decimal comma: whole reais, not reais divided by a thousand.
    const [published] = await query(`SELECT max(renda_per_capita)::DOUBLE AS maior FROM read_parquet('${path.join(dataDir, 'snapshots', '2026-12-31', 'familia.parquet')}')`);
    expect(largest).toBeGreaterThan(1000);
    expect(published?.maior).toBe(largest);
    await page.context().close();
  });
});
