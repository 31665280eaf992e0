import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WorkbenchCore } from '../core/api.ts';
import { encodeEvent } from './events.ts';
import { guardRequest, sessionCookie, type GuardConfig } from './guard.ts';
import { handleRpc, isWorkbenchMethod, sendJson } from './rpc.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { serveStatic } from './static-files.ts';
import { DOWNLOADS_PREFIX, hasDownloads, serveDownload } from './downloads.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** The built renderer. */
  staticRoot: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const EVENTS_PATH = '/api/events';

/** The local web mode: HTTP + WebSocket on 127.0.0.1 only, a thin adapter over the contract. */
export async function startServer(core: WorkbenchCore, options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const guard: GuardConfig = { port: 0, token };
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const stopEvents = core.onQueryEvent((event) => {
    const message = encodeEvent(event);
    for (const socket of sockets) socket.send(message);
  });

  const server = http.createServer((request, response) => {
    setSecurityHeaders(response);
    const verdict = guardRequest(request, guard);
    if (!verdict.allow) {
      response.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
      return;
    }
    if ('setCookieAndRedirect' in verdict) {
      response.writeHead(303, { 'Set-Cookie': sessionCookie(token), Location: verdict.setCookieAndRedirect }).end();
      return;
    }
    void route(core, options.staticRoot, request, response);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = guardRequest(request, guard);
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (!verdict.allow || 'setCookieAndRedirect' in verdict || pathname !== EVENTS_PATH) {
      const status = verdict.allow ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      stopEvents();
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function route(core: WorkbenchCore, staticRoot: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (pathname.startsWith('/api/')) {
    const method = pathname.slice('/api/'.length);
    if (request.method !== 'POST' || !isWorkbenchMethod(method)) {
      sendJson(response, 404, { ok: false, error: { code: 'not_found', message: `Método desconhecido: ${method}` } });
      return;
    }
    await handleRpc(core, method, request, response);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405).end();
    return;
  }
  if (pathname.startsWith(DOWNLOADS_PREFIX) && request.method === 'GET' && hasDownloads(core)) {
    await serveDownload(core, pathname.slice(DOWNLOADS_PREFIX.length), response);
    return;
  }
  await serveStatic(staticRoot, pathname, response);
}
