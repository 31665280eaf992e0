// The end of a long audit log, as the writer reads it before each append: back from the end in
// growing windows (64 KiB, then 4 times more) until the window holds the entry it needs, whole
// entries only (the line the window cuts is left out), in file order. The writer goes on after an
// anchor far behind the end when that entry is as the anchor recorded, and refuses when it is
// not; a last line cut mid-write is refused, a bad line before it is skipped.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAnchor } from '../../main/core/privacy/audit-anchor.ts';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { readTail } from '../../main/core/privacy/audit-tail.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { copyFolder, readLines } from './audit-support.ts';
import { rejection } from '../support/rejection.ts';

/** About 530 bytes an entry: some 640 KB, more than the first two windows (64 and 256 KiB). */
const ENTRIES = 1200;

let scratch: string;
let original: string;
let entries: SealedAuditEntry[];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-tail-'));
  original = path.join(scratch, 'original');
  const log = new AuditLog(path.join(original, 'auditoria.jsonl'), { user: 'ana', role: 'analista' });
  // Asked for at once: they go in a few group commits.
  await Promise.all(
    Array.from({ length: ENTRIES }, (_, i) =>
      log.record({ action: 'query', sql: `select count(*) from pessoa where bairro = 'Bairro ${i}' and idade > 30`, snapshot: '2026-10-31', status: 'started', queryId: `q${i}` }),
    ),
  );
  await log.close();
  entries = (await readLines(path.join(original, 'auditoria.jsonl'))).map((line) => JSON.parse(line) as SealedAuditEntry);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let copies = 0;
async function copy(): Promise<string> {
  copies += 1;
  return copyFolder(original, path.join(scratch, `copia-${copies}`));
}

describe('the tail of a long audit log', () => {
  it('is the last whole entries, in file order, read from a window of the end', async () => {
    const file = path.join(original, 'auditoria.jsonl');
    expect((await readFile(file)).length).toBeGreaterThan(4 * 64 * 1024);
    const tail = await readTail(file);
    expect(tail.exists).toBe(true);
    expect(tail.lastSeq).toBe(ENTRIES);
    const first = tail.entries[0]?.seq as number;
    // The first window (64 KiB) holds about 160 entries, none of them cut.
    expect(tail.entries.length).toBeGreaterThan(100);
    expect(tail.entries.length).toBeLessThan(200);
    expect(tail.entries).toEqual(entries.slice(first - 1));
  });

  it('grows the window until it holds the entry asked for, and to the whole file if need be', async () => {
    const file = path.join(original, 'auditoria.jsonl');
    // Entry 1000 is not in the first window (64 KiB) but is in the second (256 KiB).
    const middle = await readTail(file, 1000);
    expect(middle.entries[0]?.seq).toBeLessThanOrEqual(1000);
    expect(middle.entries[0]?.seq).toBeGreaterThan(1);
    expect(middle.entries).toEqual(entries.slice((middle.entries[0]?.seq as number) - 1));
    expect(middle.lastSeq).toBe(ENTRIES);
    const whole = await readTail(file, 1);
    expect(whole.entries).toEqual(entries);
    // An entry that is not there: the whole file, and no more.
    expect((await readTail(file, 0)).entries).toEqual(entries);
  });

  it('of a missing log is nothing; of an empty one, nothing that exists', async () => {
    expect(await readTail(path.join(scratch, 'nao-existe.jsonl'))).toEqual({ exists: false, entries: [], lastSeq: 0 });
    const empty = path.join(scratch, 'vazio.jsonl');
    await writeFile(empty, '');
    expect(await readTail(empty)).toEqual({ exists: true, entries: [], lastSeq: 0 });
  });

  it('skips a bad line and one without a seq before the end, and refuses a last line cut mid-write', async () => {
    const file = path.join(scratch, 'curto.jsonl');
    const [a, b] = entries.map((entry) => JSON.stringify(entry));
    await writeFile(file, `${a}\n{"cortad\n{"sem":"seq"}\n\n${b}\n`);
    expect(await readTail(file)).toEqual({ exists: true, entries: [entries[0], entries[1]], lastSeq: 2 });
    await writeFile(file, `${a}\n${b}\n{"seq":3,"cor`);
    expect((await rejection(readTail(file))).message).toContain(`A última linha do registro de auditoria ${file} não é JSON válido`);
  });

  it('lets the writer go on after an anchor far behind the end when that entry is as it recorded, and the log verifies', async () => {
    const file = await copy();
    const dir = path.dirname(file);
    const keys = deriveAuditKeys(await readFile(path.join(dir, 'chave-auditoria')));
    const old = entries[4] as SealedAuditEntry;
    await writeAnchor(path.join(dir, 'ancora-auditoria'), keys.anchor, { log: 'auditoria.jsonl', seq: old.seq, hash: old.hash, time: old.time });
    const log = new AuditLog(file, { user: 'ana', role: 'analista' });
    const next = await log.record({ action: 'open_snapshot', snapshot: '2026-10-31' });
    expect(next.seq).toBe(ENTRIES + 1);
    expect(next.prev).toBe(entries.at(-1)?.hash);
    expect(await verifyAudit({ log: file })).toMatchObject({ ok: true, entries: ENTRIES + 1, problems: [] });
  });

  it('refuses, and writes nothing, when the entry an anchor far behind names is not the one it recorded', async () => {
    const file = await copy();
    const dir = path.dirname(file);
    const keys = deriveAuditKeys(await readFile(path.join(dir, 'chave-auditoria')));
    const old = entries[4] as SealedAuditEntry;
    await writeAnchor(path.join(dir, 'ancora-auditoria'), keys.anchor, { log: 'auditoria.jsonl', seq: old.seq, hash: (entries[5] as SealedAuditEntry).hash, time: old.time });
    const before = await readFile(file, 'utf8');
    const log = new AuditLog(file, { user: 'ana', role: 'analista' });
    expect((await rejection(log.record({ action: 'open_snapshot', snapshot: '2026-10-31' }))).message).toMatch(/a entrada seq 5 não é a que a âncora registrou/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
