// Browser sessions of the web mode. The launch token (printed once, in the terminal) is never
// stored in the browser: opening the printed link swaps it for a random session id kept here,
// with an idle timeout and a maximum age. A cookie stolen from disk or a browser profile is
// worthless after either runs out, and every session dies with the process.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'mirante_sessao';

export interface SessionTimes {
  /** A session unused this long ends (every request and the event socket's opening use it). */
  idleMs: number;
  /** A session ends this long after it began, used or not; also the cookie's Max-Age. */
  maxAgeMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { idleMs: 12 * 60 * 60 * 1000, maxAgeMs: 7 * 24 * 60 * 60 * 1000 };

// Sessions are made only by someone holding the token; the cap keeps a loop that opens the
// link over and over from growing the map without end (the oldest session goes first).
const MAX_SESSIONS = 1000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

interface Session {
  created: number;
  lastUsed: number;
}

export class SessionStore {
  // Keyed by SHA-256 of the id: a lookup's timing says nothing about the ids held.
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly times: SessionTimes,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session: `id` goes in the cookie, `key` names it inside the server. */
  create(): { id: string; key: string } {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    const key = keyOf(id);
    const now = this.now();
    this.sessions.set(key, { created: now, lastUsed: now });
    return { id, key };
  }

  /** The key of the live session named by one of the cookie values, marking it used; else null. */
  resume(ids: readonly string[]): string | null {
    for (const id of ids) {
      if (!SESSION_ID.test(id)) continue;
      const key = keyOf(id);
      const session = this.sessions.get(key);
      if (!session) continue;
      if (!this.alive(session)) {
        this.sessions.delete(key);
        continue;
      }
      session.lastUsed = this.now();
      return key;
    }
    return null;
  }

  isLive(key: string): boolean {
    const session = this.sessions.get(key);
    return session !== undefined && this.alive(session);
  }

  /** Forgets the sessions that ran out. */
  sweep(): void {
    for (const [key, session] of this.sessions) if (!this.alive(session)) this.sessions.delete(key);
  }

  /**
   * Host-only (no Domain attribute): the browser sends it back only to this run's host name.
   * HttpOnly: no script reads it. SameSite=Strict: no other site's page makes the browser send it.
   */
  cookie(id: string): string {
    const maxAge = Math.max(1, Math.floor(this.times.maxAgeMs / 1000));
    return `${SESSION_COOKIE}=${id}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Strict`;
  }

  private alive(session: Session): boolean {
    const now = this.now();
    return now - session.lastUsed < this.times.idleMs && now - session.created < this.times.maxAgeMs;
  }
}

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** Every value of `name` in a Cookie header (a browser may send several), unquoted. */
export function readCookies(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  if (header === undefined || header.length > 16 * 1024) return values;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    values.push(value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
  }
  return values;
}
