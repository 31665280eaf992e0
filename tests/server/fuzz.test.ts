// A bounded fuzz of the real server over real sockets (fast-check): random raw HTTP requests
// (request lines, methods, paths with % escapes and unicode, headers, bodies, with and without
// a session) and random WebSocket frames after a real handshake (opcodes, mask bits, lengths
// that lie, fragments, close codes). After EVERY case the server must still answer a
// well-formed authenticated request, and must never have answered 5xx nor thrown out of a
// handler. A failure prints fast-check's seed and the shrunk case; replay with
// MIRANTE_FUZZ_SEED=<seed> (and MIRANTE_FUZZ_RUNS to run longer locally).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKBENCH_METHODS } from '../../main/core/api/index.ts';
import type { RunningServer } from '../../main/server/server.ts';
import { startTestServer, type TestServer } from './fixture.ts';
import { answersInfo, openSession } from './http-client.ts';
import { allStatuses, exchange } from './raw-socket.ts';
import { closePayload, decodeServerFrames, encodeFrame, openRawWebSocket, sendFrames, type FrameSpec } from './ws-frames.ts';

// Sized for ~10 s per property on a loaded 2-core machine.
const RUNS = Number(process.env.MIRANTE_FUZZ_RUNS ?? 200);
const SEED = process.env.MIRANTE_FUZZ_SEED === undefined ? undefined : Number(process.env.MIRANTE_FUZZ_SEED);

let t: TestServer;
let server: RunningServer;
let cookie: string;
// Anything thrown out of a socket or handler in this process (the test runner would otherwise
// only report it at the end): checked after each case so the case that caused it is the one shrunk.
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);

beforeAll(async () => {
  t = await startTestServer({ pageGraceMs: 200 });
  server = t.server;
  cookie = await openSession(server);
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
});

afterAll(async () => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  await t?.close();
});

// ---- HTTP ----------------------------------------------------------------------------------

/** Symbolic values, made concrete once the server runs: generation happens before it starts. */
type Sym = { kind: 'host' | 'loopback' | 'origin' | 'cookie' | 'token' | 'tokenCookie' } | { kind: 'text'; text: string };

const concrete = (value: Sym): string => {
  switch (value.kind) {
    case 'host':
      return server.host;
    case 'loopback':
      return `127.0.0.1:${server.port}`;
    case 'origin':
      return server.origin;
    case 'cookie':
      return cookie;
    case 'token':
      return server.token;
    case 'tokenCookie':
      return `mirante_sessao=${server.token}`;
    case 'text':
      return value.text;
  }
};

const sym = (kind: Exclude<Sym['kind'], 'text'>): fc.Arbitrary<Sym> => fc.constant({ kind });
const text = (arb: fc.Arbitrary<string>): fc.Arbitrary<Sym> => arb.map((value) => ({ kind: 'text' as const, text: value }));
const anyText = (maxLength: number) => fc.oneof(fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme', maxLength }));
/** Mostly what passes Node's HTTP parser (so the guard, routes and core see it), sometimes anything. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: odd, weight: 1 });
const token = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*+'.split('')), minLength: 1, maxLength: 12 });
const headerValue = fc.string({ unit: fc.oneof(fc.constantFrom(...' \t!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split('')), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), maxLength: 40 });

const escapes = fc.constantFrom('%', '%z', '%zz', '%00', '%ED%A0%80', '%C0%AF', '%E0%A4%A', '%2e%2e', '%2f', '%5c', '%25', '%FF', '..', '.', '\\', '%u0041');
const segment = fc.oneof(fc.webSegment(), escapes, fc.constantFrom('api', 'events', 'downloads', 'index.html', 'assets'), mostly(fc.webSegment(), anyText(6)));
const knownPaths = fc.constantFrom('/', '/api/info', '/api/runQuery', '/api/catalog', '/api/events', '/api/constructor', '/api/__proto__', '/downloads/abc', '/downloads/%2e%2e', '/index.html', '*', '//evil.example/', 'http://evil.example/', '');
const path = fc.oneof(knownPaths, fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`));
const query = fc.option(
  fc.array(
    fc.oneof(
      fc.tuple(fc.constant('token'), fc.oneof(sym('token'), text(mostly(token, anyText(40))))),
      fc.tuple(fc.constant('page'), text(mostly(fc.oneof(fc.uuid(), token), anyText(20)))),
      fc.tuple(token, text(mostly(fc.oneof(fc.webSegment(), escapes), anyText(10)))),
    ),
    { maxLength: 3 },
  ),
  { nil: undefined },
);

const method = mostly(
  fc.constantFrom('GET', 'GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  fc.oneof(fc.constantFrom('TRACE', 'CONNECT', 'PRI', 'get', 'M-SEARCH', 'SOURCE'), anyText(8)),
);
const version = mostly(fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0'), fc.constantFrom('HTTP/2.0', 'HTTP/0.9', 'http/1.1', '', 'HTTP/1.1 x', 'HTTP/1.12'));

const header = (name: string, value: fc.Arbitrary<Sym>) => fc.option(value.map((v) => [name, v] as const), { nil: undefined, freq: 3 });
const headers = fc.record({
  host: fc.oneof({ arbitrary: sym('host'), weight: 8 }, sym('loopback'), text(mostly(headerValue, anyText(30))), text(fc.constantFrom('[', '::1', 'localhost', 'evil.example:1', 'm-000000000000000000000000.localhost:1'))),
  hostTwice: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  hostMissing: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  cookie: header('Cookie', fc.oneof({ arbitrary: sym('cookie'), weight: 8 }, sym('tokenCookie'), text(mostly(headerValue, anyText(40))))),
  origin: header('Origin', fc.oneof({ arbitrary: sym('origin'), weight: 4 }, text(mostly(headerValue, anyText(30))), text(fc.constantFrom('null', 'http://evil.example')))),
  contentType: header('Content-Type', fc.oneof({ arbitrary: text(fc.constant('application/json')), weight: 8 }, text(mostly(headerValue, anyText(30))))),
  page: header('X-Mirante-Page', text(mostly(fc.uuid(), fc.oneof(headerValue, anyText(70))))),
  upgrade: fc.option(
    fc.constantFrom(
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13',
      'Upgrade: websocket\r\nConnection: Upgrade',
      'Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings',
      'Connection: close',
      'Connection: keep-alive',
      'Expect: 100-continue',
    ),
    { nil: undefined },
  ),
  extra: mostly(fc.array(fc.tuple(token, headerValue), { maxLength: 3 }), fc.array(fc.tuple(anyText(12), anyText(40)), { minLength: 1, maxLength: 3 })),
});

const body: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constant(''),
  fc.json({ maxDepth: 3 }),
  fc.record({ sql: fc.oneof(fc.string(), fc.constantFrom('select 1', 'select count(*) from pessoa', 'select * from range(5)')) }).map((v) => JSON.stringify(v)),
  anyText(100),
).map((value) => Buffer.from(value)).chain((utf8) => fc.oneof(fc.constant(utf8), fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes))));
const framing = mostly(fc.constantFrom('length', 'length', 'length', 'chunked', 'none'), fc.constantFrom('wrong-length', 'bad-chunked'));

const anyCase = fc.record({
  method,
  target: fc.oneof(
    fc.tuple(path, query).map(([p, q]) => ({ path: p, query: q })),
    fc.constantFrom(...WORKBENCH_METHODS).map((m) => ({ path: `/api/${m}`, query: undefined })),
  ),
  version,
  headers,
  body,
  framing,
  lineEnd: mostly(fc.constant('\r\n'), fc.constant('\n')),
  halfClose: fc.boolean(),
  split: fc.nat({ max: 4 }),
});

// Request objects made of the contract's field names with any JSON values (wrong types included).
const FIELDS = ['sql', 'queryId', 'exportId', 'path', 'text', 'cell', 'params', 'snapshot', 'statementIndex', 'format', 'fileName', 'limit', 'offset', 'search', 'cursor', 'purpose', 'kind', 'table', 'column', 'sort', 'timeoutMs', 'tabs', 'param', 'user', 'action', '__proto__', 'constructor'];
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('select 1', 'select * from pessoa limit 3', 'select count(*) from range(1000)', 'nope', '../../etc/passwd', 'csv', 'xlsx', 's_2026_10_31', 'pessoa', 'cpf'),
);
const requestObject = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 5 });

// Many cases are calls of a page with a session to a method of the contract, where only the
// body, the page id, the framing and extra headers vary: they get past the guard to the core.
const apiCall = anyCase.chain((c) =>
  fc.record({ name: fc.constantFrom(...WORKBENCH_METHODS), json: fc.boolean(), requestObject }).map(({ name, json, requestObject }) => ({
    ...c,
    method: 'POST',
    version: 'HTTP/1.1',
    lineEnd: '\r\n',
    target: { path: `/api/${name}`, query: undefined },
    headers: {
      ...c.headers,
      host: { kind: 'host' } as Sym,
      hostTwice: false,
      hostMissing: false,
      cookie: ['Cookie', { kind: 'cookie' }] as const,
      origin: c.headers.origin && (['Origin', { kind: 'origin' }] as const),
      contentType: ['Content-Type', { kind: 'text', text: 'application/json' }] as const,
      upgrade: undefined,
    },
    body: json ? Buffer.from(JSON.stringify(requestObject)) : c.body,
  })),
);

// And some are page requests with a session, where the path and query vary: they reach the
// static files and the downloads.
const pageRequest = anyCase.chain((c) =>
  fc.record({ verb: fc.constantFrom('GET', 'HEAD'), target: fc.tuple(path, query) }).map(({ verb, target }) => ({
    ...c,
    method: verb,
    version: 'HTTP/1.1',
    lineEnd: '\r\n',
    target: { path: target[0], query: target[1] },
    headers: { ...c.headers, host: { kind: 'host' } as Sym, hostTwice: false, hostMissing: false, cookie: ['Cookie', { kind: 'cookie' }] as const, origin: undefined, upgrade: undefined },
    framing: 'length',
  })),
);

const httpCase = fc.oneof({ arbitrary: anyCase, weight: 2 }, { arbitrary: apiCall, weight: 2 }, { arbitrary: pageRequest, weight: 2 });

type HttpCase = typeof httpCase extends fc.Arbitrary<infer T> ? T : never;

function encodeHttp(c: HttpCase): Buffer[] {
  const q = c.target.query?.map(([name, value]) => `${name}=${concrete(value)}`).join('&');
  const lines = [`${c.method} ${c.target.path}${q ? `?${q}` : ''}${c.version ? ` ${c.version}` : ''}`];
  if (!c.headers.hostMissing) lines.push(`Host: ${concrete(c.headers.host)}`);
  if (c.headers.hostTwice) lines.push('Host: evil.example');
  for (const entry of [c.headers.cookie, c.headers.origin, c.headers.contentType, c.headers.page]) if (entry) lines.push(`${entry[0]}: ${concrete(entry[1])}`);
  if (c.headers.upgrade) lines.push(...c.headers.upgrade.split('\r\n'));
  for (const [name, value] of c.headers.extra) lines.push(`${name}: ${value}`);
  const payload = c.body;
  let bodyBytes = payload;
  if (c.framing === 'length') lines.push(`Content-Length: ${payload.length}`);
  if (c.framing === 'wrong-length') lines.push(`Content-Length: ${payload.length + 7}`);
  if (c.framing === 'chunked' || c.framing === 'bad-chunked') {
    lines.push('Transfer-Encoding: chunked');
    const size = c.framing === 'chunked' ? payload.length.toString(16) : `${payload.length.toString(16)}zz`;
    bodyBytes = Buffer.concat([Buffer.from(`${size}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  }
  const whole = Buffer.concat([Buffer.from(lines.join(c.lineEnd) + c.lineEnd + c.lineEnd, 'utf8'), bodyBytes]);
  // The same bytes in pieces: a parser must not care where the packets were cut.
  const pieces: Buffer[] = [];
  const step = c.split === 0 ? whole.length : Math.max(1, Math.ceil(whole.length / (c.split + 1)));
  for (let at = 0; at < whole.length; at += step) pieces.push(whole.subarray(at, at + step));
  return pieces;
}

async function stillServing(): Promise<void> {
  expect(escaped, 'thrown out of a handler').toEqual([]);
  expect(await answersInfo(server, cookie), 'the server answers a session after the case').toBe(true);
}

describe('fuzz: the server survives whatever bytes arrive', () => {
  it('raw HTTP requests', async () => {
    await fc.assert(
      fc.asyncProperty(httpCase, async (c) => {
        const { data } = await exchange(server.port, encodeHttp(c), { halfClose: c.halfClose, quietMs: 40, maxMs: 1500 });
        for (const status of allStatuses(data)) expect(status, 'no 5xx').toBeLessThan(500);
        await stillServing();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  // ---- WebSocket ------------------------------------------------------------------------------

  const payload = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => Buffer.from(s)),
    fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.string({ maxLength: 20 })).map(([code, reason]) => closePayload(code, reason)),
    fc.constantFrom(Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.alloc(126), Buffer.alloc(70 * 1024)),
  );
  const frame: fc.Arbitrary<FrameSpec> = fc.record({
    fin: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.boolean()),
    rsv: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, fc.integer({ min: 0, max: 7 })),
    opcode: fc.oneof({ arbitrary: fc.constantFrom(0x0, 0x1, 0x2, 0x8, 0x9, 0xa), weight: 4 }, fc.integer({ min: 0, max: 15 })),
    masked: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.boolean()),
    payload,
    declaredLength: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 300n }), fc.constantFrom(2n ** 16n, 2n ** 53n, 2n ** 62n, 2n ** 63n, 2n ** 64n - 1n)), { nil: undefined, freq: 4 }),
    longForm: fc.boolean(),
  });
  const wsCase = fc.record({
    frames: fc.array(frame, { minLength: 1, maxLength: 6 }),
    trailing: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined, freq: 4 }),
    bytewise: fc.boolean(),
    page: fc.option(fc.uuid(), { nil: undefined }),
  });

  it('raw WebSocket frames after a real handshake', async () => {
    await fc.assert(
      fc.asyncProperty(wsCase, async (c) => {
        const socket = await openRawWebSocket(server, cookie, c.page ? `/api/events?page=${c.page}` : '/api/events');
        let bytes = Buffer.concat(c.frames.map((f) => encodeFrame(f)));
        if (c.trailing) bytes = Buffer.concat([bytes, Buffer.from(c.trailing)]);
        const pieces = c.bytewise ? Array.from({ length: Math.min(bytes.length, 64) }, (_, i) => bytes.subarray(i, i + 1)).concat(bytes.length > 64 ? [bytes.subarray(64)] : []) : [bytes];
        const { data } = await sendFrames(socket, pieces, { quietMs: 40, maxMs: 1500 });
        for (const sent of decodeServerFrames(data)) {
          if (sent.opcode !== 0x8 || sent.payload.length < 2) continue;
          const code = sent.payload.readUInt16BE(0);
          // Only codes the RFC lets an endpoint send: the protocol's own, or a client's valid one echoed.
          expect((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999), `close code ${code}`).toBe(true);
        }
        await stillServing();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
