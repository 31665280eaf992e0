// The web mode's session as Debian's Chromium lives it, with the built renderer and its real
// web client: the printed *.localhost address resolves to loopback inside Chromium, the cookie
// is host-only to it (never sent to other services on 127.0.0.1), an ended session or an old
// link shows the pt-BR page, and closing a tab cancels the query it was running.
// Needs the renderer built (`npm run build:renderer`; `npm test` builds it first).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { openPage, rendererRoot, runSql, screenshot, startApp, type App } from '../e2e/app-harness.ts';

let app: App;
let now = 1_000_000_000;
// Another service on loopback, as a developer machine has (a dev server, Jupyter, …): it
// records the Cookie header of every request it gets.
let neighbour: http.Server;
const neighbourCookies: string[] = [];

beforeAll(async () => {
  app = await startApp(inject('sampleRegistryDir'), { server: { pageGraceMs: 500, session: { idleMs: 60 * 60_000 }, clock: () => now } });
  neighbour = http.createServer((request, response) => {
    neighbourCookies.push(request.headers.cookie ?? '');
    response.end('<!doctype html><title>outro serviço</title>');
  });
  await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', () => resolve()));
});

afterAll(async () => {
  neighbour?.close();
  await app?.close();
});

const ENDED = 'A sessão do Mirante terminou';

async function sessionEndedShown(page: Page): Promise<string> {
  await page.getByTestId('session-ended').waitFor({ timeout: 30_000 });
  return page.getByTestId('session-ended').innerText();
}

describe('the web mode’s session in Chromium', () => {
  it('opens the printed *.localhost address: the token becomes a host-only session cookie no other loopback service receives', async () => {
    const page = await openPage(app);
    try {
      expect(page.url()).toBe(`${app.server.origin}/`);
      const cookies = await page.context().cookies();
      expect(cookies.map((c) => c.name)).toEqual(['mirante_sessao']);
      const [cookie] = cookies;
      expect(cookie?.domain).toBe(app.server.hostName); // host-only: no leading dot, no parent domain
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Strict');
      expect(cookie?.value).not.toBe(app.server.token);
      expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000);

      const port = (neighbour.address() as AddressInfo).port;
      const other = await page.context().newPage();
      for (const address of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://127.0.0.1:${app.server.port}/`]) await other.goto(address);
      expect(neighbourCookies.length).toBeGreaterThanOrEqual(2); // the two pages (and their favicons)
      for (const header of neighbourCookies) expect(header).not.toContain('mirante_sessao');
      // This server on 127.0.0.1 is not this run's name: the browser holds no session there.
      expect(await sessionEndedShown(other)).toContain(ENDED);
      await other.close();
      await screenshot(page, 'session-localhost');
    } finally {
      await page.context().close();
    }
  });

  it('follows the launch link given on 127.0.0.1 to this run’s name and opens the workbench', async () => {
    const context = await app.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${app.server.port}/?token=${app.server.token}`);
      await page.getByTestId('catalog-table-pessoa').waitFor({ timeout: 30_000 });
      expect(page.url()).toBe(`${app.server.origin}/`);
    } finally {
      await context.close();
    }
  });

  it('cancels the running query of a tab that is closed', async () => {
    const page = await openPage(app);
    const events: QueryEvent[] = [];
    const stop = app.workbench.onQueryEvent((event) => events.push(event));
    try {
      const started = page.waitForResponse((response) => response.url().endsWith('/api/runQuery'));
      await runSql(page, 'select count(*) from range(1000000000000)');
      const response = await started;
      const pageId = response.request().headers()['x-mirante-page'];
      expect(pageId).toMatch(/^[0-9a-f]{32}$/);
      const { result } = (await response.json()) as { result: { queryId: string } };
      await page.getByTestId('cancel-button').waitFor();
      // While the tab is open (its event socket names its page id) the query runs past the grace time…
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(events.some((e) => e.queryId === result.queryId && e.kind === 'error')).toBe(false);
      // …and closing the tab ends it.
      await page.context().close();
      await expect.poll(() => events.find((e) => e.queryId === result.queryId && e.kind === 'error'), { timeout: 30_000 }).toBeDefined();
      const error = events.find((e) => e.queryId === result.queryId && e.kind === 'error');
      expect(error).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
    } finally {
      stop();
      await page.context().close().catch(() => undefined);
    }
  });

  it('reloads into the pt-BR page when the session ends while the tab is open', async () => {
    const page = await openPage(app);
    try {
      now += 60 * 60_000; // an hour without use: the server closes the event socket (4401)
      const text = await sessionEndedShown(page);
      expect(text).toContain(ENDED);
      expect(text).toContain('npm start');
      expect(page.url()).toBe(`${app.server.origin}/`);
      await screenshot(page, 'session-ended');
    } finally {
      await page.context().close();
    }
  });

  it('reloads into the pt-BR page when a call finds no session', async () => {
    const page = await openPage(app);
    try {
      await page.context().clearCookies();
      await runSql(page, 'select 1');
      expect(await sessionEndedShown(page)).toContain('ainda não tem uma sessão');
    } finally {
      await page.context().close();
    }
  });

  it('shows the pt-BR page for the address of a previous run on the same port', async () => {
    const previous = await startServer(app.workbench, { port: 0, staticRoot: rendererRoot });
    const { url: oldUrl, token: oldToken, port } = previous;
    await previous.close();
    let current: RunningServer | undefined;
    const context = await app.browser.newContext();
    try {
      current = await startServer(app.workbench, { port, staticRoot: rendererRoot });
      const page = await context.newPage();
      await page.goto(oldUrl);
      expect(await sessionEndedShown(page)).toContain('execução anterior');
      await screenshot(page, 'session-old-link');
      await page.goto(`http://127.0.0.1:${port}/?token=${oldToken}`);
      expect(await sessionEndedShown(page)).toContain('execução anterior');
      await page.goto(current.url);
      await page.getByTestId('catalog-table-pessoa').waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
      await current?.close();
    }
  });
});
