// The audit writer's first steps and its failures, in this process: a log whose first write
// failed after the first anchor (seq 0) was written starts again; an anchor that cannot be read
// (a folder in its place) or a lock that cannot be made (a name too long) fails at once with
// what went wrong, not as a deleted anchor or a busy log; a refusal after a break is an Error
// that says so; every failure is one AuditUnavailableError, never wrapped twice. And the screen's
// reader: an absent log is an empty list, an unreadable one an error, and the time bounds hold.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisAnchor, readAnchor, writeAnchor } from '../../main/core/privacy/audit-anchor.ts';
import { GENESIS_HASH } from '../../main/core/privacy/audit-chain.ts';
import { AuditUnavailableError, auditWriteFailure } from '../../main/core/privacy/audit-files.ts';
import { deriveAuditKeys, loadOrCreateAuditKey } from '../../main/core/privacy/audit-key.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { readLines, writeAuditLog, writeLines } from './audit-support.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;
let folders = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-start-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  folders += 1;
  const dir = path.join(scratch, `f${folders}`);
  await mkdir(dir);
  return dir;
}

const OPEN = { action: 'open_snapshot', snapshot: '2026-10-31' } as const;

describe('the first anchor', () => {
  it('is seq 0 with the genesis hash, named after the log, and reads back as valid', async () => {
    const before = Date.now();
    const anchor = genesisAnchor('auditoria.jsonl');
    expect(anchor).toMatchObject({ log: 'auditoria.jsonl', seq: 0, hash: GENESIS_HASH });
    expect(Date.parse(anchor.time)).toBeGreaterThanOrEqual(before - 1);
    const dir = await folder();
    const key = deriveAuditKeys(await loadOrCreateAuditKey(path.join(dir, 'chave-auditoria'), true)).anchor;
    await writeAnchor(path.join(dir, 'ancora-auditoria'), key, anchor);
    expect(await readAnchor(path.join(dir, 'ancora-auditoria'), key, 'auditoria.jsonl')).toEqual({ state: 'ok', anchor });
  });

  it('left alone by a first write that failed: the log starts over it, and verifies', async () => {
    for (const log of ['ausente', 'vazio']) {
      const dir = await folder();
      const key = deriveAuditKeys(await loadOrCreateAuditKey(path.join(dir, 'chave-auditoria'), true)).anchor;
      await writeAnchor(path.join(dir, 'ancora-auditoria'), key, genesisAnchor('auditoria.jsonl'));
      const file = path.join(dir, 'auditoria.jsonl');
      if (log === 'vazio') await writeFile(file, '');
      const entry = await new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN);
      expect(entry.seq, log).toBe(1);
      expect(await verifyAudit({ log: file }), log).toMatchObject({ ok: true, entries: 1, problems: [] });
    }
  });
});

describe('the writer fails plainly', () => {
  it('an anchor that cannot be read is a write failure that says why, not a deleted anchor', async () => {
    const dir = await folder();
    const { file } = await writeAuditLog(dir, 2);
    await rm(path.join(dir, 'ancora-auditoria'));
    await mkdir(path.join(dir, 'ancora-auditoria'));
    const error = await rejection(new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN));
    expect(error).toBeInstanceOf(AuditUnavailableError);
    expect(error.message).toMatch(/Não foi possível gravar o registro de auditoria \(.*ancora-auditoria\): há uma pasta no lugar do arquivo \[EISDIR\]/);
    expect(await readLines(file)).toHaveLength(2);
  });

  it('a lock that cannot be made fails at once, saying why, instead of waiting as for another writer', async () => {
    const dir = await folder();
    // 252 characters: the log's name fits (255 at most), its lock's (`.lock` more) does not.
    const file = path.join(dir, `${'a'.repeat(246)}.jsonl`);
    const started = Date.now();
    const error = await rejection(new AuditLog(file, { user: 'ana', role: 'analista' }, { lockWaitMs: 3_000 }).record(OPEN));
    expect(error.message).toMatch(/Não foi possível gravar o registro de auditoria .*\.jsonl\.lock\).*\[ENAMETOOLONG\]/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('after a break, refuses with an Error that names it', async () => {
    const dir = await folder();
    const { file } = await writeAuditLog(dir, 4);
    await writeLines(file, (await readLines(file)).slice(0, 2));
    const error = await rejection(new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN));
    expect(error).toBeInstanceOf(AuditUnavailableError);
    expect(error.message).toBe(
      'Registro de auditoria adulterado ou incompleto: o registro termina na seq 2, mas a âncora registra a seq 4: as entradas seq 3 a 4 do fim foram cortadas. Nada foi executado; o encarregado deve conferir o registro (mirante audit verify).',
    );
  });

  it('makes one AuditUnavailableError of a file-system error, code and cause kept, and never wraps one twice', () => {
    const cause = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failure = auditWriteFailure('/var/log/mirante/auditoria.jsonl', cause);
    expect(failure).toBeInstanceOf(AuditUnavailableError);
    expect(failure.name).toBe('AuditUnavailableError');
    expect(failure.detail).toEqual({ code: 'internal', message: failure.message });
    expect(failure.cause).toBe(cause);
    expect(failure.message).toBe(
      'Não foi possível gravar o registro de auditoria (/var/log/mirante/auditoria.jsonl): disco cheio [ENOSPC]. O registro vem antes da ação: sem ele, nada é executado.',
    );
    expect(auditWriteFailure('/outro', failure)).toBe(failure);
    const unknown = auditWriteFailure('/x', new Error('algo estranho'));
    expect(unknown.message).toBe('Não foi possível gravar o registro de auditoria (/x): algo estranho. O registro vem antes da ação: sem ele, nada é executado.');
    expect(new AuditUnavailableError('sem causa').cause).toBeUndefined();
  });
});

describe('the log as the screen reads it', () => {
  it('is empty when there is no log yet, and keeps to the time bounds asked, inclusive', async () => {
    const dir = await folder();
    expect(await new AuditLog(path.join(dir, 'auditoria.jsonl'), { user: 'ana', role: 'analista' }).list()).toEqual([]);
    const { log } = await writeAuditLog(dir, 3);
    const all = await log.list();
    expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
    const [third, second, first] = all as unknown as [{ time: string }, { time: string }, { time: string }];
    expect((await log.list({ from: second.time })).map((e) => e.seq)).toEqual(all.filter((e) => e.time >= second.time).map((e) => e.seq));
    expect((await log.list({ to: second.time })).map((e) => e.seq)).toEqual(all.filter((e) => e.time <= second.time).map((e) => e.seq));
    expect((await log.list({ from: first.time, to: third.time })).map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(await log.list({ from: '2999-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await log.list({ to: '2000-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await readFile(path.join(dir, 'auditoria.jsonl'), 'utf8')).toContain('"seq":3');
  });

  it('is an error, not an empty list, when the log cannot be read', async () => {
    const dir = await folder();
    await mkdir(path.join(dir, 'auditoria.jsonl'));
    expect((await rejection(new AuditLog(path.join(dir, 'auditoria.jsonl'), { user: 'ana', role: 'analista' }).list())).message).toMatch(/EISDIR/);
  });
});
