import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { columnTexts, openPage, projectQueriesDir, runSql, screenshot, startApp, type App } from './app-harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'), { queriesDir: projectQueriesDir });
});

afterAll(async () => {
  await app?.close();
});

/** Flows through several panels or cells: 20–40 s on a quiet 2-core machine, more under load. */
const LONG_FLOW_MS = 150_000;

const PANELS = ['divida-ativa', 'primeira-infancia', 'obras', 'fila-creche', 'qualidade-cadastro'];

const activeDoc = (page: Page) => page.locator('.doc-tab:not(.hidden)');

async function openFromGallery(page: Page, name: string, mode: 'panel' | 'notebook'): Promise<Locator> {
  await page.getByTestId('rail-panels').click();
  const item = page.getByTestId(`gallery-${name}.md`);
  await item.waitFor();
  await (mode === 'panel' ? item.locator('.gallery-open') : item.getByTestId('open-notebook')).click();
  const doc = activeDoc(page);
  await doc.getByTestId(`doc-${mode}`).waitFor({ timeout: 15_000 });
  return doc;
}

/** Every cell of the panel has run: nothing pending, no dimmed result. */
async function panelSettled(doc: Locator): Promise<void> {
  await expect.poll(() => doc.locator('.panel-body').getAttribute('data-busy'), { timeout: 45_000 }).toBe('false');
  await expect.poll(() => doc.locator('.cell-pending, .waiting, .spinner').count(), { timeout: 45_000 }).toBe(0);
  await expect.poll(() => doc.locator('.kpi, .cell-table, [data-testid=chart] svg').count(), { timeout: 45_000 }).toBeGreaterThan(0);
}

/**
 * Full-height screenshot at 1366 wide: the document scrolls inside its pane, so the viewport
 * grows to fit; then the window as a 1024×640 screen shows it (the smallest the issue supports).
 */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  const height = await activeDoc(page).locator('.doc-view').evaluate((el) => el.scrollHeight);
  await page.setViewportSize({ width: 1366, height: Math.max(768, Math.min(height + 80, 6000)) });
  await page.waitForTimeout(300);
  await screenshot(page, name, true);
  await narrowScreenshot(page, `${name}-1024x640`);
}

/** `inView`: what the shot is of, scrolled back into the smaller window. */
async function narrowScreenshot(page: Page, name: string, inView?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.waitForTimeout(300);
  await inView?.scrollIntoViewIfNeeded();
  await screenshot(page, name);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  const page = await openPage(app);
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

describe('panels and notebooks in Chromium', () => {
  it('opens the debt panel as staff would: parameters re-run KPIs and charts, no SQL on screen', async () => {
    await withPage(async (page) => {
      const doc = await openFromGallery(page, 'divida-ativa', 'panel');
      await expect(doc.getByTestId('doc-title').innerText()).resolves.toContain('Dívida ativa');
      const saldo = doc.getByTestId('kpi-saldo_total').getByTestId('kpi-value');
      await expect.poll(() => saldo.innerText(), { timeout: 45_000 }).toMatch(/R\$\s?\d{1,3}(\.\d{3})+/);
      const bars = doc.getByTestId('panel-chart-por_tributo').locator('svg rect');
      await expect.poll(() => bars.count(), { timeout: 30_000 }).toBeGreaterThan(1);
      await panelSettled(doc);
      await expect.poll(() => doc.getByTestId('panel-cell-maiores_devedores').locator('.ag-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
      // Staff read labels, not snake_case names with SQL types under them.
      const headers = await doc.getByTestId('panel-cell-maiores_devedores').locator('.col-header-name').allInnerTexts();
      expect(headers.length).toBeGreaterThan(2);
      expect(headers.filter((name) => /_|^[a-z]/.test(name))).toEqual([]);
      expect(await doc.getByTestId('panel-cell-maiores_devedores').locator('.col-header-type').count()).toBe(0);
      await expect.poll(() => doc.getByTestId('kpi-saldo_total').locator('.kpi-delta').count(), { timeout: 15_000 }).toBe(1);
      // The arrow's colour says whether the change is good news: less debt is, more recovered is.
      for (const [kpi, better] of [['saldo_total', 'menor'], ['recuperado_ano', 'maior']] as const) {
        const delta = doc.getByTestId(`kpi-${kpi}`).locator('.kpi-delta');
        const arrow = (await delta.innerText()).trim()[0];
        const up = better === 'maior' ? 'good' : 'bad';
        const down = better === 'maior' ? 'bad' : 'good';
        expect(await delta.getAttribute('data-tone'), kpi).toBe(arrow === '▲' ? up : arrow === '▼' ? down : 'neutral');
      }
      const before = await saldo.innerText();
      const barsBefore = await bars.count();

      expect(await page.locator('.monaco-editor:visible').count()).toBe(0);
      expect((await doc.innerText()).toLowerCase()).not.toMatch(/\bselect\s/);

      const tributo = doc.getByTestId('param-tributo');
      await expect.poll(() => tributo.locator('option').count()).toBeGreaterThan(2);
      const choice = (await tributo.locator('option').nth(1).getAttribute('value'))!;
      await tributo.selectOption(choice);
      await expect.poll(() => saldo.innerText(), { timeout: 30_000 }).not.toBe(before);
      await expect.poll(() => bars.count(), { timeout: 30_000 }).toBeLessThan(barsBefore);
      await panelSettled(doc);
      await expect(doc.getByTestId('panel-chart-por_tributo').innerText()).resolves.toContain(choice);
      expect(await page.locator('.monaco-editor:visible').count()).toBe(0);

      await doc.getByTestId('toggle-sql').click();
      await expect.poll(() => doc.locator('.sql-view').count()).toBeGreaterThan(0);
      await doc.getByTestId('toggle-sql').click();
      await tributo.selectOption('');
      await panelSettled(doc);
      await fullScreenshot(page, 'panel-divida-ativa');
    });
  }, LONG_FLOW_MS);

  it('shows each of the other curated panels without errors', async () => {
    await withPage(async (page) => {
      for (const name of PANELS.slice(1)) {
        const doc = await openFromGallery(page, name, 'panel');
        await panelSettled(doc);
        await expect(doc.locator('[data-testid=error-panel]').count()).resolves.toBe(0);
        if (name === 'qualidade-cadastro') {
          // A one-row table shows its row whole, under the header and above the scrollbar.
          const table = doc.getByTestId('panel-cell-mudancas_pessoas');
          await expect.poll(() => table.locator('.ag-row').count()).toBe(1);
          const bottoms = await table.evaluate((element) => {
            const row = element.querySelector('.ag-row')?.getBoundingClientRect();
            const scroll = element.querySelector('.ag-body-horizontal-scroll')?.getBoundingClientRect();
            const grid = element.querySelector('.result-grid')?.getBoundingClientRect();
            const limit = Math.min(grid?.bottom ?? Infinity, scroll && scroll.height > 0 ? scroll.top : Infinity);
            return { row: row?.bottom ?? Infinity, limit };
          });
          expect(bottoms.row).toBeLessThanOrEqual(bottoms.limit + 0.5);
          // One comparison control (the panel's "Comparar com"), which also gives the changes
          // section its date: no second one among the parameters.
          expect(await doc.getByTestId('param-comparar_com').count()).toBe(0);
          const compare = doc.getByTestId('compare-with');
          const offered = await compare.locator('option').allInnerTexts();
          const [previous] = offered;
          expect(previous).toMatch(/^\d{2}\/\d{2}\/\d{4} \(o anterior\)$/);
          expect(offered.at(-1)).toBe('sem comparação');
          // The previous snapshot's date as staff read dates (a DATE, not ISO text).
          await expect.poll(() => table.innerText()).toContain((previous as string).slice(0, 10));
          expect(await table.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        }
        if (name === 'fila-creche') {
          // Its `saldo` is a count of places (vagas minus fila), not money.
          const chart = doc.getByTestId('panel-chart-por_bairro');
          await expect.poll(() => chart.locator('svg rect').count()).toBeGreaterThan(1);
          expect(await chart.textContent()).toMatch(/Saldo/);
          expect(await chart.textContent()).not.toContain('R$');
        }
        await fullScreenshot(page, `panel-${name}`);
        await page.locator('.editor-tab.active .tab-close').click();
      }
    });
  }, LONG_FLOW_MS);

  it("says in the status bar the date of the data in view: a panel's own, then the SQL tab's", async () => {
    await withPage(async (page) => {
      const status = page.locator('.status-bar .snapshot-date');
      const newest = await status.innerText();
      const doc = await openFromGallery(page, 'obras', 'panel');
      await panelSettled(doc);
      const choice = doc.getByTestId('doc-snapshot');
      const older = await choice.locator('option').last().getAttribute('value');
      expect(older).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await choice.selectOption(older as string);
      const shown = (older as string).split('-').reverse().join('/');
      await expect.poll(() => status.innerText()).toBe(`dados de ${shown}`);
      expect(newest).not.toBe(`dados de ${shown}`);
      await page.getByTestId('rail-catalog').click();
      await page.locator('.editor-tab', { hasText: 'SQL' }).first().click();
      await expect.poll(() => status.innerText()).toBe(newest);
      await page.locator('.editor-tab', { hasText: 'Obras' }).first().click();
      await expect.poll(() => status.innerText()).toBe(`dados de ${shown}`);
    });
  }, LONG_FLOW_MS);

  it('builds on a named cell in notebook mode, marks dependents stale and charts with the builder', async () => {
    await withPage(async (page) => {
      const doc = await openFromGallery(page, 'divida-ativa', 'notebook');
      await doc.getByTestId('add-sql').click();
      const cells = doc.locator('article.nb-cell');
      // Locators are lazy: pin the new cell by its position, not as "the last one".
      const added = cells.nth((await cells.count()) - 1);
      await added.locator('.view-lines').click();
      await page.keyboard.type('select tributo, saldo from por_tributo order by saldo desc');
      await page.keyboard.press('Escape');
      await doc.getByTestId('run-all-cells').click();
      await expect.poll(() => added.locator('.ag-row').count(), { timeout: 60_000 }).toBeGreaterThan(1);
      await expect(added.locator('[data-testid=error-panel]').count()).resolves.toBe(0);

      await doc.getByTestId('add-chart').click();
      const chart = cells.nth((await cells.count()) - 1);
      await expect(chart.getAttribute('data-kind')).resolves.toBe('chart');
      await chart.getByTestId('builder-mark').selectOption('barX');
      await chart.getByTestId('builder-x').selectOption('saldo');
      await chart.getByTestId('builder-y').selectOption('tributo');
      await expect.poll(() => chart.locator('[data-testid=chart] svg rect').count(), { timeout: 20_000 }).toBeGreaterThan(1);
      // Bars ordered by value, largest first: each bar no longer than the one before it.
      const barLengths = () =>
        chart.locator('[data-testid=chart] svg').evaluate((svg, horizontal) => {
          const bars = [...svg.querySelectorAll('g[aria-label=bar] rect')].map((r) => r.getBoundingClientRect());
          return bars.sort((a, b) => (horizontal ? a.top - b.top : a.left - b.left)).map((r) => Math.round(horizontal ? r.width : r.height));
        }, true);
      await chart.getByTestId('builder-sort').selectOption('desc');
      await expect.poll(async () => {
        const lengths = await barLengths();
        return lengths.length > 1 && lengths.every((n, i) => i === 0 || n <= (lengths[i - 1] as number));
      }, { timeout: 20_000 }).toBe(true);
      await chart.scrollIntoViewIfNeeded();
      await screenshot(page, 'chart-builder');
      await narrowScreenshot(page, 'chart-builder-1024x640', chart);
      // Back to vertical bars: x and y trade places (categories stay on the category axis), the order stays.
      await chart.getByTestId('builder-mark').selectOption('barY');
      await expect.poll(() => chart.getByTestId('builder-x').inputValue()).toBe('tributo');
      await expect.poll(() => chart.getByTestId('builder-y').inputValue()).toBe('saldo');
      await expect.poll(() => chart.getByTestId('builder-sort').inputValue()).toBe('desc');
      await expect.poll(async () => {
        const heights = await chart.locator('[data-testid=chart] svg').evaluate((svg) =>
          [...svg.querySelectorAll('g[aria-label=bar] rect')].map((r) => r.getBoundingClientRect()).sort((a, b) => a.left - b.left).map((r) => Math.round(r.height)));
        return heights.length > 1 && heights.every((n, i) => i === 0 || n <= (heights[i - 1] as number));
      }, { timeout: 20_000 }).toBe(true);

      // Editing por_tributo leaves the cell built on it stale until it runs again.
      const source = cells.filter({ has: page.locator('[data-testid=cell-name]', { hasText: /^por_tributo$/ }) });
      await source.locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type(' ');
      await expect.poll(() => added.getByTestId('stale-badge').count()).toBe(1);
      await added.getByTestId('cell-run').click();
      await expect.poll(() => added.getByTestId('stale-badge').count()).toBe(0);
      await doc.locator('.doc-view').evaluate((el) => (el.scrollTop = 0));
      await screenshot(page, 'notebook');
      await narrowScreenshot(page, 'notebook-1024x640');
    });
  }, LONG_FLOW_MS);

  it("runs the SQL tab's own text on Ctrl+Enter after a notebook has been opened (not a hidden cell)", async () => {
    await withPage(async (page) => {
      await openFromGallery(page, 'fila-creche', 'notebook');
      await page.getByTestId('tab-0').click();
      await runSql(page, "select 'texto-do-editor' as origem");
      await expect.poll(() => columnTexts(page, 'c0'), { timeout: 20_000 }).toEqual(['texto-do-editor']);
      const started = (await app.workbench.listAudit({ action: 'query', limit: 50 })).find((entry) => entry.status === 'started');
      expect(started?.sql).toBe("select 'texto-do-editor' as origem");
      expect(started?.document).toBeUndefined();

      // And in the notebook, the same keys run the cell the cursor is in, not the SQL tab.
      const cellRuns = async () => (await app.workbench.listAudit({ action: 'run_panel', limit: 1000 })).filter((entry) => entry.status === 'started');
      const before = (await cellRuns()).length;
      await page.getByTestId('tab-1').click();
      const cell = activeDoc(page).locator('article.nb-cell[data-kind=sql]').first();
      await cell.locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect.poll(async () => (await cellRuns()).length, { timeout: 20_000 }).toBe(before + 1);
      expect((await cellRuns())[0]?.document).toBe('fila-creche.md');
      expect((await app.workbench.listAudit({ action: 'query', limit: 50 })).find((entry) => entry.status === 'started')?.sql).toBe("select 'texto-do-editor' as origem");
    });
  });

  it('offers an autosaved edit back after the server dies mid-edit, and recovers it', async () => {
    let page = await openPage(app);
    try {
      const doc = await openFromGallery(page, 'fila-creche', 'notebook');
      await doc.getByTestId('add-sql').click();
      await doc.locator('article.nb-cell').last().locator('.view-lines').click();
      await page.keyboard.type("select 'marca-rascunho' as marca");
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await app.workbench.openDocument({ path: 'fila-creche.md' })).draft?.text ?? '', { timeout: 10_000 }).toContain('marca-rascunho');

      await app.restartServer();
      await page.context().close();
      page = await openPage(app);
      const reopened = await openFromGallery(page, 'fila-creche', 'panel');
      const offer = reopened.getByTestId('draft-offer');
      await offer.waitFor({ timeout: 15_000 });
      await expect(offer.innerText()).resolves.toMatch(/Há alterações não salvas de \d\d\/\d\d\/\d{4} \d\d:\d\d/);
      await screenshot(page, 'draft-offer');
      await reopened.getByTestId('draft-recover').click();
      await reopened.getByTestId('switch-mode').click();
      await expect.poll(() => reopened.locator('article.nb-cell').last().locator('.view-lines').innerText(), { timeout: 10_000 }).toContain('marca-rascunho');
      await expect(reopened.getByTestId('doc-title').innerText()).resolves.toContain('•');
    } finally {
      await page.context().close();
    }
  });
});
