// Attacks on a real audit log (log, key and anchor written by AuditLog), each on its own copy
// of the folder, checked with the real `mirante audit verify`: every one exits 1 naming what
// happened; the intact log exits 0; a wrong call exits 2. And the writer itself refuses to go
// on after a cut, so a cut is never papered over by the next entry.
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { copyFolder, readLines, rechain, verify, writeAuditLog, writeLines } from './audit-support.ts';

let scratch: string;
let original: string;
let lines: string[];
let attack = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-tamper-'));
  original = path.join(scratch, 'original');
  await writeAuditLog(original);
  lines = await readLines(path.join(original, 'auditoria.jsonl'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh copy of the intact folder, the log changed by `change`. */
async function attacked(change: (lines: string[]) => string[] | Promise<string[]>): Promise<string> {
  const file = await copyFolder(original, path.join(scratch, `ataque-${(attack += 1)}`));
  await writeLines(file, await change([...lines]));
  return file;
}

async function expectRefused(file: string, ...expected: RegExp[]): Promise<void> {
  const result = await verify('--log', file);
  expect(result.code, result.stderr).toBe(1);
  for (const pattern of expected) expect(result.stderr).toMatch(pattern);
}

describe('audit verify against an attacker who can edit the log but not read the key', () => {
  it('passes the intact log, with its anchor', async () => {
    const result = await verify('--log', path.join(original, 'auditoria.jsonl'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('6 entradas');
    expect(result.stdout).toContain('âncora: seq 6 confere');
  });

  it('names an edited entry', async () => {
    const file = await attacked((l) => {
      l[3] = (l[3] as string).replace('Conferência de cadastro duplicado', 'Rotina');
      return l;
    });
    await expectRefused(file, /linha 4 \(seq 4\).*entrada editada/);
  });

  it('names an edited entry whose hash was recomputed (MAC)', async () => {
    const file = await attacked((l) => {
      l[3] = (l[3] as string).replace('Conferência de cadastro duplicado', 'Rotina');
      return rechain(l);
    });
    await expectRefused(file, /linha 4 \(seq 4\).*MAC não confere/);
  });

  it('names a removed entry, and one removed with the chain rebuilt', async () => {
    await expectRefused(await attacked((l) => l.filter((_, i) => i !== 2)), /linha 3 \(seq 4\).*removida/);
    await expectRefused(await attacked((l) => rechain(l.filter((_, i) => i !== 2))), /linha 3 \(seq 3\).*MAC não confere/);
  });

  it('names reordered entries', async () => {
    await expectRefused(await attacked((l) => [l[0], l[2], l[1], ...l.slice(3)] as string[]), /linha 2 \(seq 3\).*fora de ordem/);
  });

  it('names a cut tail, which the chain alone cannot see', async () => {
    const file = await attacked((l) => l.slice(0, 4));
    await expectRefused(file, /termina na seq 4, mas a âncora registra a seq 6: as entradas seq 5 a 6 do fim foram cortadas/);
  });

  it('names an emptied log and a deleted log', async () => {
    await expectRefused(await attacked(() => []), /registro esvaziado/);
    const deleted = await attacked((l) => l);
    await unlink(deleted);
    await expectRefused(deleted, /não existe, mas a âncora registra 6 entradas: registro apagado/);
  });

  it('names an anchor edited to hide a cut, and a deleted anchor', async () => {
    const edited = await attacked((l) => l.slice(0, 4));
    const anchorFile = path.join(path.dirname(edited), 'ancora-auditoria');
    const anchor = JSON.parse(await readFile(anchorFile, 'utf8')) as { seq: number; hash: string };
    const fourth = JSON.parse(lines[3] as string) as { hash: string };
    await writeFile(anchorFile, JSON.stringify({ ...anchor, seq: 4, hash: fourth.hash }));
    await expectRefused(edited, /MAC da âncora .* não confere/);

    const removed = await attacked((l) => l.slice(0, 4));
    await unlink(path.join(path.dirname(removed), 'ancora-auditoria'));
    await expectRefused(removed, /âncora .* não existe, mas o registro tem entradas/);
  });

  it('names a deleted key', async () => {
    const file = await attacked((l) => l);
    await unlink(path.join(path.dirname(file), 'chave-auditoria'));
    await expectRefused(file, /chave de auditoria .* não existe/);
  });

  it('exits 2 on a usage error', async () => {
    const log = path.join(original, 'auditoria.jsonl');
    expect((await verify('--log', log, '--copia', path.join(scratch, 'nao-existe.log'))).code).toBe(2);
    expect((await verify('--log', log, '--opcao-que-nao-existe')).code).toBe(2);
    expect((await verify('--log')).code).toBe(2);
  });
});

// Its refusals to append after each attack are in audit-writer-never-papers-over-a-break.test.ts
// (in this process, so mutation runs reach them).
describe('the writer after an attack', () => {
  it('continues a log whose anchor lagged one entry behind (a crash between the two writes)', async () => {
    const dir = path.join(scratch, 'atrasada');
    const file = await copyFolder(original, dir);
    const anchorBefore = await readFile(path.join(dir, 'ancora-auditoria'));
    await new AuditLog(file, { user: 'ana', role: 'analista' }).record({ action: 'open_snapshot', snapshot: '2026-09-30' });
    await writeFile(path.join(dir, 'ancora-auditoria'), anchorBefore);
    const lagging = await verify('--log', file);
    expect(lagging.code, lagging.stderr).toBe(0);
    expect(lagging.stdout).toMatch(/1 entrada depois da âncora \(seq 6\)/);
    await new AuditLog(file, { user: 'ana', role: 'analista' }).record({ action: 'open_snapshot', snapshot: '2026-10-31' });
    const caughtUp = await verify('--log', file);
    expect(caughtUp.code, caughtUp.stderr).toBe(0);
    expect(caughtUp.stdout).toContain('âncora: seq 8 confere');
  });
});
