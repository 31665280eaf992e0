// Malformed input against the real server over real sockets: each case gets an error answer
// (an HTTP status or a WebSocket close code) and the server goes on answering a session.
// Before these fixes `GET /%` and any malformed WebSocket frame ended the process.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../main/server/rpc.ts';
import { startTestServer, type TestServer } from './fixture.ts';
import { answersInfo, callApi, openSession, rawRequest, sessionHeaders } from './http-client.ts';
import { allStatuses, exchange, firstBody, firstStatus } from './raw-socket.ts';
import { closePayload, encodeFrame, openRawWebSocket, sendFrames, serverCloseCode, upgradeRequest } from './ws-frames.ts';

let t: TestServer;
let cookie: string;

beforeAll(async () => {
  t = await startTestServer();
  cookie = await openSession(t.server);
});

afterAll(async () => {
  await t?.close();
});

// Every case ends with this: the process is alive and still serves a session.
afterEach(async () => {
  expect(await answersInfo(t.server, cookie)).toBe(true);
});

const port = () => t.server.port;
const authed = () => `Host: ${t.server.host}\r\nCookie: ${cookie}\r\n`;

describe('malformed URLs', () => {
  it.each(['/%', '/%zz', '/%E0%A4%A', '/%ED%A0%80', '/assets/%C0%AF', '/%00', '/a%00.js'])('GET %s is answered 400', async (path) => {
    const { data } = await exchange(port(), `GET ${path} HTTP/1.1\r\n${authed()}\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 401, not a crash, to a malformed URL without a session', async () => {
    const { data } = await exchange(port(), `GET /% HTTP/1.1\r\nHost: ${t.server.host}\r\n\r\n`);
    expect(firstStatus(data)).toBe(401);
  });

  it.each(['http://evil.example/', 'http://127.0.0.1/api/info', '//evil.example/?token=x', '/\\evil.example/', '*'])('refuses the request target %s (400)', async (target) => {
    const { data } = await exchange(port(), `GET ${target} HTTP/1.1\r\n${authed()}\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('never redirects out of the server, whatever the path', async () => {
    for (const path of [`//evil.example/?token=${t.server.token}`, `/\\evil.example/?token=${t.server.token}`, `/./evil.example/?token=${t.server.token}`]) {
      const { data } = await exchange(port(), `GET ${path} HTTP/1.1\r\nHost: ${t.server.host}\r\n\r\n`);
      const location = /\r\nLocation: ([^\r]*)/i.exec(data.toString('latin1'))?.[1];
      if (location !== undefined) expect(location.startsWith(`${t.server.origin}/`), path).toBe(true);
    }
  });
});

describe('malformed headers', () => {
  it('answers 431 to headers too large', async () => {
    const { data } = await exchange(port(), `GET / HTTP/1.1\r\n${authed()}X-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(firstStatus(data)).toBe(431);
  });

  it.each(['[', 'a b', '', 'm-x.localhost:99999999', '@@@', '[::1', 'ä.localhost:1'])('answers 400 to Host: %j', async (host) => {
    const { data } = await exchange(port(), `GET / HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\n\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 400 to two Host headers, even when one is right', async () => {
    const { data } = await exchange(port(), `GET / HTTP/1.1\r\n${authed()}Host: evil.example\r\n\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 400 to a request without Host (HTTP/1.0), and serves HTTP/1.0 with one', async () => {
    const without = await exchange(port(), `GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`);
    expect(firstStatus(without.data)).toBe(400);
    const withHost = await exchange(port(), `GET / HTTP/1.0\r\n${authed()}\r\n`);
    expect(firstStatus(withHost.data)).toBe(200);
    expect(firstBody(withHost.data)).toContain('<title>Mirante</title>');
  });

  it.each(['::::', 'http://[', 'null', '<origin>/path', '<origin>.', 'HTTP://EVIL', '\u00e9', ''])('answers 403 to Origin: %j', async (origin) => {
    const value = origin.replace('<origin>', t.server.origin);
    const { data } = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Origin: ${value}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
    expect(firstStatus(data)).toBe(403);
  });

  it('answers 403 to two Origin headers, even when one is right', async () => {
    const { data } = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Origin: ${t.server.origin}\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
    expect(firstStatus(data)).toBe(403);
  });

  it.each([';;;=;', 'mirante_sessao', 'mirante_sessao=', 'mirante_sessao="', 'mirante_sessao=<5000 x>', 'mirante_sessao=\u00e7\u00e3o', '=mirante_sessao'])(
    'answers 401 to the cookie %j',
    async (shown) => {
      const badCookie = shown.replace('<5000 x>', 'x'.repeat(5000));
      const { data } = await exchange(port(), `POST /api/info HTTP/1.1\r\nHost: ${t.server.host}\r\nCookie: ${badCookie}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
      expect(firstStatus(data)).toBe(401);
      expect(JSON.parse(firstBody(data))).toMatchObject({ ok: false });
    },
  );

  it('answers 400 to a malformed page id, and accepts a well-formed one', async () => {
    const bad = await callApi(t.server, cookie, 'info', {}, { 'X-Mirante-Page': 'não/é um id' });
    expect(bad.status).toBe(400);
    const good = await callApi(t.server, cookie, 'info', {}, { 'X-Mirante-Page': 'a1b2c3d4e5f6a7b8c9d0' });
    expect(good.status).toBe(200);
  });

  it('answers 400 to header bytes the HTTP grammar forbids', async () => {
    for (const header of ['X-A: a\u0000b', 'X A: b', 'X-A: a\r\n b', ': empty-name']) {
      const { data } = await exchange(port(), `GET / HTTP/1.1\r\n${authed()}${header}\r\n\r\n`);
      expect(firstStatus(data), JSON.stringify(header)).toBe(400);
    }
  });
});

describe('malformed bodies', () => {
  const post = (body: string, contentType = 'application/json') =>
    rawRequest(port(), { method: 'POST', path: '/api/catalog', headers: { ...sessionHeaders(t.server, cookie), 'Content-Type': contentType }, body });

  it.each(['{', '{"a":', 'nul', '\u0000', '{"a":1}}', '\ufeff{}'])('answers 400 to the invalid JSON %j', async (body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'parameter' } });
  });

  it.each(['null', '[]', '"x"', '5', 'true', '[{}]'])('answers 400 to the JSON %s, which is not an object', async (body) => {
    for (const method of ['catalog', 'runQuery', 'listHistory', 'complete', 'runCell', 'discardDraft', 'cancelExport']) {
      const response = await rawRequest(port(), { method: 'POST', path: `/api/${method}`, headers: { ...sessionHeaders(t.server, cookie), 'Content-Type': 'application/json' }, body });
      expect(response.status, method).toBe(400);
      expect(JSON.parse(response.body), method).toMatchObject({ ok: false, error: { code: 'parameter' } });
    }
  });

  it('answers fields of the wrong type as a parameter error naming the field, never a crash', async () => {
    for (const [method, body, field] of [
      ['complete', { sql: 5, cursor: 0 }, '«sql» deve ser texto'],
      ['listHistory', { search: {} }, '«search» deve ser texto'],
      ['runCell', { path: 5, text: '', cell: 'x' }, '«path» deve ser texto'],
      ['runQuery', { sql: ['select 1'] }, '«sql» deve ser texto'],
      ['fetchRows', { queryId: { toString: 1 }, statementIndex: 0, offset: 0, limit: 10 }, '«queryId» deve ser texto'],
      ['listAudit', { limit: 'x' }, '«limit» deve ser número'],
    ] as const) {
      const response = await callApi(t.server, cookie, method, body);
      expect(response.status, method).toBe(200);
      const answer = JSON.parse(response.body) as { ok: boolean; error: { code: string; message: string } };
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'parameter' } });
      expect(answer.error.message, method).toContain(field);
    }
  });

  it('answers 415 to a body that is not application/json (what a cross-site form can send)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      expect((await post('{}', type)).status, type).toBe(415);
    }
    const none = await rawRequest(port(), { method: 'POST', path: '/api/info', headers: sessionHeaders(t.server, cookie), body: '{}' });
    expect(none.status).toBe(415);
  });

  it('answers 413 to a body over the limit, declared or streamed, and closes that connection', async () => {
    const declared = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{`);
    expect(firstStatus(declared.data)).toBe(413);
    expect(declared.closed).toBe(true);
    const chunk = 'a'.repeat(256 * 1024);
    const pieces = [`POST /api/info HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`];
    for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) pieces.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const streamed = await exchange(port(), pieces, { maxMs: 10_000 });
    expect(firstStatus(streamed.data)).toBe(413);
    expect(streamed.closed).toBe(true);
  });

  it('answers 400 to a malformed chunked body', async () => {
    const { data } = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 400 to both Content-Length and Transfer-Encoding (request smuggling)', async () => {
    const { data } = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('survives a client that goes away mid-body, on the API and on a long call', async () => {
    const cut = await exchange(port(), `POST /api/info HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`, { halfClose: true });
    expect(cut.closed).toBe(true);
    // The whole request arrives, then the client leaves while the core is still answering.
    const body = JSON.stringify({ sql: 'select count(*) from pessoa' });
    await exchange(port(), `POST /api/runQuery HTTP/1.1\r\n${authed()}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, { halfClose: true });
  });

  it('answers a deeply nested body as data, not a stack overflow', async () => {
    const deep = `{"sql":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const response = await rawRequest(port(), { method: 'POST', path: '/api/runQuery', headers: { ...sessionHeaders(t.server, cookie), 'Content-Type': 'application/json' }, body: deep });
    expect([200, 400]).toContain(response.status);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false });
  });
});

describe('malformed request streams', () => {
  it('answers pipelined requests, then 400 to the garbage after them, and closes', async () => {
    const good = `GET / HTTP/1.1\r\n${authed()}\r\n`;
    // Node's parser meets the garbage before the first answers are written, and then answers
    // only 400 and closes; without the garbage, both are answered.
    const together = await exchange(port(), `${good}${good}\u0001\u0002 garbage \r\n\r\n`);
    expect(allStatuses(together.data).at(-1)).toBe(400);
    expect(together.closed).toBe(true);
    const apart = await exchange(port(), `${good}${good}`);
    expect(allStatuses(apart.data)).toEqual([200, 200]);
  });

  it.each(['FOO / HTTP/1.1', 'GET / HTTP/9.9', '\u0000\u0001\u0002', 'G\u00c9T / HTTP/1.1', 'GET / HTTP/1.1 extra'])('answers 400 to the request line %j', async (line) => {
    const { data } = await exchange(port(), `${line}\r\n${authed()}\r\n`);
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 405 to CONNECT (a proxy request)', async () => {
    const { data } = await exchange(port(), `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`);
    expect(firstStatus(data)).toBe(405);
  });

  it('answers 405 to other methods on pages and 404 to GET on the API', async () => {
    expect((await rawRequest(port(), { method: 'PUT', path: '/', headers: sessionHeaders(t.server, cookie), body: 'x' })).status).toBe(405);
    expect((await rawRequest(port(), { method: 'GET', path: '/api/info', headers: sessionHeaders(t.server, cookie) })).status).toBe(404);
  });

  it('survives a connection that sends half a request and stalls, then leaves', async () => {
    const { data } = await exchange(port(), `GET / HTTP/1.1\r\nHost: ${t.server.host}\r\nX-Half: `, { halfClose: true });
    expect([null, 400]).toContain(firstStatus(data));
  });
});

describe('malformed WebSocket upgrades and frames', () => {
  it.each([
    ['no Sec-WebSocket-Key', (r: string) => r.replace(/Sec-WebSocket-Key: [^\r]*\r\n/, '')],
    ['a bad Sec-WebSocket-Key', (r: string) => r.replace(/Sec-WebSocket-Key: [^\r]*/, 'Sec-WebSocket-Key: short')],
    ['version 99', (r: string) => r.replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 99')],
    ['Upgrade: h2c', (r: string) => r.replace('Upgrade: websocket', 'Upgrade: h2c')],
  ])('answers 400 to an upgrade with %s', async (_name, mangle) => {
    const { data } = await exchange(port(), mangle(upgradeRequest(t.server, cookie)));
    expect(firstStatus(data)).toBe(400);
  });

  it('answers 405 to an upgrade by POST', async () => {
    const { data } = await exchange(port(), upgradeRequest(t.server, cookie).replace(/^GET/, 'POST'));
    expect(firstStatus(data)).toBe(405);
  });

  it('answers 404 to an upgrade elsewhere than /api/events, 400 to a malformed page id or target', async () => {
    expect(firstStatus((await exchange(port(), upgradeRequest(t.server, cookie, '/'))).data)).toBe(404);
    expect(firstStatus((await exchange(port(), upgradeRequest(t.server, cookie, '/%'))).data)).toBe(404);
    expect(firstStatus((await exchange(port(), upgradeRequest(t.server, cookie, '/api/events?page=%25%25'))).data)).toBe(400);
    expect(firstStatus((await exchange(port(), upgradeRequest(t.server, cookie, '//evil.example/api/events'))).data)).toBe(400);
  });

  // The server ends the connection itself on a protocol error; after its own policy close (1008)
  // it waits, as the RFC says, for the client's close frame.
  const cases: [string, () => Buffer[], number][] = [
    ['a reserved opcode (0x3)', () => [encodeFrame({ opcode: 0x3, payload: Buffer.from('x') })], 1002],
    ['a reserved control opcode (0xB)', () => [encodeFrame({ opcode: 0xb })], 1002],
    ['an unmasked client frame', () => [encodeFrame({ opcode: 0x1, masked: false, payload: Buffer.from('hi') })], 1002],
    ['a 2^62-byte length', () => [encodeFrame({ opcode: 0x2, declaredLength: 2n ** 62n })], 1009],
    ['a 2^63-byte length (the top bit, forbidden)', () => [encodeFrame({ opcode: 0x2, declaredLength: 2n ** 63n })], 1009],
    ['a frame over maxPayload', () => [encodeFrame({ opcode: 0x2, payload: Buffer.alloc(70 * 1024) })], 1009],
    ['the RSV1 bit without an extension', () => [encodeFrame({ opcode: 0x1, rsv: 4, payload: Buffer.from('x') })], 1002],
    ['a fragmented ping', () => [encodeFrame({ opcode: 0x9, fin: false })], 1002],
    ['a ping longer than 125 bytes', () => [encodeFrame({ opcode: 0x9, payload: Buffer.alloc(126) })], 1002],
    ['a continuation with nothing to continue', () => [encodeFrame({ opcode: 0x0, payload: Buffer.from('x') })], 1002],
    ['a new message inside a fragmented one', () => [encodeFrame({ opcode: 0x1, fin: false, payload: Buffer.from('a') }), encodeFrame({ opcode: 0x1, payload: Buffer.from('b') })], 1002],
    ['invalid UTF-8 in a text frame', () => [encodeFrame({ opcode: 0x1, payload: Buffer.from([0xc3, 0x28]) })], 1007],
    ['a close code of 999', () => [encodeFrame({ opcode: 0x8, payload: closePayload(999) })], 1002],
    ['a close code of 1005 (never sent on the wire)', () => [encodeFrame({ opcode: 0x8, payload: closePayload(1005) })], 1002],
    ['a one-byte close payload', () => [encodeFrame({ opcode: 0x8, payload: Buffer.from([3]) })], 1002],
    ['a text message (the client has nothing to say)', () => [encodeFrame({ opcode: 0x1, payload: Buffer.from('olá') })], 1008],
  ];

  it.each(cases)('closes the socket on %s, with code %#', async (_name, frames, code) => {
    const socket = await openRawWebSocket(t.server, cookie);
    const { data, closed } = await sendFrames(socket, frames(), { quietMs: 2000 });
    expect(serverCloseCode(data)).toBe(code);
    if (code !== 1008) expect(closed).toBe(true);
  });

  it('answers a ping with a pong and a proper close with its echo', async () => {
    const socket = await openRawWebSocket(t.server, cookie);
    const { data } = await sendFrames(socket, [encodeFrame({ opcode: 0x9, payload: Buffer.from('p') }), encodeFrame({ opcode: 0x8, payload: closePayload(1000) })], { quietMs: 2000 });
    expect(data[0]).toBe(0x8a); // FIN + pong
    expect(serverCloseCode(data)).toBe(1000);
  });

  it('survives a client that vanishes in the middle of the handshake', async () => {
    await exchange(port(), upgradeRequest(t.server, cookie).slice(0, 60), { halfClose: true });
    await exchange(port(), upgradeRequest(t.server, cookie), { maxMs: 1 });
  });
});
