// The chain of the audit log. Each entry carries the hash of the one before it (`prev`), its
// own SHA-256 over a canonical JSON (keys sorted, no spaces) of everything but `hash` and
// `mac`, and an HMAC-SHA256 with the log's secret key over everything but `mac` (so over
// `prev` and `hash` too). The hash finds an edited, removed or reordered line; the MAC finds
// a chain rebuilt by someone who can write the file but not read the key.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEntry } from '../api/index.ts';

/** `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as the log writes it: with its MAC. */
export type SealedAuditEntry = AuditEntry & { mac: string };

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Compares two hex MACs without leaking where they differ. */
export function sameMac(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function entryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _hash, mac: _mac, ...rest } = entry as SealedAuditEntry;
  return sha256Hex(canonicalJson(rest));
}

export function entryMac(entryKey: Buffer, entry: AuditEntry | SealedAuditEntry): string {
  const { mac: _mac, ...rest } = entry as SealedAuditEntry;
  return hmacHex(entryKey, canonicalJson(rest));
}

/** Adds `hash` and `mac` to an entry's body (which already holds `prev`). */
export function sealEntry(entryKey: Buffer, body: Omit<AuditEntry, 'hash'>): SealedAuditEntry {
  const hashed: AuditEntry = { ...body, hash: entryHash(body) };
  return { ...hashed, mac: entryMac(entryKey, hashed) };
}
