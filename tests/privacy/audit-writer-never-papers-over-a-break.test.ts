// The audit writer, in this process: it refuses to append after a cut tail, an emptied or
// deleted log, a deleted anchor or key, a key too short, a last line cut mid-write, or a log
// of the version before MACs, and leaves the file as it found it; it goes on after an anchor
// that lagged one entry behind (a crash between the two writes) and the log still verifies;
// a fresh log makes its own 32-byte key. And the reader of the screen: newest first, filtered.
import { mkdtemp, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { copyFolder, readLines, writeAuditLog, writeLines } from './audit-support.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;
let original: string;
let lines: string[];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-writer-'));
  original = path.join(scratch, 'original');
  await writeAuditLog(original);
  lines = await readLines(path.join(original, 'auditoria.jsonl'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const OPEN = { action: 'open_snapshot', snapshot: '2026-10-31' } as const;

describe('the audit writer', () => {
  it('refuses to append after a break, and leaves the file as it was', async () => {
    const cases: [string, (file: string) => Promise<void>, RegExp][] = [
      ['cortado', async (file) => writeLines(file, lines.slice(0, 3)), /termina na seq 3.*cortadas/],
      ['esvaziado', async (file) => truncate(file, 0), /registro esvaziado/],
      ['apagado', async (file) => unlink(file), /registro apagado/],
      ['sem-ancora', async (file) => unlink(path.join(path.dirname(file), 'ancora-auditoria')), /a âncora .* não existe, mas o registro tem 6 entradas \(âncora apagada\)/],
      ['sem-chave', async (file) => unlink(path.join(path.dirname(file), 'chave-auditoria')), /chave de auditoria .* não existe, mas o registro já começou/],
      ['chave-curta', async (file) => writeFile(path.join(path.dirname(file), 'chave-auditoria'), Buffer.alloc(31, 7)), /tem 31 bytes; são necessários ao menos 32/],
      ['linha-cortada', async (file) => writeFile(file, `${lines.join('\n')}\n${(lines[0] as string).slice(0, 30)}`), /A última linha do registro de auditoria .* não é JSON válido/],
      [
        'versao-anterior',
        async (file) => {
          await writeLines(file, lines.map((l) => JSON.stringify({ ...(JSON.parse(l) as object), mac: undefined })));
          await unlink(path.join(path.dirname(file), 'ancora-auditoria'));
        },
        /gravado por uma versão anterior do Mirante \(sem MAC nem âncora\)/,
      ],
    ];
    for (const [name, damage, expected] of cases) {
      const file = await copyFolder(original, path.join(scratch, `escritor-${name}`));
      await damage(file);
      const before = await readFile(file, 'utf8').catch(() => undefined);
      const log = new AuditLog(file, { user: 'ana', role: 'analista' });
      expect((await rejection(log.record(OPEN))).message, name).toMatch(expected);
      expect(await readFile(file, 'utf8').catch(() => undefined), name).toBe(before);
    }
  });

  it('goes on after an anchor one entry behind, and the log verifies', async () => {
    const dir = path.join(scratch, 'atrasada');
    const file = await copyFolder(original, dir);
    const anchorBefore = await readFile(path.join(dir, 'ancora-auditoria'));
    await new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN);
    await writeFile(path.join(dir, 'ancora-auditoria'), anchorBefore);
    const entry = await new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN);
    expect(entry.seq).toBe(8);
    const verification = await verifyAudit({ log: file });
    expect(verification.ok, JSON.stringify(verification.problems)).toBe(true);
    expect(verification.entries).toBe(8);
  });

  it('starts a fresh log with a key of its own: 32 random bytes, private', async () => {
    const dir = path.join(scratch, 'novo');
    const file = path.join(dir, 'auditoria.jsonl');
    const first = await new AuditLog(file, { user: 'ana', role: 'analista' }).record(OPEN);
    expect([first.seq, first.prev]).toEqual([1, '0'.repeat(64)]);
    const key = path.join(dir, 'chave-auditoria');
    expect((await readFile(key)).length).toBe(32);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect((await verifyAudit({ log: file })).ok).toBe(true);
  });
});

describe('reading the audit log for the screen', () => {
  it('gives the newest first, by user, action and time, at most the limit asked (1 to 10,000)', async () => {
    const dir = path.join(scratch, 'leitura');
    const file = path.join(dir, 'auditoria.jsonl');
    const ana = new AuditLog(file, { user: 'ana', role: 'analista' });
    const bia = new AuditLog(file, { user: 'bia', role: 'consulta' });
    for (let i = 0; i < 3; i += 1) {
      await ana.record({ action: 'query', sql: `select ${i}`, snapshot: '2026-10-31', status: 'ok', queryId: `a${i}` });
      await bia.record({ action: 'open_snapshot', snapshot: '2026-10-31' });
    }
    expect(await new AuditLog(path.join(dir, 'nada.jsonl'), { user: 'ana', role: 'analista' }).list()).toEqual([]);
    const all = await ana.list();
    expect(all.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((await ana.list({ user: 'ana' })).map((e) => e.seq)).toEqual([5, 3, 1]);
    expect((await ana.list({ action: 'open_snapshot' })).map((e) => e.seq)).toEqual([6, 4, 2]);
    expect((await ana.list({ limit: 2 })).map((e) => e.seq)).toEqual([6, 5]);
    expect((await ana.list({ limit: 0 })).map((e) => e.seq)).toEqual([6]);
    const third = all.find((e) => e.seq === 3)?.time as string;
    const fourth = all.find((e) => e.seq === 4)?.time as string;
    expect((await ana.list({ from: third })).every((e) => e.time >= third)).toBe(true);
    expect((await ana.list({ from: third })).map((e) => e.seq)).toContain(3);
    expect((await ana.list({ to: fourth })).map((e) => e.seq)).toContain(4);
    expect((await ana.list({ to: fourth })).every((e) => e.time <= fourth)).toBe(true);
    expect(await ana.list({ from: '2999-01-01T00:00:00Z' })).toEqual([]);
    expect(await ana.list({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
    // A line that is not JSON is passed over, not a reason to show nothing.
    await writeFile(file, `${await readFile(file, 'utf8')}{ quebrada\n`);
    expect((await ana.list({ limit: 1 })).map((e) => e.seq)).toEqual([6]);
  });
});
