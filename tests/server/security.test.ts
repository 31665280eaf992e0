import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/server/server.ts';
import { startTestServer, type TestServer } from './fixture.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { callApi, openSession, rawRequest } from './http-client.ts';

let t: TestServer;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  t = await startTestServer();
  server = t.server;
  cookie = await openSession(server);
});

afterAll(async () => {
  await t?.close();
});

const host = () => server.host;

describe('local web mode: the guard in front of every route', () => {
  it('prints this run’s own *.localhost URL carrying the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://m-[0-9a-f]{24}\\.localhost:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    expect(server.url.startsWith(`${server.origin}/`)).toBe(true);
  });

  it('refuses a request without the session (401): a page for pages, JSON for the API', async () => {
    const page = await rawRequest(server.port, { headers: { Host: host() } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('A sessão do Mirante terminou');
    expect(page.body).not.toContain('<title>Mirante</title>');
    const api = await rawRequest(server.port, { method: 'POST', path: '/api/info', headers: { Host: host(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
    expect(api.body).not.toContain('snapshots');
  });

  it('refuses a wrong token of the right length (401)', async () => {
    const wrong = 'x'.repeat(server.token.length);
    const response = await rawRequest(server.port, { path: `/?token=${wrong}`, headers: { Host: host() } });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('swaps the launch token for a session id in a host-only HttpOnly SameSite=Strict cookie with a Max-Age, and strips it from the address', async () => {
    const response = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: host() } });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`${server.origin}/`);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^mirante_sessao=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).not.toContain(server.token);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toMatch(/; Max-Age=\d+/);
    expect(setCookie.toLowerCase()).not.toContain('domain=');
    // The launch token itself is not a session.
    const tokenAsCookie = await rawRequest(server.port, { headers: { Host: host(), Cookie: `mirante_sessao=${server.token}` } });
    expect(tokenAsCookie.status).toBe(401);
  });

  it('serves the page and the API with the cookie, with security headers and no CORS', async () => {
    const page = await rawRequest(server.port, { headers: { Host: host(), Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Mirante</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();

    const api = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/info',
      headers: { Host: host(), Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(200);
    const answer = JSON.parse(api.body) as { ok: boolean; result: { snapshots: unknown[] } };
    expect(answer.ok).toBe(true);
    expect(answer.result.snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a foreign Origin even with a valid cookie (403), loopback ones included', async () => {
    const otherInstance = 'http://m-000000000000000000000000.localhost';
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${server.port}`,
      'null',
      `https://${host()}`,
      `http://127.0.0.1:${server.port}`,
      `http://localhost:${server.port}`,
      `${otherInstance}:${server.port}`,
      `${server.origin.replace(String(server.port), String(server.port + 1))}`,
    ]) {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/info',
        headers: { Host: host(), Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status, origin).toBe(403);
    }
  });

  it('refuses a foreign Host: DNS rebinding (421)', async () => {
    for (const badHost of [
      `evil.example:${server.port}`,
      'evil.example',
      `${server.hostName}:${server.port + 1}`,
      server.hostName,
      `${server.hostName}.evil.example:${server.port}`,
      `127.0.0.1.evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const response = await rawRequest(server.port, { headers: { Host: badHost, Cookie: cookie } });
      expect(response.status, badHost).toBe(421);
    }
  });

  it('answers an unknown API method as data, not a crash', async () => {
    const response = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/constructor',
      headers: { Host: host(), Cookie: cookie },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an export to a path on disk: in the web mode exports are downloaded, never written where a page names', async () => {
    const { queryId } = await runAndCollect(t.workbench, { sql: 'select 1 as n' });
    const folder = await mkdtemp(path.join(os.tmpdir(), 'mirante-destino-'));
    const destination = path.join(folder, 'saida.csv');
    for (const [method, body] of [
      ['exportResult', { queryId, statementIndex: 0, format: 'csv', fileName: 'saida', destination }],
      ['exportDocument', { text: '# x', format: 'xlsx', fileName: 'saida', destination }],
    ] as const) {
      const response = await callApi(server, cookie, method, body);
      expect(response.status, method).toBe(403);
      expect(JSON.parse(response.body), method).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
    const allowed = await callApi(server, cookie, 'exportResult', { queryId, statementIndex: 0, format: 'csv', fileName: 'saida' });
    expect(JSON.parse(allowed.body)).toMatchObject({ ok: true });
    await t.workbench.exportSettled((JSON.parse(allowed.body) as { result: { exportId: string } }).result.exportId);
    expect(await readdir(folder)).toEqual([]);
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses a path that climbs out of the renderer folder', async () => {
    for (const attempt of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cetc%5cpasswd']) {
      const response = await rawRequest(server.port, { path: attempt, headers: { Host: host(), Cookie: cookie } });
      expect(response.body, attempt).not.toContain('root:');
      // Either refused, or the path was normalised inside the folder and the app page answered.
      if (response.status === 200) expect(response.body).toContain('<title>Mirante</title>');
      else expect([403, 404]).toContain(response.status);
    }
  });
});

function openSocket(headers: Record<string, string>, path = '/api/events'): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: { Host: host(), ...headers } });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_request, response) => resolve({ opened: false, status: response.statusCode }));
    socket.on('error', () => resolve({ opened: false }));
  });
}

describe('local web mode: the event WebSocket', () => {
  it('refuses an upgrade from a foreign origin, a foreign host, loopback, or without a session', async () => {
    const foreign = await openSocket({ Cookie: cookie, Origin: 'http://evil.example' });
    expect(foreign).toMatchObject({ opened: false, status: 403 });
    const rebinding = await openSocket({ Cookie: cookie, Host: `evil.example:${server.port}` });
    expect(rebinding).toMatchObject({ opened: false, status: 421 });
    const loopback = await openSocket({ Cookie: cookie, Host: `127.0.0.1:${server.port}` });
    expect(loopback).toMatchObject({ opened: false, status: 421 });
    const anonymous = await openSocket({ Origin: server.origin });
    expect(anonymous).toMatchObject({ opened: false, status: 401 });
    const withToken = await openSocket({ Origin: server.origin }, `/api/events?token=${server.token}`);
    expect(withToken).toMatchObject({ opened: false, status: 401 });
  });

  it('streams a query’s events, with Arrow batches as binary frames, to an allowed client', async () => {
    const { opened, socket } = await openSocket({ Cookie: cookie, Origin: server.origin });
    expect(opened).toBe(true);
    const kinds: string[] = [];
    let binaryBytes = 0;
    const finished = new Promise<void>((resolve) => {
      socket?.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) {
          binaryBytes += data.length;
          kinds.push('batch');
          return;
        }
        const event = JSON.parse(data.toString()) as { kind: string };
        kinds.push(event.kind);
        if (event.kind === 'finished') resolve();
      });
    });
    const started = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/runQuery',
      headers: { Host: host(), Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sql: 'select count(*) as n from pessoa' }),
    });
    expect(JSON.parse(started.body)).toMatchObject({ ok: true });
    await finished;
    socket?.close();
    expect(kinds).toEqual(['columns', 'batch', 'done', 'finished']);
    expect(binaryBytes).toBeGreaterThan(0);
  });
});
