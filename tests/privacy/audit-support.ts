// Shared by the audit tests: logs written by the real AuditLog, folder copies to attack, and
// the attacks themselves, done the way an attacker with a text editor or a script would.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord } from '../../main/core/privacy/audit-log.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import type { AuditLogOptions } from '../../main/core/privacy/audit-log.ts';
import { writeAnchor } from '../../main/core/privacy/audit-anchor.ts';
import { GENESIS_HASH, entryHash, sealEntry } from '../../main/core/privacy/audit-chain.ts';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import { runCli } from '../support/run-cli.ts';
import type { CliResult } from '../support/run-cli.ts';

export const RECORDS: AuditRecord[] = [
  { action: 'open_snapshot', snapshot: '2026-10-31' },
  { action: 'query', sql: 'select count(*) from pessoa', snapshot: '2026-10-31', status: 'started', queryId: 'q1' },
  { action: 'query', snapshot: '2026-10-31', status: 'ok', rows: 1, queryId: 'q1' },
  { action: 'unmask', sql: 'select nome from pessoa', snapshot: '2026-10-31', purpose: 'Conferência de cadastro duplicado', status: 'started', queryId: 'q2' },
  { action: 'unmask', snapshot: '2026-10-31', status: 'ok', rows: 6, queryId: 'q2' },
  { action: 'export', path: '/tmp/relatorio.xlsx', sha256: 'f'.repeat(64), rows: 6, queryId: 'q2' },
];

/** A log of RECORDS (or `count` of them) written by the real AuditLog in `dir`. */
export async function writeAuditLog(dir: string, count = RECORDS.length, options: AuditLogOptions = {}): Promise<{ file: string; log: AuditLog }> {
  const file = path.join(dir, 'auditoria.jsonl');
  const log = new AuditLog(file, { user: 'ana', role: 'analista' }, options);
  for (let i = 0; i < count; i += 1) await log.record(RECORDS[i % RECORDS.length] as AuditRecord);
  return { file, log };
}

/** A copy of the whole audit folder (log, key, anchor), to attack without touching the original. */
export async function copyFolder(from: string, to: string): Promise<string> {
  await cp(from, to, { recursive: true });
  return path.join(to, 'auditoria.jsonl');
}

export async function readLines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
}

export async function writeLines(file: string, lines: string[]): Promise<void> {
  await writeFile(file, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

/**
 * Renumbers and re-chains entries after an edit or a removal. Without the key (the attacker
 * can edit the log but not read the key) the old MACs stay; with it, the MACs are redone.
 */
export function rechain(lines: string[], secret?: Buffer): string[] {
  let prev = GENESIS_HASH;
  return lines.map((line, index) => {
    const { hash: _hash, mac, ...body } = JSON.parse(line) as SealedAuditEntry;
    const next = { ...body, seq: index + 1, prev };
    const entry: SealedAuditEntry = secret ? sealEntry(deriveAuditKeys(secret).entry, next) : { ...next, hash: entryHash(next), mac };
    prev = entry.hash;
    return JSON.stringify(entry);
  });
}

/** What an attacker holding the key does after rewriting the log: moves the anchor to match. */
export async function reanchor(dir: string, secret: Buffer, lines: string[]): Promise<void> {
  const last = JSON.parse(lines.at(-1) as string) as SealedAuditEntry;
  await writeAnchor(path.join(dir, 'ancora-auditoria'), deriveAuditKeys(secret).anchor, { log: 'auditoria.jsonl', seq: last.seq, hash: last.hash, time: last.time });
}

export function verify(...args: string[]): Promise<CliResult> {
  return runCli(['audit', 'verify', ...args]);
}
