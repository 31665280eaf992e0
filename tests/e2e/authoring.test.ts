// Authoring a panel in the app, as an analyst would, and staff seeing it: "Novo notebook" opens
// an empty notebook (one SQL cell) that is edited and run; the parameters form writes `params:`
// (a bad value is said in Portuguese and nothing typed is lost); the KPI form writes `kpis:`
// (which way is better, the format); "Salvar como…" asks title, owner and description, names the
// file from the title, never replaces a file without asking, and is audited; the saved notebook
// appears in the gallery of a consulta user whose page was already open, without a restart; and
// that user calling the save method directly is refused by the server. A file changed on disk
// is taken in by its open tab, at once when nothing there is unsaved, else offered.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, screenshot, startApp, type App } from './app-harness.ts';

const EXISTING = `---
title: Pessoas por bairro
owner: Secretaria de Teste
---

\`\`\`sql por_bairro
select bairro, count(*) as pessoas from pessoa group by all
\`\`\`
`;

let queriesDir: string;
let analyst: App;
let staff: App;
let page: Page;
let staffPage: Page;

beforeAll(async () => {
  queriesDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-e2e-authoring-'));
  await writeFile(path.join(queriesDir, 'pessoas-por-bairro.md'), EXISTING);
  const registry = inject('sampleRegistryDir');
  [analyst, staff] = await Promise.all([startApp(registry, { queriesDir }), startApp(registry, { queriesDir, role: 'consulta' })]);
  page = await openPage(analyst);
  // Staff's page is open before the notebook exists: it must show up there without a restart.
  staffPage = await openPage(staff, { width: 1024, height: 640 }, 'gallery');
});

afterAll(async () => {
  await page?.context().close();
  await staffPage?.context().close();
  await analyst?.close();
  await staff?.close();
  await rm(queriesDir, { recursive: true, force: true });
});

const activeDoc = (on: Page) => on.locator('.doc-tab:not(.hidden)');

/** Whether the page's beforeunload handlers stop a leave (what makes the browser ask). */
const leavingIsStopped = `(() => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
})()`;

/** Replaces a Monaco cell's text by typing, as a user would. */
async function typeInCell(cell: Locator, text: string): Promise<void> {
  await cell.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** A screenshot at 1024×640 too, then back to 1366×768. */
async function bothSizes(name: string): Promise<void> {
  await screenshot(page, name);
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.waitForTimeout(200);
  await screenshot(page, `${name}-1024x640`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('authoring a panel in the app', () => {
  it('"Novo notebook" opens an empty notebook with one SQL cell', async () => {
    await page.getByTestId('rail-panels').click();
    await page.getByTestId('new-notebook').click();
    const doc = activeDoc(page);
    await doc.getByTestId('doc-notebook').waitFor();
    await expect.poll(() => doc.locator('article.nb-cell').count()).toBe(1);
    expect(await doc.locator('article.nb-cell').first().getAttribute('data-kind')).toBe('sql');
    await expect(page.locator('.editor-tab.active').innerText()).resolves.toContain('Novo notebook');
  });

  it('the parameters form writes a parameter; a bad one is said in Portuguese and what was typed stays', async () => {
    const doc = activeDoc(page);
    await doc.getByTestId('edit-params').click();
    const form = page.getByTestId('params-dialog');
    await form.getByTestId('param-name').fill('1sexo');
    await form.getByTestId('param-type').selectOption('select');
    await form.getByTestId('param-label').fill('Sexo');
    await form.getByTestId('param-options').fill('F\nM');
    await form.getByTestId('param-default').fill('X');
    await form.getByTestId('param-apply').click();
    await expect.poll(() => form.getByTestId('params-error').innerText()).toMatch(/Nome de parâmetro inválido/);
    await form.getByTestId('param-name').fill('sexo');
    await form.getByTestId('param-apply').click();
    await expect.poll(() => form.getByTestId('params-error').innerText()).toMatch(/O padrão deve ser uma das opções: F, M/);
    // Nothing typed was lost.
    expect(await form.getByTestId('param-label').inputValue()).toBe('Sexo');
    expect(await form.getByTestId('param-options').inputValue()).toBe('F\nM');
    await form.getByTestId('param-default').fill('');
    await form.getByTestId('param-apply').click();
    await expect.poll(() => form.getByTestId('params-error').count()).toBe(0);
    await bothSizes('authoring-params-form');
    await form.getByTestId('params-close').click();
    const select = doc.getByTestId('param-sexo');
    await expect.poll(() => select.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['F', 'M']));

    const cell = doc.locator('article.nb-cell').first();
    await typeInCell(cell, 'select count(*) as pessoas, count(distinct bairro) as bairros from pessoa where $sexo is null or sexo = $sexo');
    await cell.getByTestId('cell-run').click();
    await expect.poll(() => cell.locator('.ag-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await cell.locator('[data-testid=error-panel]').count()).toBe(0);
  });

  it("takes a parameter's options from a saved query of the queries folder", async () => {
    const file = path.join(queriesDir, 'bairros.sql');
    await writeFile(file, 'select distinct bairro from pessoa order by bairro\n');
    const doc = activeDoc(page);
    const form = page.getByTestId('params-dialog');
    try {
      await doc.getByTestId('edit-params').click();
      await form.getByTestId('param-new').click();
      await form.getByTestId('param-name').fill('bairro');
      await form.getByTestId('param-type').selectOption('select');
      await form.getByTestId('param-options-kind').selectOption('saved');
      const saved = form.getByTestId('param-options-saved');
      await expect.poll(() => saved.locator('option[value="bairros.sql"]').count()).toBe(1);
      await saved.selectOption('bairros.sql');
      await form.getByTestId('param-apply').click();
      await expect.poll(() => form.getByTestId('params-note').count()).toBe(1);
      await screenshot(page, 'authoring-params-saved-query');
      await form.getByTestId('params-close').click();
      const select = doc.getByTestId('param-bairro');
      await expect.poll(() => select.locator('option').allInnerTexts(), { timeout: 30_000 }).toContain('Centro');
    } finally {
      // The later steps save this notebook and list the folder: they find it as it was.
      if ((await form.count()) === 0) await doc.getByTestId('edit-params').click();
      if ((await form.getByTestId('param-pick-bairro').count()) > 0) {
        await form.getByTestId('param-pick-bairro').click();
        await form.getByTestId('param-remove').click();
      }
      await form.getByTestId('params-close').click();
      await rm(file, { force: true });
    }
  });

  it('the KPI form says which way is better and the format of each KPI of a result', async () => {
    const doc = activeDoc(page);
    await doc.getByTestId('edit-kpis').click();
    const form = page.getByTestId('kpis-dialog');
    await form.getByTestId('kpi-direction-pessoas').selectOption('maior');
    await form.getByTestId('kpi-format-pessoas').selectOption('numero');
    await form.getByTestId('kpi-direction-bairros').selectOption('menor');
    await bothSizes('authoring-kpis-form');
    await form.getByTestId('kpis-apply').click();
    await expect.poll(() => form.count()).toBe(0);
  });

  it('"Salvar como…" asks title, owner and description, never replaces a file unasked, and audits the save', async () => {
    const doc = activeDoc(page);
    // Edited and not a file yet: leaving the page asks first (the browser's "Sair do site?").
    expect(await page.evaluate(leavingIsStopped)).toBe(true);
    await page.keyboard.press('ControlOrMeta+S');
    const dialog = page.getByTestId('save-as-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('save-as-submit').click();
    await expect.poll(() => dialog.getByTestId('save-as-error').innerText()).toBe('Informe um título: é o nome do painel na galeria.');

    await dialog.getByTestId('save-as-title').fill('Pessoas por bairro');
    await dialog.getByTestId('save-as-owner').fill('Secretaria de Assistência Social');
    await dialog.getByTestId('save-as-purpose').fill('Quantas pessoas e bairros o cadastro tem, por sexo.');
    await expect.poll(() => dialog.getByTestId('save-as-file').inputValue()).toBe('pessoas-por-bairro.md');
    await dialog.getByTestId('save-as-submit').click();
    await expect.poll(() => dialog.getByTestId('save-as-error').innerText()).toMatch(/Já existe um documento chamado pessoas-por-bairro\.md/);
    expect(await dialog.getByTestId('save-as-overwrite').count()).toBe(1);
    await bothSizes('authoring-save-as-exists');
    expect(await readFile(path.join(queriesDir, 'pessoas-por-bairro.md'), 'utf8')).toBe(EXISTING);

    await dialog.getByTestId('save-as-title').fill('Pessoas por sexo');
    await expect.poll(() => dialog.getByTestId('save-as-file').inputValue()).toBe('pessoas-por-sexo.md');
    expect(await dialog.getByTestId('save-as-owner').inputValue()).toBe('Secretaria de Assistência Social');
    await dialog.getByTestId('save-as-submit').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.locator('.editor-tab.active').innerText()).toContain('Pessoas por sexo');
    await expect.poll(() => doc.getByTestId('doc-title').innerText()).toBe('Pessoas por sexo');
    await bothSizes('authoring-saved-notebook');

    expect((await readdir(queriesDir)).sort()).toEqual(['pessoas-por-bairro.md', 'pessoas-por-sexo.md']);
    const saved = await readFile(path.join(queriesDir, 'pessoas-por-sexo.md'), 'utf8');
    expect(saved).toBe(`---
title: Pessoas por sexo
owner: Secretaria de Assistência Social
purpose: Quantas pessoas e bairros o cadastro tem, por sexo.
params:
  sexo: { type: select, label: Sexo, options: [ F, M ] }
kpis:
  pessoas: { melhor: maior, formato: numero }
  bairros: menor
---

\`\`\`sql consulta_1
select count(*) as pessoas, count(distinct bairro) as bairros from pessoa where $sexo is null or sexo = $sexo
\`\`\`
`);
    const [entry] = await analyst.workbench.listAudit({ action: 'save_document', limit: 1 });
    expect(entry).toMatchObject({ document: 'pessoas-por-sexo.md', status: 'ok' });
    // Saved: a file now, with drafts of its edits; leaving asks nothing.
    expect(await page.evaluate(leavingIsStopped)).toBe(false);
  });

  it('appears in the gallery of staff whose page was already open, and opens as a panel', async () => {
    await staffPage.evaluate(`window.dispatchEvent(new Event('focus'))`);
    const item = staffPage.getByTestId('gallery-pessoas-por-sexo.md');
    await item.waitFor({ timeout: 15_000 });
    await expect(staffPage.getByTestId('gallery').textContent()).resolves.toContain('Secretaria de Assistência Social');
    await item.locator('.gallery-open').click();
    const panel = activeDoc(staffPage);
    await expect.poll(() => panel.getByTestId('kpi-pessoas').getByTestId('kpi-value').innerText(), { timeout: 30_000 }).toMatch(/^\d{1,3}(\.\d{3})*$/);
    // Against the previous snapshot, more people reads as good news (`melhor: maior`).
    const delta = panel.getByTestId('kpi-pessoas').locator('.kpi-delta');
    await expect.poll(() => delta.count(), { timeout: 30_000 }).toBe(1);
    const arrow = (await delta.innerText()).trim()[0];
    expect(await delta.getAttribute('data-tone')).toBe(arrow === '▲' ? 'good' : arrow === '▼' ? 'bad' : 'neutral');
    await screenshot(staffPage, 'authoring-staff-panel-1024x640');
    await staffPage.setViewportSize({ width: 1366, height: 768 });
    await staffPage.waitForTimeout(200);
    await screenshot(staffPage, 'authoring-staff-panel');
  });

  it('a consulta user calling the save method directly is refused by the server, and nothing is written', async () => {
    const answer = await staffPage.evaluate(`(async () => {
      const response = await fetch('/api/saveDocumentAs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '# x', title: 'Painel da consulta' }) });
      return await response.json();
    })()`);
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect((await readdir(queriesDir)).sort()).toEqual(['pessoas-por-bairro.md', 'pessoas-por-sexo.md']);
  });

  it('takes in a change made to the file on disk: at once when nothing is unsaved, offered when there is', async () => {
    const doc = activeDoc(page);
    const file = path.join(queriesDir, 'pessoas-por-sexo.md');
    const focus = `window.dispatchEvent(new Event('focus'))`;
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Pessoas por sexo', 'title: Pessoas por sexo e bairro'));
    await page.evaluate(focus);
    await expect.poll(() => doc.getByTestId('doc-title').innerText(), { timeout: 15_000 }).toBe('Pessoas por sexo e bairro');
    expect(await doc.getByTestId('disk-changed').count()).toBe(0);

    const cell = doc.locator('article.nb-cell').first();
    await typeInCell(cell, 'select 1 as minha_edicao');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Pessoas por sexo e bairro', 'title: Editado fora'));
    await page.evaluate(focus);
    await doc.getByTestId('disk-changed').waitFor({ timeout: 15_000 });
    // Not replaced under the user's unsaved edit (the title's dot says unsaved) until they choose.
    expect(await doc.getByTestId('doc-title').innerText()).toBe('Pessoas por sexo e bairro •');
    expect(await cell.locator('.view-lines').innerText()).toContain('minha_edicao');
    await screenshot(page, 'authoring-disk-changed');
    await doc.getByTestId('disk-reload').click();
    await expect.poll(() => doc.getByTestId('doc-title').innerText()).toBe('Editado fora');
    await expect.poll(() => doc.locator('article.nb-cell').first().locator('.view-lines').innerText()).toContain('count(*)');
    expect(await doc.getByTestId('disk-changed').count()).toBe(0);
  });
});
