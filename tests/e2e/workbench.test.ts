// The workbench in Chromium, flow by flow as an analyst uses it: one test per flow over one app
// for the file (a server and a Chromium cost ~10 s each file). Over 300 lines because each flow
// stays whole in its test; the notebook, panel, export and time zone flows have files of their own.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rowsFrom } from '../support/statement-rows.ts';
import { columnTexts, jsHeapBytes, openPage, runSql, screenshot, setSql, startApp, type App } from './app-harness.ts';

let app: App;

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'));
});

afterAll(async () => {
  await app?.close();
});

async function withPage(flow: string, body: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  const page = await openPage(app, viewport);
  try {
    await body(page);
  } finally {
    await screenshot(page, flow);
    await page.context().close();
  }
}

const rowCount = (page: Page) => page.getByTestId('row-count');

describe('workbench in Chromium', () => {
  it('lists every table of the registry in the catalog', async () => {
    const tables = await app.workbench.catalog({});
    expect(tables.length).toBeGreaterThan(5);
    await withPage('catalog', async (page) => {
      for (const table of tables) await expect(page.getByTestId(`catalog-table-${table.name}`).isVisible()).resolves.toBe(true);
      await page.getByTestId('catalog-table-pessoa').locator('.twisty').click();
      await expect(page.getByTestId('catalog-table-pessoa').locator('.privacy-identificador').first().isVisible()).resolves.toBe(true);
    });
  });

  it('offers pessoa when typing "select * from pes"', async () => {
    await withPage('autocomplete', async (page) => {
      await page.locator('[data-testid=editor] .view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('select * from pes');
      const widget = page.locator('.suggest-widget.visible');
      // Suggestions open while typing; on a loaded machine the completion may come too late for
      // that first trigger, and then the user asks for it (Ctrl+Space), as in any editor.
      const opened = await widget.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (!opened) {
        await page.keyboard.press('Control+Space');
        await widget.waitFor({ timeout: 30_000 });
      }
      await expect.poll(() => widget.innerText(), { timeout: 20_000 }).toContain('pessoa');
    });
  });

  it('runs a query and shows its rows, formatted pt-BR', async () => {
    await withPage('query', async (page) => {
      await runSql(page, "select 1234567::bigint as n, 1234.5::decimal(10,2) as valor, date '2026-10-31' as dia, null::varchar as nada");
      await expect.poll(() => rowCount(page).innerText()).toBe('1 linha');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['1.234.567']);
      await expect.poll(() => columnTexts(page, 'c1')).toEqual(['1.234,50']);
      await expect.poll(() => columnTexts(page, 'c2')).toEqual(['31/10/2026']);
      await expect.poll(() => columnTexts(page, 'c3')).toEqual(['NULL']);
      await runSql(page, 'select pessoa_id, nome from pessoa order by pessoa_id limit 25');
      await expect.poll(() => rowCount(page).innerText()).toBe('25 linhas');
      await expect.poll(async () => (await columnTexts(page, 'c0')).slice(0, 3)).toEqual(['1', '2', '3']);
    });
  });

  it('scrolls a 10,000,000-row result to its last row without holding it in the page', async () => {
    await withPage('scroll-10m', async (page) => {
      await runSql(page, 'select * from range(10000000)');
      await page.locator('[data-testid=result-grid] .ag-row').first().waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await columnTexts(page, 'c0'))[0]).toBe('0');
      await expect.poll(() => rowCount(page).innerText(), { timeout: 60_000 }).toBe('10.000.000 linhas');
      const heapBefore = await jsHeapBytes(page);
      const scroller = page.locator('[data-testid=result-grid] .ag-body-vertical-scroll-viewport');
      for (const fraction of [0.3, 0.7, 1]) {
        const shownBefore = (await columnTexts(page, 'c0'))[0];
        await scroller.evaluate((element, f) => (element.scrollTop = (element.scrollHeight - element.clientHeight) * f), fraction);
        // Rows of the new place have been fetched and painted: the first visible value changed.
        await expect.poll(async () => (await columnTexts(page, 'c0'))[0], { timeout: 30_000 }).not.toBe(shownBefore);
      }
      await expect.poll(() => columnTexts(page, 'c0'), { timeout: 30_000 }).toContain('9.999.999');
      expect(await columnTexts(page, 'rownum')).toContain('10.000.000');
      const heapAfter = await jsHeapBytes(page);
      expect(heapAfter - heapBefore).toBeLessThan(100 * 1024 * 1024);
      await expect.poll(() => page.evaluate('window.__mirante.lastPaintMs')).toBeGreaterThan(0);
    });
  });

  it('sorts by a header in DuckDB over the kept result', async () => {
    await withPage('sort', async (page) => {
      await runSql(page, 'select n, n % 7 as resto from range(100000) t(n)');
      await expect.poll(() => rowCount(page).innerText()).toBe('100.000 linhas');
      await expect.poll(async () => (await columnTexts(page, 'c0'))[0]).toBe('0');
      const header = page.locator('[data-testid=result-grid] .ag-header-cell[col-id=c0]');
      await header.click();
      await header.click(); // second click: descending
      await expect.poll(async () => (await columnTexts(page, 'c0'))[0], { timeout: 15_000 }).toBe('99.999');
      expect((await columnTexts(page, 'c0')).slice(0, 3)).toEqual(['99.999', '99.998', '99.997']);

      // The next result, here and in a new tab, starts in its own order at its first row: it
      // does not inherit the sort or the scroll of the one before.
      await page.evaluate('window.__mirante.scrollGridTo(500)');
      await expect.poll(async () => (await columnTexts(page, 'rownum'))[0]).not.toBe('1');
      const fresh = async () => {
        await expect.poll(() => rowCount(page).innerText()).toBe('100.000 linhas');
        await expect.poll(async () => (await columnTexts(page, 'c0')).slice(0, 3), { timeout: 15_000 }).toEqual(['1.000', '1.001', '1.002']);
        expect((await columnTexts(page, 'rownum'))[0]).toBe('1');
        expect(await header.getAttribute('aria-sort')).toBe('none');
      };
      await runSql(page, 'select n + 1000 as m, n % 7 as resto from range(100000) t(n)');
      await fresh();
      await header.click();
      await header.click();
      await expect.poll(async () => (await columnTexts(page, 'c0'))[0], { timeout: 15_000 }).toBe('100.999');
      await page.getByTestId('new-tab').click();
      await runSql(page, 'select n + 1000 as m, n % 7 as resto from range(100000) t(n)');
      await fresh();
      // The tests share the server's saved workspace: leave it with one tab, as found.
      await page.locator('.editor-tab.active .tab-close').click();
      await expect.poll(async () => (await app.workbench.loadWorkspace({}))?.tabs.length, { timeout: 15_000 }).toBe(1);
    });
  });

  it('types as an analyst expects: Enter under a list that popped up is a new line, a catalog name lands with spaces, a run shows its result', async () => {
    await withPage('editor-typing', async (page) => {
      const editorText = () => page.locator('[data-testid=editor] .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' '));
      await setSql(page, '');
      await page.keyboard.type('select * from pessoa p', { delay: 40 });
      // The list DuckDB's completion offers for "p" (pivot, positional...) is on screen.
      await page.locator('[data-testid=editor] .suggest-widget.visible').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('limit 3');
      await expect.poll(editorText).toBe('select * from pessoa p\nlimit 3');

      const insertPessoa = () => page.getByTestId('catalog-table-pessoa').locator('button.name').click();
      await setSql(page, 'select');
      await page.keyboard.press('Home');
      await insertPessoa();
      await expect.poll(editorText).toBe('pessoa select');
      await setSql(page, 'select * from');
      await insertPessoa();
      await page.keyboard.type(' limit 1');
      await expect.poll(editorText).toBe('select * from pessoa limit 1');

      await page.keyboard.press('ControlOrMeta+Enter');
      await expect.poll(() => rowCount(page).innerText()).toBe('1 linha');
      await page.getByRole('tab', { name: 'Perfil' }).click();
      await runSql(page, 'select 1 as a, 2 as b');
      await expect.poll(() => page.getByRole('tab', { name: 'Resultado' }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => columnTexts(page, 'c1')).toEqual(['2']);
    });
  });

  it('cancels a runaway query, and the next query runs', async () => {
    await withPage('cancel', async (page) => {
      await runSql(page, 'select 7 as anterior');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['7']);
      await runSql(page, 'select count(*) from range(10000000000) a');
      const cancel = page.getByTestId('cancel-button');
      await cancel.waitFor({ timeout: 10_000 });
      // The last result stays, dimmed, under how long the new run has taken so far.
      const running = page.getByTestId('running-state');
      await expect.poll(() => running.innerText(), { timeout: 10_000 }).toMatch(/^Executando… (\d+ ms|\d+(,\d+)? s)$/);
      await expect(page.locator('.grid-slot.waiting-rows').count()).resolves.toBe(1);
      await screenshot(page, 'running');
      await cancel.click();
      await cancel.waitFor({ state: 'detached', timeout: 15_000 });
      await expect(page.getByTestId('status-bar').innerText()).resolves.toContain('Cancelada');
      await expect.poll(() => page.getByTestId('cancelled-state').innerText()).toContain('cancelada antes das primeiras linhas');
      await expect(running.count()).resolves.toBe(0);
      await runSql(page, 'select 42 as resposta');
      await expect.poll(() => rowCount(page).innerText()).toBe('1 linha');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['42']);
    });
  });

  it('puts a marker where the error is: line 2, at the unknown column', async () => {
    await withPage('error-marker', async (page) => {
      await runSql(page, 'select 1;\nselect nãoexiste from pessoa', true);
      await page.getByTestId('error-panel').waitFor({ timeout: 15_000 });
      const markers = (await page.evaluate('window.__mirante.markers()')) as { line: number; column: number }[];
      expect(markers).toHaveLength(1);
      expect(markers[0]).toMatchObject({ line: 2, column: 8 });
      await expect(page.locator('[data-testid=editor] .squiggly-error').count()).resolves.toBeGreaterThan(0);
    });
  });

  it('asks the values of $name parameters before a run, binds them as data, and remembers them in the tab', async () => {
    await withPage('param-prompt', async (page) => {
      const sql = 'select count(*) as n from pessoa where bairro = $bairro and data_nascimento >= $desde';
      const rows = (text: string, params: Record<string, string> = {}) => rowsFrom(app.workbench.engine.execute({ sql: text, params, queryId: randomUUID() }));
      const counted = async (bairro: string) =>
        (await rows("select count(*)::INTEGER as n from pessoa where bairro = $b and data_nascimento >= DATE '1990-01-01'", { b: bairro }))[0]?.[0];
      const bairro = String((await rows('select bairro from pessoa group by all order by count(*) desc limit 1'))[0]?.[0]);
      await runSql(page, sql);
      const prompt = page.getByTestId('param-prompt');
      await prompt.waitFor();
      expect(await prompt.locator('input').count()).toBe(2);
      // The first field has the focus: the keyboard alone fills the form and runs it.
      await page.keyboard.type(bairro);
      await page.keyboard.press('Tab');
      await page.keyboard.type('1990-01-01');
      await page.keyboard.press('Enter');
      await expect.poll(() => columnTexts(page, 'c0'), { timeout: 20_000 }).toEqual([String(await counted(bairro))]);
      expect(await prompt.count()).toBe(0);

      // Run again: the values come back; an injection attempt is a value like any other.
      await page.keyboard.press('ControlOrMeta+Enter');
      await prompt.waitFor();
      await expect.poll(() => prompt.getByTestId('param-prompt-bairro').inputValue()).toBe(bairro);
      await expect.poll(() => prompt.getByTestId('param-prompt-desde').inputValue()).toBe('1990-01-01');
      await prompt.getByTestId('param-prompt-bairro').fill("x' or '1'='1");
      await prompt.getByTestId('param-prompt-run').click();
      await expect.poll(() => columnTexts(page, 'c0'), { timeout: 20_000 }).toEqual(['0']);

      // Esc closes the form and runs nothing.
      const audited = (await app.workbench.listAudit({ action: 'query', limit: 500 })).length;
      await page.keyboard.press('ControlOrMeta+Enter');
      await prompt.waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => prompt.count()).toBe(0);
      expect((await app.workbench.listAudit({ action: 'query', limit: 500 })).length).toBe(audited);
    });
  });

  it('fits a 1024×640 window: every status bar control and a panel header button on screen', async () => {
    await withPage('narrow-1024x640', async (page) => {
      await runSql(page, 'select 1 as n');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['1']);
      const outside = () =>
        page.locator('.status-bar select, .doc-head button, .doc-head select').evaluateAll((elements) =>
          elements.flatMap((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && (box.right > 1024 || box.bottom > 640 || box.left < 0) ? [element.getAttribute('data-testid') ?? element.textContent] : [];
          }));
      expect(await outside()).toEqual([]);
      await page.getByTestId('rail-panels').click();
      await page.getByTestId('gallery-divida-ativa.md').click();
      await expect.poll(() => page.getByTestId('doc-snapshot').count(), { timeout: 30_000 }).toBe(1);
      expect(await outside()).toEqual([]);
    }, { width: 1024, height: 640 });
  });

  it('copies a selection as TSV with a header and raw values', async () => {
    await withPage('copy-tsv', async (page) => {
      await runSql(page, "select 1234567::bigint as n, 'a' || chr(9) || 'b' as texto union all select 2, 'c' order by n");
      await expect.poll(() => rowCount(page).innerText()).toBe('2 linhas');
      await page.locator('[data-testid=result-grid] .ag-row[row-index="0"] [col-id=c0]').click();
      await page.locator('[data-testid=result-grid] .ag-row[row-index="1"] [col-id=c1]').click({ modifiers: ['Shift'] });
      await page.keyboard.press('ControlOrMeta+C');
      await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('n\ttexto\r\n2\tc\r\n1234567\t"a\tb"\r\n');
    });
  });

  it("opens a cell's menu by right click, Shift+F10 or the menu key: copies the cell or the column, filters by a value in DuckDB, masked values only as shown", async () => {
    await withPage('cell-menu', async (page) => {
      await runSql(page, 'select pessoa_id, nome, bairro from pessoa order by pessoa_id limit 300');
      await expect.poll(() => rowCount(page).innerText()).toBe('300 linhas');
      const cell = (row: number, col: number) => page.locator(`[data-testid=result-grid] .ag-row[row-index="${row}"] [col-id="c${col}"]`);
      const menu = page.getByTestId('cell-menu');
      // The grid draws a row before its cells' text: read a cell only once its text is there.
      const shownText = async (row: number, col: number) => {
        let text = '';
        await expect.poll(async () => (text = (await cell(row, col).innerText()).trim())).not.toBe('');
        return text;
      };

      // Right click on a bairro: filter by it. Every row kept holds it, counted by the server.
      const bairro = await shownText(0, 2);
      await cell(0, 2).click({ button: 'right' });
      await menu.waitFor();
      await screenshot(page, 'cell-menu-open');
      await menu.getByTestId('cell-menu-filter').click();
      await expect.poll(() => page.getByTestId('result-filters').innerText()).toContain(`bairro = ${bairro}`);
      await expect.poll(async () => new Set(await columnTexts(page, 'c2'))).toEqual(new Set([bairro]));
      const kept = Number((await page.getByTestId('result-filters-count').innerText()).replace(/\D/g, ''));
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(300);

      // Keyboard: the masked name of the first row kept, Shift+F10, filter by it: the mask is what is matched.
      await cell(0, 1).click();
      const masked = await shownText(0, 1);
      await page.keyboard.press('Shift+F10');
      await menu.waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('result-filters').innerText()).toContain(`nome = ${masked}`);
      await expect.poll(async () => new Set(await columnTexts(page, 'c1'))).toEqual(new Set([masked]));
      await screenshot(page, 'cell-menu-filtered');
      await page.setViewportSize({ width: 1024, height: 640 });
      await screenshot(page, 'cell-menu-filtered-1024');

      // The menu key on the focused cell: copy the column (what the filters keep, with its name).
      await cell(0, 0).click();
      await page.keyboard.press('ContextMenu');
      await menu.waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const clipboard = () => page.evaluate('navigator.clipboard.readText()').then(String);
      await expect.poll(clipboard).toMatch(/^pessoa_id\r\n/);
      const copied = (await clipboard()).trim().split('\r\n');
      expect(copied.length - 1).toBe(Number((await page.getByTestId('result-filters-count').innerText()).replace(/\D/g, '')));
      // Escape closes it and the focus is back on the cell; clearing the filters brings every row back.
      await page.keyboard.press('Shift+F10');
      await menu.waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => menu.count()).toBe(0);
      await page.getByTestId('result-filters-clear').click();
      await expect.poll(() => page.getByTestId('result-filters').count()).toBe(0);
      await expect.poll(async () => (await columnTexts(page, 'c0')).slice(0, 3)).toEqual(['1', '2', '3']);
    });
  });

  it('keeps history and unsaved tabs across a reload', async () => {
    await withPage('history', async (page) => {
      await runSql(page, "select 'marca-historico' as marca");
      await expect.poll(() => rowCount(page).innerText()).toBe('1 linha');
      await page.keyboard.press('ControlOrMeta+S');
      // The save itself, on the server (a toast on a loaded machine may come and go between looks).
      await expect
        .poll(async () => (await app.workbench.loadWorkspace({}))?.tabs.map((tab) => tab.sql).join('\n'), { timeout: 15_000 })
        .toContain('marca-historico');
      await page.reload();
      await page.getByTestId('catalog-table-pessoa').waitFor();
      await expect.poll(() => page.locator('[data-testid=editor] .view-lines').innerText()).toContain('marca-historico');
      await page.getByRole('tab', { name: 'Histórico' }).click();
      await page.getByTestId('history-search').fill('marca-historico');
      const entry = page.getByTestId('history-entry').first();
      await expect.poll(() => entry.innerText(), { timeout: 10_000 }).toContain('marca-historico');
      await expect.poll(() => page.getByTestId('history-entry').count()).toBe(1);
      await entry.click();
      await expect.poll(() => page.locator('[role=tab][data-testid^=tab-]').count()).toBe(2);
    });
  });

  it('keeps two browser tabs from saving over each other: the tab opened first says so, and can take the workspace back', async () => {
    const savedSql = async () => (await app.workbench.loadWorkspace({}))?.tabs.map((tab) => tab.sql).join('\n') ?? '';
    const first = await openPage(app);
    try {
      await setSql(first, 'select 1 -- aba A');
      await expect.poll(savedSql).toContain('aba A');
      const second = await openPage(app);
      try {
        await setSql(first, 'select 1 -- aba A, depois');
        await first.getByTestId('workspace-displaced').waitFor();
        await screenshot(first, 'workspace-displaced');
        await setSql(second, 'select 2 -- aba B');
        await expect.poll(savedSql).toContain('aba B');
        expect(await savedSql()).not.toContain('aba A, depois');

        await first.getByTestId('workspace-take-over').click();
        await expect.poll(savedSql).toContain('aba A, depois');
        await expect.poll(() => first.getByTestId('workspace-displaced').count()).toBe(0);
        await setSql(second, 'select 2 -- aba B, depois');
        await second.getByTestId('workspace-displaced').waitFor();
        expect(await savedSql()).toContain('aba A, depois');
      } finally {
        await second.context().close();
      }
    } finally {
      await first.context().close();
    }
  });

  it('reopens the panel and the audit log that were open, with the panel in view, after a reload', async () => {
    await withPage('reload-open-tabs', async (page) => {
      await page.getByRole('tab', { name: 'Auditoria' }).click();
      await page.getByTestId('audit-view').waitFor({ timeout: 15_000 });
      await page.getByTestId('rail-panels').click();
      await page.getByTestId('gallery-obras.md').locator('.gallery-open').click();
      await expect.poll(() => page.locator('.doc-tab:not(.hidden) [data-testid=doc-title]').innerText(), { timeout: 15_000 }).toContain('Obras');
      await expect
        .poll(async () => JSON.stringify((await app.workbench.loadWorkspace({}))?.openTabs ?? null), { timeout: 15_000 })
        .toMatch(/"path":"obras\.md".*"auditOpen":true.*"view":\{"kind":"document","path":"obras\.md"\}/);
      await page.reload();
      await page.getByTestId('catalog-table-pessoa').waitFor();
      await expect.poll(() => page.locator('.doc-tab:not(.hidden) [data-testid=doc-title]').innerText(), { timeout: 15_000 }).toContain('Obras');
      await expect.poll(() => page.locator('.editor-tab').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Obras'), expect.stringContaining('Auditoria')]));
      // Closed again, they stay closed after the next reload.
      await page.locator('.editor-tab.active .tab-close').click();
      await page.locator('.editor-tab', { hasText: 'Auditoria' }).click();
      await page.locator('.editor-tab.active .tab-close').click();
      await expect.poll(async () => (await app.workbench.loadWorkspace({}))?.openTabs, { timeout: 15_000 }).toEqual({ documents: [], auditOpen: false, view: { kind: 'sql' } });
    });
  });

  it('opens a .sql file into a new tab and saves a tab as a .sql file', async () => {
    await withPage('open-save-file', async (page) => {
      const sql = "select 'ação' as texto -- vinda do disco\n";
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-file').click()]);
      await chooser.setFiles({ name: 'relatorio.sql', mimeType: 'application/sql', buffer: Buffer.from(sql) });
      await expect.poll(() => page.locator('[data-testid^=tab-]').allInnerTexts()).toContainEqual(expect.stringContaining('relatorio'));
      // Monaco lays text out with non-breaking spaces.
      const editorText = () => page.locator('[data-testid=editor] .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' '));
      await expect.poll(editorText).toContain('vinda do disco');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-file').click()]);
      expect(download.suggestedFilename()).toBe('relatorio.sql');
      await expect(readFile(await download.path(), 'utf8')).resolves.toBe(sql);
    });
  });

  it('switches to English', async () => {
    await withPage('english', async (page) => {
      await page.getByTestId('locale-select').selectOption('en');
      await runSql(page, 'select 1234.5::decimal(10,2) as valor');
      await expect.poll(() => rowCount(page).innerText()).toBe('1 row');
      await expect.poll(() => columnTexts(page, 'c0')).toEqual(['1,234.50']);
      await expect(page.getByTestId('run-button').innerText()).resolves.toContain('Run');
    }, { width: 1920, height: 1080 });
  });
});
