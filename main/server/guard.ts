import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'mirante_sessao';

export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardVerdict =
  | { allow: true }
  /** The launch URL carried the token: swap it for the cookie and strip it from the address. */
  | { allow: true; setCookieAndRedirect: string }
  | { allow: false; status: 401 | 403 | 421; reason: string };

const LOCAL_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The one check every HTTP route and every WebSocket upgrade passes through (ENGINE-NOTES.md,
 * "The local web mode"): the Host header (DNS rebinding), the Origin (cross-site requests),
 * then the per-launch token, as a cookie or, once, in the launch URL.
 */
export function guardRequest(request: IncomingMessage, config: GuardConfig): GuardVerdict {
  if (!isLocalHost(request.headers.host, config.port)) {
    return { allow: false, status: 421, reason: 'Host não permitido' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !isLocalOrigin(origin, config.port)) {
    return { allow: false, status: 403, reason: 'Origem não permitida' };
  }
  if (tokenMatches(readCookie(request.headers.cookie, SESSION_COOKIE), config.token)) return { allow: true };

  const url = new URL(request.url ?? '/', `http://127.0.0.1:${config.port}`);
  if (request.method === 'GET' && tokenMatches(url.searchParams.get('token'), config.token)) {
    url.searchParams.delete('token');
    return { allow: true, setCookieAndRedirect: `${url.pathname}${url.search}` };
  }
  return { allow: false, status: 401, reason: 'Sessão inválida: abra o endereço com o token impresso ao iniciar' };
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function isLocalHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!match) return false;
  return LOCAL_HOSTNAMES.has(match[1] as string) && Number(match[2]) === port;
}

// Compare protocol, host and port: `new URL(...).origin` is the string "null" for app:, file: and data:.
function isLocalOrigin(origin: string, port: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && LOCAL_HOSTNAMES.has(url.hostname) && Number(url.port) === port;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function tokenMatches(candidate: string | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
