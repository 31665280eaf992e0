// The address this run of the server answers to: a random host name under `.localhost`, made
// per run. Browsers resolve every `*.localhost` name to loopback by themselves (RFC 6761;
// Chromium and Firefox never ask DNS), and a cookie without a Domain attribute is host-only:
// the session cookie set for `m-<random>.localhost` is never sent to 127.0.0.1, to `localhost`,
// nor to another service's name, even on another port (cookies ignore ports, host names not).
import { randomBytes } from 'node:crypto';

export interface InstanceAddress {
  /** `m-<24 hex>.localhost`, lower case (browsers send host names lower-cased). */
  hostName: string;
  port: number;
}

/** What a Host header names, from this server's point of view. */
export type HostKind =
  /** This run's own name and port: the only host a session lives on. */
  | 'instance'
  /** 127.0.0.1, localhost or [::1] with our port: only the launch token's redirect answers here. */
  | 'loopback'
  /** An instance name of another (earlier) run with our port: an old link or an old tab. */
  | 'old-instance'
  /** Anything else, e.g. a DNS-rebinding attacker's name. */
  | 'foreign';

const INSTANCE_NAME = /^m-[0-9a-f]{24}\.localhost$/;
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
// A host name or a bracketed IPv6 literal, then an optional port: RFC 9110's `Host` grammar,
// narrowed to what a browser may send. Anything else is malformed (400), not foreign.
const HOST_HEADER = /^(\[[0-9a-f:.]{2,45}\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/;

export function randomInstanceHostName(): string {
  return `m-${randomBytes(12).toString('hex')}.localhost`;
}

export function isInstanceHostName(name: string): boolean {
  return INSTANCE_NAME.test(name);
}

export function instanceOrigin(address: InstanceAddress): string {
  return `http://${address.hostName}:${address.port}`;
}

/** null: missing or malformed (the caller answers 400). */
export function classifyHost(header: string | undefined, address: InstanceAddress): HostKind | null {
  if (header === undefined) return null;
  const match = HOST_HEADER.exec(header.toLowerCase());
  if (!match) return null;
  const name = match[1] as string;
  if (match[2] === undefined || Number(match[2]) !== address.port) return 'foreign';
  if (name === address.hostName) return 'instance';
  if (LOOPBACK_NAMES.has(name)) return 'loopback';
  return isInstanceHostName(name) ? 'old-instance' : 'foreign';
}

/**
 * Browsers serialise Origin as `scheme://host:port` exactly, so the only allowed value is one
 * string. (Never compare `new URL(x).origin`: it is the string "null" for app:, file:, data:.)
 */
export function isInstanceOrigin(origin: string, address: InstanceAddress): boolean {
  return origin === instanceOrigin(address);
}
