// The session belongs to this run of the server, on this run's own host name, and ends.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/server/server.ts';
import { startTestServer, type TestServer } from './fixture.ts';
import { callApi, openSession, rawRequest } from './http-client.ts';

let t: TestServer;
let server: RunningServer;

beforeAll(async () => {
  t = await startTestServer();
  server = t.server;
});

afterAll(async () => {
  await t?.close();
});

const ENDED = 'A sessão do Mirante terminou';

function expectSessionEndedPage(response: { status: number; headers: Record<string, unknown>; body: string }, status: number, why: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.body).toContain('<html lang="pt-BR">');
  expect(response.body).toContain(ENDED);
  expect(response.body).toMatch(why);
  // How to get a new one.
  expect(response.body).toContain('npm start');
  expect(response.body).toContain('mirante serve');
  expect(response.body).toContain('abra o endereço');
}

describe('one host name per run', () => {
  it('gives each run its own host name and token, and a session of one run means nothing to another', async () => {
    const other = await t.startAnother();
    expect(other.hostName).not.toBe(server.hostName);
    expect(other.token).not.toBe(server.token);
    const cookie = await openSession(server);
    const elsewhere = await rawRequest(other.port, { headers: { Host: other.host, Cookie: cookie } });
    expectSessionEndedPage(elsewhere, 401, /expirou .* reiniciado/);
    const api = await callApi(other, cookie, 'info', {});
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
  });

  it('on loopback names, answers the launch link only, with a redirect to this run’s name (no cookie there)', async () => {
    for (const loopback of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      const launch = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: loopback } });
      expect(launch.status, loopback).toBe(303);
      expect(launch.headers.location).toBe(`${server.origin}/?token=${server.token}`);
      expect(launch.headers['set-cookie']).toBeUndefined();
    }
    const deep = await rawRequest(server.port, { path: `/x?y=1&token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } });
    expect(deep.headers.location).toBe(`${server.origin}/x?y=1&token=${server.token}`);
  });

  it('on loopback names, refuses everything else, even with a live session cookie', async () => {
    const cookie = await openSession(server);
    const loopback = { Host: `127.0.0.1:${server.port}`, Cookie: cookie };
    expectSessionEndedPage(await rawRequest(server.port, { headers: loopback }), 401, /ainda não tem uma sessão/);
    expectSessionEndedPage(await rawRequest(server.port, { path: '/?token=old', headers: loopback }), 401, /execução anterior/);
    const api = await rawRequest(server.port, { method: 'POST', path: '/api/info', headers: { ...loopback, 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(421);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
  });

  it('keeps the session when the printed link is opened again, and strips the token', async () => {
    const cookie = await openSession(server);
    const again = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: server.host, Cookie: cookie } });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`${server.origin}/`);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await callApi(server, cookie, 'info', {})).status).toBe(200);
  });

  it('shows the pt-BR page, not a bare 401, for an old link (a token of a previous run)', async () => {
    const previous = await t.startAnother();
    const response = await rawRequest(server.port, { path: `/?token=${previous.token}`, headers: { Host: server.host } });
    expectSessionEndedPage(response, 401, /execução anterior/);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('shows the pt-BR page for an address of a previous run on the same port (421), and JSON to its API calls', async () => {
    const oldName = `m-${'0'.repeat(24)}.localhost:${server.port}`;
    expectSessionEndedPage(await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: oldName } }), 421, /execução anterior/);
    const api = await rawRequest(server.port, { method: 'POST', path: '/api/info', headers: { Host: oldName, 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(421);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
  });

  it('shows the pt-BR page to a page request without a cookie', async () => {
    expectSessionEndedPage(await rawRequest(server.port, { path: '/qualquer/coisa', headers: { Host: server.host } }), 401, /ainda não tem uma sessão/);
  });
});

describe('sessions end', () => {
  it('after the idle timeout without use: the page says so, the API answers 401 JSON', async () => {
    let now = 1_000_000;
    const timed = await t.startAnother({ session: { idleMs: 60_000, maxAgeMs: 3_600_000 }, clock: () => now });
    const cookie = await openSession(timed);
    now += 59_999;
    expect((await callApi(timed, cookie, 'info', {})).status).toBe(200);
    now += 59_999; // the call above was a use: still alive
    expect((await rawRequest(timed.port, { headers: { Host: timed.host, Cookie: cookie } })).status).toBe(200);
    now += 60_000;
    expectSessionEndedPage(await rawRequest(timed.port, { headers: { Host: timed.host, Cookie: cookie } }), 401, /expirou/);
    const api = await callApi(timed, cookie, 'info', {});
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false });
  });

  it('at its maximum age even while in use, which is also the cookie’s Max-Age', async () => {
    let now = 5_000_000;
    const timed = await t.startAnother({ session: { idleMs: 60_000, maxAgeMs: 150_000 }, clock: () => now });
    const launch = await rawRequest(timed.port, { path: `/?token=${timed.token}`, headers: { Host: timed.host } });
    expect(String(launch.headers['set-cookie'])).toContain('Max-Age=150;');
    const cookie = String(launch.headers['set-cookie']).split(';')[0] as string;
    for (let used = 0; used < 3; used++) {
      now += 49_999;
      expect((await callApi(timed, cookie, 'info', {})).status).toBe(200);
    }
    now += 3;
    expect((await callApi(timed, cookie, 'info', {})).status).toBe(401);
    // Opening the printed link again starts a new one.
    const fresh = await openSession(timed);
    expect(fresh).not.toBe(cookie);
    expect((await callApi(timed, fresh, 'info', {})).status).toBe(200);
  });

  it('closes the event socket of an ended session with code 4401 (the web client then reloads into the page)', async () => {
    let now = 9_000_000;
    const short = await t.startAnother({ session: { idleMs: 60_000 }, clock: () => now });
    const cookie = await openSession(short);
    const socket = new WebSocket(`ws://127.0.0.1:${short.port}/api/events`, { headers: { Host: short.host, Origin: short.origin, Cookie: cookie } });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    now += 60_000;
    expect(await closed).toBe(4401);
    expect((await callApi(short, cookie, 'info', {})).status).toBe(401);
  });
});
