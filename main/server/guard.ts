import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { classifyHost, instanceOrigin, isInstanceOrigin, type InstanceAddress } from './instance-address.ts';
import type { RequestTarget } from './request-target.ts';
import type { SessionEndedReason } from './session-ended-page.ts';
import { readCookies, SESSION_COOKIE, type SessionStore } from './sessions.ts';

export interface GuardConfig {
  address: InstanceAddress;
  token: string;
  sessions: SessionStore;
}

/** What the request is for: pages get a page when refused, the API JSON, the socket a status. */
export type Surface = 'page' | 'api' | 'events';

export type GuardVerdict =
  | { kind: 'allow'; sessionKey: string }
  /** The launch URL carried the token: go to `location` (without it on this run's host), with the cookie when set. */
  | { kind: 'redirect'; location: string; setCookie?: string }
  | { kind: 'deny'; status: 400 | 401 | 403 | 421; reason: string; sessionEnded?: SessionEndedReason };

/**
 * The one check every HTTP route and every WebSocket upgrade passes through (docs/DUCKDB-NOTES.md,
 * "The local web mode"; marimo's CVE-2026-39987 came from one route that skipped it): the Host
 * header (DNS rebinding: only this run's `*.localhost` name, plus loopback for the launch
 * redirect), the Origin (cross-site requests), then the session: a cookie naming a live
 * session, or the launch token, which is swapped for one.
 */
export function guardRequest(request: IncomingMessage, target: RequestTarget, surface: Surface, config: GuardConfig): GuardVerdict {
  if ((request.headersDistinct.host?.length ?? 0) > 1) return deny(400, 'Cabeçalho Host repetido');
  const host = classifyHost(request.headers.host, config.address);
  if (host === null) return deny(400, 'Cabeçalho Host ausente ou malformado');
  if (host === 'foreign') return deny(421, 'Host não permitido');
  if (host === 'old-instance') return deny(421, 'Endereço de uma execução anterior do Mirante', 'old-link');

  const origins = request.headersDistinct.origin;
  if (origins !== undefined && (origins.length !== 1 || !isInstanceOrigin(origins[0] as string, config.address))) {
    return deny(403, 'Origem não permitida');
  }

  const token = surface === 'page' && request.method === 'GET' ? target.searchParams.get('token') : null;
  const tokenValid = token !== null && tokenMatches(token, config.token);

  if (host === 'loopback') {
    // The session may live only on this run's own name: loopback answers nothing but the move there.
    if (tokenValid) return { kind: 'redirect', location: `${instanceOrigin(config.address)}${target.pathname}?${target.searchParams}` };
    if (surface === 'page') return deny(401, 'Sessão inválida', token !== null ? 'old-link' : 'missing');
    return deny(421, 'Use o endereço impresso ao iniciar o Mirante');
  }

  const cookies = readCookies(request.headers.cookie, SESSION_COOKIE);
  const sessionKey = config.sessions.resume(cookies);
  if (tokenValid) {
    const search = new URLSearchParams(target.searchParams);
    search.delete('token');
    const location = `${instanceOrigin(config.address)}${target.pathname}${search.size > 0 ? `?${search}` : ''}`;
    if (sessionKey !== null) return { kind: 'redirect', location };
    return { kind: 'redirect', location, setCookie: config.sessions.cookie(config.sessions.create().id) };
  }
  if (sessionKey !== null) return { kind: 'allow', sessionKey };
  const reason: SessionEndedReason = token !== null ? 'old-link' : cookies.length > 0 ? 'expired' : 'missing';
  return deny(401, 'Sessão inválida ou encerrada: abra o endereço impresso ao iniciar o Mirante', reason);
}

function deny(status: 400 | 401 | 403 | 421, reason: string, sessionEnded?: SessionEndedReason): GuardVerdict {
  return sessionEnded ? { kind: 'deny', status, reason, sessionEnded } : { kind: 'deny', status, reason };
}

function tokenMatches(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
