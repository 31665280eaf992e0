import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { rawRequest } from './http-client.ts';

let workbench: Workbench;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  const staticRoot = await mkdtemp(path.join(os.tmpdir(), 'mirante-static-'));
  await writeFile(path.join(staticRoot, 'index.html'), '<!doctype html><title>Mirante</title>');
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir') });
  server = await startServer(workbench, { port: 0, staticRoot });
  cookie = `mirante_sessao=${server.token}`;
});

afterAll(async () => {
  await server?.close();
  await workbench?.close();
});

const host = () => `127.0.0.1:${server.port}`;

describe('local web mode: the guard in front of every route', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('refuses a request without the token (401)', async () => {
    const page = await rawRequest(server.port, { headers: { Host: host() } });
    expect(page.status).toBe(401);
    const api = await rawRequest(server.port, { method: 'POST', path: '/api/info', headers: { Host: host() }, body: '{}' });
    expect(api.status).toBe(401);
    expect(api.body).not.toContain('snapshots');
  });

  it('refuses a wrong token of the right length (401)', async () => {
    const wrong = 'x'.repeat(server.token.length);
    const response = await rawRequest(server.port, { path: `/?token=${wrong}`, headers: { Host: host() } });
    expect(response.status).toBe(401);
  });

  it('swaps the launch token for an HttpOnly SameSite=Strict cookie and strips it from the address', async () => {
    const response = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: host() } });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toContain(`mirante_sessao=${server.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the page and the API with the cookie, with security headers and no CORS', async () => {
    const page = await rawRequest(server.port, { headers: { Host: host(), Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();

    const api = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/info',
      headers: { Host: host(), Cookie: cookie, Origin: `http://${host()}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(200);
    const answer = JSON.parse(api.body) as { ok: boolean; result: { snapshots: unknown[] } };
    expect(answer.ok).toBe(true);
    expect(answer.result.snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a foreign Origin even with a valid cookie (403)', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/info',
        headers: { Host: host(), Cookie: cookie, Origin: origin },
        body: '{}',
      });
      expect(response.status, origin).toBe(403);
    }
  });

  it('refuses a foreign Host: DNS rebinding (421)', async () => {
    for (const badHost of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`]) {
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

function openSocket(headers: Record<string, string>): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_request, response) => resolve({ opened: false, status: response.statusCode }));
    socket.on('error', () => resolve({ opened: false }));
  });
}

describe('local web mode: the event WebSocket', () => {
  it('refuses an upgrade from a foreign origin, a foreign host, or without the cookie', async () => {
    const foreign = await openSocket({ Cookie: cookie, Origin: 'http://evil.example' });
    expect(foreign).toMatchObject({ opened: false, status: 403 });
    const rebinding = await openSocket({ Cookie: cookie, Host: `evil.example:${server.port}` });
    expect(rebinding).toMatchObject({ opened: false, status: 421 });
    const anonymous = await openSocket({ Origin: `http://${host()}` });
    expect(anonymous).toMatchObject({ opened: false, status: 401 });
  });

  it('streams a query’s events, with Arrow batches as binary frames, to an allowed client', async () => {
    const { opened, socket } = await openSocket({ Cookie: cookie, Origin: `http://${host()}` });
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
