// Queries and exports of a closed page are cancelled: real long-running queries, real event
// WebSockets, the page id on the socket URL and on each call, as the web client sends them.
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/server/server.ts';
import { startTestServer, type TestServer } from './fixture.ts';
import { callApi, openSession } from './http-client.ts';

interface SeenEvent {
  kind: string;
  queryId: string;
  error?: { code: string };
}

/** An event socket of one page; `events` gathers the JSON events it receives. */
class PageSocket {
  readonly events: SeenEvent[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      this.events.push(JSON.parse(data.toString()) as SeenEvent);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(server: RunningServer, cookie: string, pageId: string): Promise<PageSocket> {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?page=${pageId}`, { headers: { Host: server.host, Origin: server.origin, Cookie: cookie } });
    return new Promise((resolve, reject) => {
      socket.on('open', () => resolve(new PageSocket(socket)));
      socket.on('error', reject);
    });
  }

  /** Resolves with the first event of `queryId` of that kind (events are pushed, never polled). */
  async next(queryId: string, kind: string): Promise<SeenEvent> {
    for (;;) {
      const found = this.events.find((e) => e.queryId === queryId && e.kind === kind);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.on('close', () => resolve());
      this.socket.close();
    });
  }
}

const LONG_QUERY = 'select count(*) from range(1000000000000)';

let t: TestServer;
let cookie: string;
let quick: RunningServer;
let quickCookie: string;

beforeAll(async () => {
  t = await startTestServer({ pageGraceMs: 3000 });
  cookie = await openSession(t.server);
  quick = await t.startAnother({ pageGraceMs: 200 });
  quickCookie = await openSession(quick);
});

afterAll(async () => {
  await t?.close();
});

async function run(server: RunningServer, sessionCookie: string, pageId: string, body: Record<string, unknown>, method = 'runQuery'): Promise<Record<string, string>> {
  const response = await callApi(server, sessionCookie, method, body, { 'X-Mirante-Page': pageId });
  const answer = JSON.parse(response.body) as { ok: boolean; result: Record<string, string> };
  expect(answer, response.body).toMatchObject({ ok: true });
  return answer.result;
}

describe('a closed page’s queries are cancelled', () => {
  it('cancels what a page started once its socket closes and does not come back, and nothing of other pages', async () => {
    const observer = await PageSocket.open(quick, quickCookie, randomUUID());
    const closing = randomUUID();
    const page = await PageSocket.open(quick, quickCookie, closing);
    const { queryId } = await run(quick, quickCookie, closing, { sql: LONG_QUERY });
    const stays = randomUUID();
    const other = await PageSocket.open(quick, quickCookie, stays);
    const { queryId: othersQuery } = await run(quick, quickCookie, stays, { sql: LONG_QUERY });

    await page.close();
    const error = await observer.next(queryId as string, 'error');
    expect(error.error?.code).toBe('cancelled');
    await observer.next(queryId as string, 'finished');

    // The page still open keeps its query: only a user's cancel stops it.
    expect(observer.events.some((e) => e.queryId === othersQuery && e.kind === 'error')).toBe(false);
    const cancel = JSON.parse((await callApi(quick, quickCookie, 'cancelQuery', { queryId: othersQuery })).body) as { result: { cancelled: boolean } };
    expect(cancel.result.cancelled).toBe(true);
    expect((await observer.next(othersQuery as string, 'error')).error?.code).toBe('cancelled');
    await other.close();
    await observer.close();
  });

  it('keeps the queries of a page whose socket comes back within the grace time', async () => {
    const observer = await PageSocket.open(t.server, cookie, randomUUID());
    const pageId = randomUUID();
    const first = await PageSocket.open(t.server, cookie, pageId);
    const queryId = randomUUID(); // chosen by the client, as the request allows
    await run(t.server, cookie, pageId, { sql: LONG_QUERY, queryId });
    await first.close();
    const again = await PageSocket.open(t.server, cookie, pageId);
    // Past the grace time (3 s) the query is still running: cancelling it now is what ends it.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(observer.events.some((e) => e.queryId === queryId && e.kind === 'error')).toBe(false);
    const cancel = JSON.parse((await callApi(t.server, cookie, 'cancelQuery', { queryId })).body) as { result: { cancelled: boolean } };
    expect(cancel.result.cancelled).toBe(true);
    expect((await observer.next(queryId, 'error')).error?.code).toBe('cancelled');
    await again.close();
    await observer.close();
  });

  it('cancels a closed page’s export', async () => {
    const observer = await PageSocket.open(quick, quickCookie, randomUUID());
    const pageId = randomUUID();
    const page = await PageSocket.open(quick, quickCookie, pageId);
    const { queryId } = await run(quick, quickCookie, pageId, { sql: 'select i, i * 2 as dobro, md5(i::varchar) as h from range(1000000) t(i)' });
    await observer.next(queryId as string, 'finished');
    const exportId = randomUUID();
    await run(quick, quickCookie, pageId, { queryId, statementIndex: 0, format: 'xlsx', fileName: 'grande', exportId }, 'exportResult');
    await page.close();
    const error = await observer.next(exportId, 'error');
    expect(error.error?.code).toBe('cancelled');
    const status = JSON.parse((await callApi(quick, quickCookie, 'exportStatus', { exportId })).body) as { result: { state: string } };
    expect(status.result.state).toBe('cancelled');
    await observer.close();
  });

  it('cancels a query whose page closes the moment the call returns, before the engine has started it', async () => {
    // The core answers runQuery before the engine registers the query: a first cancel may find
    // nothing to stop. The server tries again until the query's `finished` arrives.
    const instant = await t.startAnother({ pageGraceMs: 0 });
    const instantCookie = await openSession(instant);
    const observer = await PageSocket.open(instant, instantCookie, randomUUID());
    const pageId = randomUUID();
    const page = await PageSocket.open(instant, instantCookie, pageId);
    const closed = page.close();
    const { queryId } = await run(instant, instantCookie, pageId, { sql: LONG_QUERY });
    await closed;
    expect((await observer.next(queryId as string, 'error')).error?.code).toBe('cancelled');
    await observer.close();
  });

  it('cancels what a page started when it never opened its socket again before calling', async () => {
    // The page's socket dropped for good while a call of it was on its way: same grace, same end.
    const observer = await PageSocket.open(quick, quickCookie, randomUUID());
    const { queryId } = await run(quick, quickCookie, randomUUID(), { sql: LONG_QUERY });
    expect((await observer.next(queryId as string, 'error')).error?.code).toBe('cancelled');
    await observer.close();
  });
});
