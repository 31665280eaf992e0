// How a refused or malformed request is answered, by what it was for: the API always gets its
// JSON error shape (the client reads it as data), a page a short text or, when the session is
// what is missing, the pt-BR page that says how to get a new one; a WebSocket upgrade a bare
// HTTP status line on the raw socket (no WebSocket was opened yet).
import http, { type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../core/api/index.ts';
import { sessionEndedPage, type SessionEndedReason } from './session-ended-page.ts';

export interface Refusal {
  status: number;
  reason: string;
  sessionEnded?: SessionEndedReason;
  /** The connection cannot be reused (e.g. an unread or half-read body): close it after answering. */
  close?: boolean;
}

// ErrorCode has no "bad request" or "unauthenticated": these are the nearest, the status says the rest.
function errorCode(status: number): ErrorCode {
  if (status === 404) return 'not_found';
  if (status === 400 || status === 413 || status === 415) return 'parameter';
  return 'not_allowed';
}

export function refuseApi(response: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ ok: false, error: { code: errorCode(refusal.status), message: refusal.reason } });
  answer(response, refusal, 'application/json; charset=utf-8', body);
}

export function refusePage(response: ServerResponse, refusal: Refusal): void {
  if (refusal.sessionEnded) answer(response, refusal, 'text/html; charset=utf-8', sessionEndedPage(refusal.sessionEnded));
  else answer(response, refusal, 'text/plain; charset=utf-8', refusal.reason);
}

/** Before the WebSocket handshake: an HTTP answer written on the socket, which is then closed. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(refusal.reason);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${body.toString()}`,
  );
}

function answer(response: ServerResponse, refusal: Refusal, contentType: string, body: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const headers: Record<string, string> = { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)) };
  if (refusal.close) headers.Connection = 'close';
  response.writeHead(refusal.status, headers);
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
