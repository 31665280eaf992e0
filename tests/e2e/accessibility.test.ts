// eMAG (WCAG 2.x AA) on every screen, as axe-core judges it in Chromium, with no critical or
// serious violation: the SQL workbench with a result and the catalog, the result's profile with
// the history, the palette, the export dialog, a panel with KPIs, a table and a chart beside the
// gallery, a notebook with its parameters, KPI and "Salvar como…" dialogs, the audit log and
// Retratos with a comparison (the rest in accessibility-more.test.ts). Each in the light theme
// (every rule) and the dark one (contrast, the only thing a theme changes), each screenshot also
// at 1024×640; a dialog is checked alone, over a page already
// checked. One app and one page for the file: each screen is reached from the last, as a user
// walks through them, and a document's tab is closed once done with (axe takes 1-4 s a run on a
// 2-core machine, more on a page holding more: each run and each hidden tab counts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityChecker } from './accessibility-axe.ts';
import { columnTexts, openPage, projectQueriesDir, runSql, screenshot, startApp, type App } from './app-harness.ts';

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

const expectAccessible = accessibilityChecker(() => page);

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
    await expectAccessible('workbench');
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
    await expectAccessible('export-dialog', { within: '[data-testid=export-dialog]', leave: () => closeWithEscape('export-dialog') });
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
    await expectAccessible('panel');
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

  for (const [button, dialog] of [['edit-params', 'params-dialog'], ['edit-kpis', 'kpis-dialog'], ['save-as', 'save-as-dialog']] as const) {
    it(`the notebook's ${dialog}`, async () => {
      await activeDoc().getByTestId(button).click();
      await page.getByTestId(dialog).waitFor();
      await expectAccessible(dialog, { within: `[data-testid=${dialog}]`, leave: () => closeWithEscape(dialog) });
    });
  }

  it('the audit log', async () => {
    await page.locator('.editor-tab.active [role=tab]').press('Delete');
    await page.getByTestId('doc-notebook').waitFor({ state: 'detached' });
    await page.getByTestId('rail-audit').click();
    await page.getByTestId('audit-view').locator('[data-testid=audit-row]').first().waitFor({ timeout: 15_000 });
    await expectAccessible('audit');
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

/** Where the keyboard's focus is, in the words the keyboard test checks. */
interface Focus {
  tag: string;
  role: string | null;
  text: string;
  testId: string | null;
  /** Inside a Monaco editor. */
  editor: boolean;
  /** Inside a result grid, and the cell's place there. */
  grid: boolean;
  colIndex: string | null;
  rowIndex: string | null;
  /** Drawn inside the window, not clipped away or hidden. */
  visible: boolean;
}

const FOCUS = `(() => {
  const e = document.activeElement;
  if (!e) return null;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(),
    role: e.getAttribute('role'),
    text: (e.textContent || '').trim().slice(0, 80),
    testId: e.getAttribute('data-testid') || e.closest('[data-testid]')?.getAttribute('data-testid') || null,
    editor: !!e.closest('.monaco-editor'),
    grid: !!e.closest('.ag-root'),
    colIndex: e.getAttribute('aria-colindex'),
    rowIndex: e.closest('[aria-rowindex]')?.getAttribute('aria-rowindex') ?? null,
    visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && style.visibility !== 'hidden',
  };
})()`;

describe('keyboard only', () => {
  let kb: Page;
  const focus = async () => (await kb.evaluate(FOCUS)) as Focus;

  /** Presses Tab (Shift+Tab with `back`) until the focus is where `wanted` says; the presses it took. */
  async function tabUntil(wanted: (f: Focus) => boolean, what: string, { back = false, max = 60 } = {}): Promise<number> {
    const trail: string[] = [];
    for (let presses = 1; presses <= max; presses++) {
      await kb.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const now = await focus();
      if (wanted(now)) return presses;
      trail.push(`${now.tag}[${now.role ?? ''}] ${now.testId ?? ''} "${now.text.slice(0, 30)}"`);
    }
    throw new Error(`${what}: not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}; the focus went:\n${trail.slice(-15).join('\n')}`);
  }

  beforeAll(async () => {
    await page?.context().close();
    kb = await openPage(app);
  });

  afterAll(async () => {
    await kb?.context().close();
  });

  it('the first Tab stop is a visible skip link to the editor; a query runs with Ctrl+Enter', async () => {
    await kb.keyboard.press('Tab');
    const link = await focus();
    expect(link).toMatchObject({ tag: 'a', text: 'Pular para o editor', visible: true });
    await screenshot(kb, 'keyboard-skip-link');
    await kb.keyboard.press('Enter');
    expect((await focus()).editor).toBe(true);
    await kb.keyboard.press('ControlOrMeta+A');
    await kb.keyboard.type('select bairro, count(*) as pessoas from pessoa group by all order by 2 desc, 1');
    await kb.keyboard.press('Escape');
    await kb.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => kb.getByTestId('row-count').innerText(), { timeout: 30_000 }).toMatch(/\d+ linhas/);
  });

  it('Tab leaves the editor after Ctrl+M, or after Escape; otherwise it stays in it', async () => {
    const resultTab = (f: Focus) => f.role === 'tab' && f.text === 'Resultado';
    await kb.keyboard.press('Control+M');
    await kb.keyboard.press('Tab');
    expect(resultTab(await focus()), JSON.stringify(await focus())).toBe(true);
    await kb.keyboard.press('Shift+Tab');
    expect((await focus()).editor).toBe(true);
    // Ctrl+M again: Tab indents, the focus stays.
    await kb.keyboard.press('Control+M');
    await kb.keyboard.press('Tab');
    expect((await focus()).editor).toBe(true);
    await kb.keyboard.press('Escape');
    await kb.keyboard.press('Tab');
    expect(resultTab(await focus()), JSON.stringify(await focus())).toBe(true);
  });

  it('the grid is one Tab stop away; arrows move the active cell, which is focused with its row and column; Tab leaves it', async () => {
    const first = await columnTexts(kb, 'c0');
    const presses = await tabUntil((f) => f.grid, 'the result grid', { max: 6 });
    expect(presses).toBeLessThanOrEqual(4);
    expect(await kb.locator('[data-testid=result-grid] [role=grid]').getAttribute('aria-label')).toMatch(/Resultado: 2 colunas/);
    // In at the header; down to the first row's number, then along and down the data.
    if ((await focus()).role !== 'gridcell') await kb.keyboard.press('ArrowDown');
    expect(await focus()).toMatchObject({ role: 'gridcell', grid: true, colIndex: '1', rowIndex: '2', text: '1', visible: true });
    await kb.keyboard.press('ArrowRight');
    await kb.keyboard.press('ArrowRight');
    expect(await focus()).toMatchObject({ role: 'gridcell', colIndex: '3', rowIndex: '2', visible: true });
    await kb.keyboard.press('ArrowLeft');
    expect(await focus()).toMatchObject({ role: 'gridcell', colIndex: '2', rowIndex: '2', text: first[0] });
    await kb.keyboard.press('ArrowDown');
    expect(await focus()).toMatchObject({ role: 'gridcell', colIndex: '2', rowIndex: '3', text: first[1] });
    // The selection follows the active cell: Ctrl+C copies what the keyboard reached, even
    // pressed right after the arrow (AG Grid tells of a focus change a moment after the key).
    await kb.keyboard.press('ControlOrMeta+C');
    await expect.poll(() => kb.evaluate('navigator.clipboard.readText()')).toBe(first[1]);
    await expect.poll(() => kb.evaluate("document.activeElement?.classList.contains('cell-selected') === true")).toBe(true);
    await screenshot(kb, 'keyboard-grid-cell');
    await kb.keyboard.press('ArrowDown');
    await kb.keyboard.press('ControlOrMeta+C');
    await expect.poll(() => kb.evaluate('navigator.clipboard.readText()')).toBe(first[2]);
    await kb.keyboard.press('Tab');
    expect((await focus()).grid).toBe(false);
  });

  it('the catalog shows "Visualizar" and "Perfil" to the keyboard, not only on hover', async () => {
    // Back past the grid, the result's tabs and (Escape, then Shift+Tab) the editor, to the rail.
    await tabUntil((f) => f.role === 'tab' && f.text === 'Resultado', 'the result tabs', { back: true, max: 10 });
    await kb.keyboard.press('Shift+Tab');
    expect((await focus()).editor).toBe(true);
    await kb.keyboard.press('Escape');
    await tabUntil((f) => f.role === 'tab' && f.text === 'Catálogo', 'the rail tabs', { back: true, max: 120 });
    await tabUntil((f) => f.testId === 'catalog-table-aditivo' && f.text === 'aditivo', "the first table's name", { max: 6 });
    await kb.keyboard.press('Tab');
    expect(await focus()).toMatchObject({ text: 'Visualizar', testId: 'catalog-table-aditivo', visible: true });
    await kb.keyboard.press('Shift+Tab');
    await kb.keyboard.press('Shift+Tab');
    expect((await focus()).text).toBe('▸');
    await kb.keyboard.press('Enter');
    await kb.keyboard.press('Tab');
    await kb.keyboard.press('Tab');
    await tabUntil((f) => f.text === 'Perfil', "a column's Perfil", { max: 4 });
    expect((await focus()).visible).toBe(true);
    await screenshot(kb, 'keyboard-catalog-actions');
  });

  it('a panel opens from the gallery, a parameter changes and the panel exports, all from the keyboard', async () => {
    await tabUntil((f) => f.role === 'tab' && f.text === 'Catálogo', 'the rail tabs', { back: true, max: 30 });
    await kb.keyboard.press('ArrowRight');
    expect(await focus()).toMatchObject({ role: 'tab', text: 'Painéis', testId: 'rail-panels' });
    expect(await kb.getByTestId('rail-panels').getAttribute('aria-selected')).toBe('true');
    await kb.getByTestId('gallery-divida-ativa.md').waitFor();
    await tabUntil((f) => f.testId === 'gallery-divida-ativa.md' && f.tag === 'button' && f.text.startsWith('Dívida ativa'), 'the debt panel in the gallery', { max: 20 });
    await kb.keyboard.press('Enter');
    const doc = kb.locator('.doc-tab:not(.hidden)');
    await doc.getByTestId('doc-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');

    await tabUntil((f) => f.testId === 'param-tributo', 'the Tributo parameter', { max: 40 });
    await kb.keyboard.press('ArrowDown');
    await expect.poll(() => doc.getByTestId('param-tributo').inputValue()).not.toBe('');
    await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');

    await tabUntil((f) => f.testId === 'export-button', 'the export button', { back: true, max: 10 });
    await kb.keyboard.press('Enter');
    const dialog = kb.getByTestId('export-dialog');
    await dialog.waitFor();
    // The focus went into the dialog: its first field.
    expect(await focus()).toMatchObject({ testId: 'export-file-name' });
    await kb.keyboard.press('Tab');
    expect(await focus()).toMatchObject({ testId: 'export-purpose' });
    await kb.keyboard.type('Relatório mensal da dívida ativa por tributo');
    await tabUntil((f) => f.testId === 'export-start', 'the dialog\'s Exportar', { max: 4 });
    await screenshot(kb, 'keyboard-export-dialog');
    const [download] = await Promise.all([kb.waitForEvent('download', { timeout: 60_000 }), kb.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await dialog.getByTestId('export-done').waitFor({ timeout: 60_000 });
    // Tab stays inside the dialog; closing it gives the focus back to the button that opened it.
    await tabUntil((f) => f.testId === 'export-close', 'the dialog\'s Fechar', { max: 4 });
    await kb.keyboard.press('Tab');
    expect((await focus()).testId).not.toBe('param-tributo');
    await kb.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focus()).toMatchObject({ testId: 'export-button' });
  });
});
