import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WorkbenchCore } from '../core/api/index.ts';
import { DOWNLOADS_PREFIX, hasDownloads, serveDownload } from './downloads.ts';
import { EventSockets } from './event-sockets.ts';
import { encodeEvent, isWorkbenchMethod } from '../core/api/wire.ts';
import { guardRequest, type GuardConfig, type Surface } from './guard.ts';
import { instanceOrigin, randomInstanceHostName, type InstanceAddress } from './instance-address.ts';
import { PAGE_HEADER, PAGE_PARAM, PageQueries, readPageId } from './page-queries.ts';
import { refuseApi, refusePage, refuseUpgrade, type Refusal } from './refusals.ts';
import { parseRequestTarget } from './request-target.ts';
import { handleRpc, sendJson } from './rpc.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { DEFAULT_SESSION_TIMES, SessionStore, type SessionTimes } from './sessions.ts';
import { serveStatic } from './static-files.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** The built renderer. */
  staticRoot: string;
  token?: string;
  /** Session lifetimes (default: 12 h idle, 7 days at most); tests use short ones. */
  session?: Partial<SessionTimes>;
  /** The clock sessions are timed by (default Date.now): tests move it by hand instead of sleeping. */
  clock?: () => number;
  /** How long a page's closed event socket may take to come back before its queries are cancelled (default 10 s). */
  pageGraceMs?: number;
}

export interface RunningServer {
  /** What to open: this run's own host name with the launch token, e.g. `http://m-<random>.localhost:4817/?token=…`. */
  url: string;
  port: number;
  token: string;
  /** This run's host name, `m-<random>.localhost`. */
  hostName: string;
  /** `hostName:port`, the Host header every allowed request carries. */
  host: string;
  /** `http://hostName:port`, the only Origin allowed. */
  origin: string;
  close(): Promise<void>;
}

const EVENTS_PATH = '/api/events';
const DEFAULT_PAGE_GRACE_MS = 10_000;

/**
 * The local web mode: HTTP + WebSocket on 127.0.0.1 only, a thin adapter over the contract.
 * Every request and upgrade passes the guard; nothing a client sends may end the process.
 */
export async function startServer(core: WorkbenchCore, options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const address: InstanceAddress = { hostName: randomInstanceHostName(), port: 0 };
  const sessions = new SessionStore({ ...DEFAULT_SESSION_TIMES, ...options.session }, options.clock);
  const guard: GuardConfig = { address, token, sessions };
  const pages = new PageQueries(core, options.pageGraceMs ?? DEFAULT_PAGE_GRACE_MS);
  const events = new EventSockets(pages);
  const stopEvents = core.onQueryEvent((event) => {
    pages.onEvent(event);
    events.broadcast(encodeEvent(event));
  });

  const server = http.createServer((request, response) => {
    handleRequest(core, options.staticRoot, guard, pages, request, response).catch((error: unknown) => failed(response, error));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from an upgraded socket: a reset now would be uncaught.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(guard, events, request, socket, head);
    } catch (error) {
      console.error('mirante serve: upgrade', error);
      socket.destroy();
    }
  });
  // CONNECT (a proxy request) would otherwise get no answer at all.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuseUpgrade(socket, { status: 405, reason: 'Método não permitido' });
  });
  // A request Node's parser refuses (bad request line or header, headers too large, bad chunk)
  // never reaches the handlers: Node's own 'clientError' default answers 400/431/413 and
  // closes that connection only, so no listener is added for it.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error('mirante serve:', error));
  address.port = (server.address() as AddressInfo).port;

  // Ended sessions lose their event sockets too (the page then reloads into the "sessão encerrada" page).
  // Once a second (a map walk): an ended session's socket closes within a second of its end.
  const sweepMs = Math.min(1000, Math.max(50, Math.floor(Math.min(sessions.times.idleMs, sessions.times.maxAgeMs) / 4)));
  const sweeper = setInterval(() => {
    sessions.sweep();
    events.closeEndedSessions((key) => sessions.isLive(key));
  }, sweepMs);
  sweeper.unref();

  const origin = instanceOrigin(address);
  return {
    url: `${origin}/?token=${token}`,
    port: address.port,
    token,
    hostName: address.hostName,
    host: `${address.hostName}:${address.port}`,
    origin,
    close: async () => {
      clearInterval(sweeper);
      stopEvents();
      pages.close();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function surfaceOf(pathname: string): Surface {
  return pathname.startsWith('/api/') ? 'api' : 'page';
}

function refuse(surface: Surface, request: IncomingMessage, response: ServerResponse, refusal: Refusal): void {
  // An unread body would otherwise be read and thrown away to keep the connection: close it instead.
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  const answer = { ...refusal, close: refusal.close === true || hasBody };
  if (surface === 'api') refuseApi(response, answer);
  else refusePage(response, answer);
}

async function handleRequest(
  core: WorkbenchCore,
  staticRoot: string,
  guard: GuardConfig,
  pages: PageQueries,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  setSecurityHeaders(response);
  const target = parseRequestTarget(request.url);
  if (!target) return refuse('page', request, response, { status: 400, reason: 'Endereço malformado' });
  const surface = surfaceOf(target.pathname);
  const verdict = guardRequest(request, target, surface, guard);
  if (verdict.kind === 'deny') return refuse(surface, request, response, verdict);
  if (verdict.kind === 'redirect') {
    response.writeHead(303, { Location: verdict.location, 'Cache-Control': 'no-store', ...(verdict.setCookie ? { 'Set-Cookie': verdict.setCookie } : {}) });
    response.end();
    return;
  }

  if (surface === 'api') {
    const method = target.pathname.slice('/api/'.length);
    if (request.method !== 'POST' || !isWorkbenchMethod(method)) {
      return refuse('api', request, response, { status: 404, reason: `Método desconhecido: ${method.slice(0, 100)}` });
    }
    const pageId = readPageId(request.headers[PAGE_HEADER]);
    if (pageId === null) return refuse('api', request, response, { status: 400, reason: 'Identificador de página malformado' });
    const observer = pageId === undefined ? undefined : pages.observer(`${verdict.sessionKey}:${pageId}`);
    await handleRpc(core, method, request, response, observer);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refuse('page', request, response, { status: 405, reason: 'Método não permitido' });
  }
  if (target.pathname.startsWith(DOWNLOADS_PREFIX) && request.method === 'GET' && hasDownloads(core)) {
    await serveDownload(core, target.pathname.slice(DOWNLOADS_PREFIX.length), response);
    return;
  }
  await serveStatic(staticRoot, target.pathname, response);
}

function handleUpgrade(guard: GuardConfig, events: EventSockets, request: IncomingMessage, socket: Duplex, head: Buffer): void {
  const target = parseRequestTarget(request.url);
  if (!target) return refuseUpgrade(socket, { status: 400, reason: 'Endereço malformado' });
  const verdict = guardRequest(request, target, 'events', guard);
  if (verdict.kind === 'deny') return refuseUpgrade(socket, verdict);
  if (verdict.kind !== 'allow') return refuseUpgrade(socket, { status: 400, reason: 'Requisição inválida' });
  if (target.pathname !== EVENTS_PATH) return refuseUpgrade(socket, { status: 404, reason: 'Não encontrado' });
  const pageId = readPageId(target.searchParams.get(PAGE_PARAM));
  if (pageId === null) return refuseUpgrade(socket, { status: 400, reason: 'Identificador de página malformado' });
  events.accept(request, socket, head, { sessionKey: verdict.sessionKey, pageKey: pageId ? `${verdict.sessionKey}:${pageId}` : null });
}

/** A bug on our side: answer 500 if nothing was sent yet, and keep serving. */
function failed(response: ServerResponse, error: unknown): void {
  console.error('mirante serve:', error);
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'Erro interno do servidor' } });
}
