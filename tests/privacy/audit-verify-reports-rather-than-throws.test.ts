// verify and the writer on breaks the other audit tests do not make: a last line cut mid-write
// with no newline is named, not dropped; an anchor whose own entry was removed while later ones
// stay is named as replaced, not a crash; a missing log is named with its path; the writer does
// not make a new key for a log whose key is gone while its anchor stays (even when the log was
// emptied), nor goes on after an anchor edited without the key; settings not given keep the
// deployment's; close() waits for the entries asked for; a failed anchor write leaves no
// temporary file.
import { mkdir, mkdtemp, readFile, readdir, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisAnchor, writeAnchor } from '../../main/core/privacy/audit-anchor.ts';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { copyFolder, readLines, writeAuditLog, writeLines } from './audit-support.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;
let original: string;
let lines: string[];
let copies = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-reports-'));
  original = path.join(scratch, 'original');
  await writeAuditLog(original);
  lines = await readLines(path.join(original, 'auditoria.jsonl'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function copy(): Promise<string> {
  copies += 1;
  return copyFolder(original, path.join(scratch, `copia-${copies}`));
}

const OPEN = { action: 'open_snapshot', snapshot: '2026-10-31' } as const;

describe('verify', () => {
  it('names a last line cut mid-write, with no newline after it', async () => {
    const file = await copy();
    await writeFile(file, `${lines.slice(0, 5).join('\n')}\n${(lines[5] as string).slice(0, 50)}`);
    const result = await verifyAudit({ log: file });
    expect(result.entries).toBe(6);
    expect(result.problems[0]).toMatchObject({ kind: 'invalid', line: 6 });
  });

  it('names the anchor’s own entry removed while later ones stay, without stopping', async () => {
    const file = await copy();
    const dir = path.dirname(file);
    const keys = deriveAuditKeys(await readFile(path.join(dir, 'chave-auditoria')));
    const third = JSON.parse(lines[2] as string) as SealedAuditEntry;
    await writeAnchor(path.join(dir, 'ancora-auditoria'), keys.anchor, { log: 'auditoria.jsonl', seq: 3, hash: third.hash, time: third.time });
    await writeLines(file, lines.filter((_, i) => i !== 2));
    const result = await verifyAudit({ log: file });
    expect(result.problems.map((p) => p.kind)).toEqual(['removed', 'replaced']);
    expect(result.problems[1]).toMatchObject({ seq: 3, message: expect.stringMatching(/a entrada seq 3 não é a que a âncora registrou/) });
  });

  it('names a missing log with its path', async () => {
    const dir = path.join(scratch, 'sem-registro');
    await mkdir(dir);
    const result = await verifyAudit({ log: path.join(dir, 'auditoria.jsonl') });
    expect(result.problems).toEqual([{ kind: 'missing', message: `o arquivo do registro ${path.join(dir, 'auditoria.jsonl')} não existe` }]);
  });
});

describe('the writer', () => {
  it('makes no new key for a log whose key is gone while its anchor stays, even emptied', async () => {
    for (const emptied of [false, true]) {
      const file = await copy();
      const dir = path.dirname(file);
      await unlink(path.join(dir, 'chave-auditoria'));
      if (emptied) await truncate(file, 0);
      const error = await rejection(new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN));
      expect(error.message, String(emptied)).toMatch(/A chave de auditoria .* não existe, mas o registro já começou/);
      expect(await readdir(dir), String(emptied)).not.toContain('chave-auditoria');
    }
  });

  it('does not go on after an anchor edited without the key', async () => {
    const file = await copy();
    const anchorFile = path.join(path.dirname(file), 'ancora-auditoria');
    const anchor = JSON.parse(await readFile(anchorFile, 'utf8')) as Record<string, unknown>;
    await writeFile(anchorFile, JSON.stringify({ ...anchor, seq: 2 }));
    const error = await rejection(new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN));
    expect(error.message).toMatch(/^Registro de auditoria adulterado ou incompleto: o MAC da âncora .* não confere/);
    expect(await readLines(file)).toEqual(lines);
  });

  it('keeps the deployment’s key and anchor places when the options leave them unset', async () => {
    const dir = path.join(scratch, 'implantacao');
    const keyPath = path.join(dir, 'chaves', 'minha-chave');
    const anchorPath = path.join(dir, 'chaves', 'minha-ancora');
    const log = new AuditLog(path.join(dir, 'auditoria.jsonl'), { user: 'ana', role: 'analista', audit: { keyPath, anchorPath } }, { keyPath: undefined, anchorPath: undefined });
    await log.record(OPEN);
    expect((await readdir(path.join(dir, 'chaves'))).sort()).toEqual(['minha-ancora', 'minha-chave']);
    expect(await readdir(dir)).not.toContain('chave-auditoria');
  });

  it('close() waits for the entries asked for before it', async () => {
    const dir = path.join(scratch, 'fechar');
    const file = path.join(dir, 'auditoria.jsonl');
    const log = new AuditLog(file, { user: 'ana', role: 'analista' });
    const written = [log.record(OPEN), log.record(OPEN), log.record(OPEN)];
    await log.close();
    expect(await readLines(file)).toHaveLength(3);
    await Promise.all(written);
  });

  it('a first anchor that cannot be written fails with its cause and leaves no temporary file', async () => {
    const dir = path.join(scratch, 'ancora-impossivel');
    await mkdir(dir);
    await writeFile(path.join(dir, 'arquivo'), '');
    const key = Buffer.alloc(32, 1);
    const error = await rejection(writeAnchor(path.join(dir, 'arquivo', 'ancora'), key, genesisAnchor('auditoria.jsonl')));
    expect(error.message).toMatch(/^Não foi possível gravar o registro de auditoria \(.*arquivo\/ancora\): .*\[EEXIST\]/);
    expect(await readdir(dir)).toEqual(['arquivo']);
  });
});
