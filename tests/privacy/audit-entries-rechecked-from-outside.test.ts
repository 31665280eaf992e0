// What docs/SECURITY.md promises a data protection officer checking the audit log with tools of
// their own: each entry's `hash` is the SHA-256 of its canonical JSON (keys sorted, no spaces,
// arrays in order, fields without a value left out) without `hash` and `mac`, and its `mac` the
// HMAC-SHA256 of the same without `mac`, under the key derived from the key file; the key's
// public id is the first 16 hex digits of a SHA-256 of another derived key. And verify names
// an entry whose MAC was stripped or cut short; it does not stop at it.
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { copyFolder, readLines, writeLines } from './audit-support.ts';

let scratch: string;
let dir: string;
let secret: Buffer;
let lines: string[];

/** Canonical JSON written here from its definition, not with the log's own function. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const derived = (label: string) => createHmac('sha256', secret).update(`mirante/auditoria/${label}/v1`).digest();

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-outside-'));
  dir = path.join(scratch, 'log');
  const log = new AuditLog(path.join(dir, 'auditoria.jsonl'), { user: 'ana', role: 'analista' });
  await log.record({ action: 'run_panel', document: 'paineis/obras.md', cell: 'por_bairro', params: { bairros: ['Centro', 'Jundiapeba'], anos: [2025, 2026] }, queryId: 'q1', status: 'started' });
  // A field present with no value: JSON drops it from the line, so the hash must leave it out too.
  await log.record({ action: 'query', sql: 'select 1', status: undefined, rows: 1, queryId: 'q2' });
  await log.record({ action: 'open_snapshot', snapshot: '2026-10-31' });
  await log.close();
  secret = await readFile(path.join(dir, 'chave-auditoria'));
  lines = await readLines(path.join(dir, 'auditoria.jsonl'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('an audit entry checked with other tools', () => {
  it('has as hash the SHA-256 of its canonical JSON, and as MAC the HMAC of it with the hash, under the derived entry key', () => {
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const { hash, mac, ...rest } = JSON.parse(line) as Record<string, unknown>;
      expect(hash).toBe(createHash('sha256').update(canonical(rest)).digest('hex'));
      expect(mac).toBe(createHmac('sha256', derived('entrada')).update(canonical({ ...rest, hash })).digest('hex'));
    }
    const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(first.document).toBe('paineis/obras.md');
    expect(first.cell).toBe('por_bairro');
    expect(Object.keys(JSON.parse(lines[1] as string) as object)).not.toContain('status');
  });

  it('a log with an entry written with a field of no value verifies', async () => {
    expect(await verifyAudit({ log: path.join(dir, 'auditoria.jsonl') })).toMatchObject({ ok: true, entries: 3, problems: [] });
  });

  it('names its key by the first 16 hex digits of the SHA-256 of the derived id key', () => {
    expect(deriveAuditKeys(secret).id).toBe(createHash('sha256').update(derived('id')).digest('hex').slice(0, 16));
  });

  it('verify names an entry whose MAC was stripped, or cut short, as a MAC break on its line', async () => {
    for (const [name, change] of [
      ['sem-mac', (entry: Record<string, unknown>) => delete entry.mac],
      ['mac-curto', (entry: Record<string, unknown>) => (entry.mac = String(entry.mac).slice(0, 10))],
      ['mac-numero', (entry: Record<string, unknown>) => (entry.mac = 42)],
    ] as const) {
      const file = await copyFolder(dir, path.join(scratch, name));
      const edited = [...lines];
      const entry = JSON.parse(edited[1] as string) as Record<string, unknown>;
      change(entry);
      edited[1] = JSON.stringify(entry);
      await writeLines(file, edited);
      const result = await verifyAudit({ log: file });
      expect(result.problems.map((p) => [p.kind, p.line, p.seq]), name).toEqual([['mac', 2, 2]]);
    }
  });
});
