// Issue 10, "a query whose page was closed keeps the CPU busy with no way to see or cancel it",
// as a user makes it happen: a runaway query started in Chromium, then the browser tab closed.
// The core (in this process) is listened to: the query ends cancelled once the page's grace time
// is over. tests/server/page-queries.test.ts holds the cases around it (a page that comes back,
// other pages' queries, exports) over raw sockets.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { openPage, runSql, startApp, type App } from './app-harness.ts';

let app: App;
let page: Page;
const events: QueryEvent[] = [];
const errorOf = (queryId: string) => events.find((e): e is Extract<QueryEvent, { kind: 'error' }> => e.queryId === queryId && e.kind === 'error');

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'), { server: { pageGraceMs: 500 } });
  app.workbench.onQueryEvent((event) => events.push(event));
  page = await openPage(app);
});

afterAll(async () => {
  await app?.close();
});

describe('a browser tab closed while its query runs', () => {
  it('has its query cancelled in the core, not left running', async () => {
    // The query's id, as the server gave it to the page.
    const started = page.waitForResponse((response) => response.url().endsWith('/api/runQuery'));
    await runSql(page, 'select count(*) from range(10000000000) a');
    const answer = (await (await started).json()) as { ok: boolean; result: { queryId: string } };
    expect(answer.ok).toBe(true);
    const { queryId } = answer.result;
    await page.getByTestId('cancel-button').waitFor({ timeout: 15_000 });
    const finished = () => events.some((e) => e.queryId === queryId && e.kind === 'finished');
    expect(finished()).toBe(false);

    await page.context().close();
    await expect.poll(() => errorOf(queryId)?.error.code ?? 'still running', { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(finished, { timeout: 15_000 }).toBe(true);
  });
});
