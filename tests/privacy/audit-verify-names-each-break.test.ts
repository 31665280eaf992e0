// verifyAudit itself (in this process, where mutation testing can see it; audit-tamper drives
// the same attacks through the `mirante audit verify` command): each break of a real log is
// named with its kind, line and seq, and only the first break of the chain is reported.
// Two attacks get past every check but the `prev` link: an entry edited and rehashed once the
// key is gone (no MAC to check), and an entry taken from another log sealed with the same key
// (its own hash, MAC and seq are all valid).
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, entryHash } from '../../main/core/privacy/audit-chain.ts';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { verifyAudit, verifyAuditLog } from '../../main/core/privacy/audit-verify.ts';
import type { AuditVerification } from '../../main/core/privacy/audit-verify.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { writeAnchor } from '../../main/core/privacy/audit-anchor.ts';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import { RECORDS, copyFolder, readLines, rechain, writeAuditLog, writeLines } from './audit-support.ts';

let scratch: string;
let original: string;
let lines: string[];
let attack = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-verify-'));
  original = path.join(scratch, 'original');
  await writeAuditLog(original);
  lines = await readLines(path.join(original, 'auditoria.jsonl'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function attacked(change: (lines: string[]) => string[]): Promise<string> {
  const file = await copyFolder(original, path.join(scratch, `ataque-${(attack += 1)}`));
  await writeLines(file, change([...lines]));
  return file;
}

/** An entry edited as an attacker without the key would: field changed, its own hash recomputed. */
function editAndRehash(line: string, change: (entry: SealedAuditEntry) => void): string {
  const entry = JSON.parse(line) as SealedAuditEntry;
  change(entry);
  return JSON.stringify({ ...entry, hash: entryHash(entry) });
}

function kinds(result: AuditVerification): string[] {
  return result.problems.map((problem) => problem.kind);
}

describe('verifyAudit on an intact log', () => {
  it('is ok, counts the entries and notes the anchor it checked', async () => {
    const result = await verifyAuditLog(path.join(original, 'auditoria.jsonl'));
    expect(result).toEqual({ ok: true, entries: RECORDS.length, problems: [], notes: [`âncora: seq ${RECORDS.length} confere.`] });
  });

  it('chains from the genesis hash: the first entry links to 64 zeros and each next one to the hash before', () => {
    const entries = lines.map((line) => JSON.parse(line) as SealedAuditEntry);
    expect(entries[0]?.prev).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]?.prev).toBe(entries[i - 1]?.hash);
  });
});

describe('verifyAudit names the prev link when it is the only witness', () => {
  it('names the entry after one edited and rehashed once the key is gone', async () => {
    const file = await attacked((l) => {
      l[3] = editAndRehash(l[3] as string, (entry) => {
        entry.purpose = 'Rotina';
      });
      return l;
    });
    await unlink(path.join(path.dirname(file), 'chave-auditoria'));
    const result = await verifyAudit({ log: file });
    expect(result.ok).toBe(false);
    expect(kinds(result)).toEqual(['key', 'chain']);
    expect(result.problems[1]).toMatchObject({ kind: 'chain', line: 5, seq: 5, message: expect.stringMatching(/hash da entrada anterior não confere/) });
  });

  it('names an entry taken from another log sealed with the same key', async () => {
    const key = path.join(scratch, 'chave-compartilhada');
    const anchorOf = (name: string) => path.join(scratch, `ancora-${name}`);
    const first = await writeAuditLog(path.join(scratch, 'primeiro'), RECORDS.length, { keyPath: key, anchorPath: anchorOf('primeiro') });
    const second = await writeAuditLog(path.join(scratch, 'segundo'), RECORDS.length, { keyPath: key, anchorPath: anchorOf('segundo') });
    const own = await readLines(first.file);
    const foreign = await readLines(second.file);
    // Same key, same seq, its own valid hash and MAC: only `prev` tells it is not this log's.
    await writeLines(first.file, [...own.slice(0, 3), foreign[3] as string, ...own.slice(4)]);
    const result = await verifyAudit({ log: first.file, keyPath: key, anchorPath: anchorOf('primeiro') });
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'chain', line: 4, seq: 4 })]);
    // The intact second log, with the same key, still verifies.
    expect((await verifyAudit({ log: second.file, keyPath: key, anchorPath: anchorOf('segundo') })).ok).toBe(true);
  });

  it('without the key still checks each hash and names an edit that kept the old hash', async () => {
    const file = await attacked((l) => {
      l[1] = (l[1] as string).replace('select count(*) from pessoa', 'select 1');
      return l;
    });
    await unlink(path.join(path.dirname(file), 'chave-auditoria'));
    const result = await verifyAudit({ log: file });
    expect(kinds(result)).toEqual(['key', 'edited']);
    expect(result.problems[1]).toMatchObject({ line: 2, seq: 2 });
    expect(result.problems[0]?.message).toMatch(/chave de auditoria .* não existe/);
  });
});

describe('verifyAudit names each break with its line and seq', () => {
  it('an edited entry (hash), then the same edit rehashed (MAC)', async () => {
    const edit = (l: string[]) => {
      l[3] = (l[3] as string).replace('Conferência de cadastro duplicado', 'Rotina');
      return l;
    };
    const edited = await verifyAudit({ log: await attacked(edit) });
    expect(edited.problems).toEqual([{ kind: 'edited', line: 4, seq: 4, message: expect.stringMatching(/entrada editada/) }]);
    const rehashed = await verifyAudit({ log: await attacked((l) => rechain(edit(l))) });
    // Rechained from there on, so the tail the anchor recorded is gone too.
    expect(rehashed.problems).toEqual([
      { kind: 'mac', line: 4, seq: 4, message: expect.stringMatching(/MAC não confere/) },
      { kind: 'replaced', seq: 6, message: expect.stringMatching(/não é a que a âncora registrou/) },
    ]);
  });

  it('a line that is not JSON, and a JSON line that is not an entry', async () => {
    const cut = await verifyAudit({ log: await attacked((l) => [...l.slice(0, 2), (l[2] as string).slice(0, 40), ...l.slice(3)]) });
    expect(cut.problems[0]).toEqual({ kind: 'invalid', line: 3, seq: null, message: expect.stringMatching(/não é JSON válido/) });
    expect(cut.entries).toBe(RECORDS.length);
    const scalar = await verifyAudit({ log: await attacked((l) => [...l.slice(0, 2), '42', ...l.slice(3)]) });
    expect(scalar.problems[0]).toMatchObject({ kind: 'invalid', line: 3, seq: null });
  });

  it('a removed entry: the next seq jumps ahead', async () => {
    const result = await verifyAudit({ log: await attacked((l) => l.filter((_, i) => i !== 2)) });
    expect(result.problems).toEqual([{ kind: 'removed', line: 3, seq: 4, message: 'seq 4 onde se esperava 3 (entrada removida antes desta)' }]);
    expect(result.entries).toBe(RECORDS.length - 1);
  });

  it('the first entry removed: seq 2 where 1 was expected', async () => {
    const result = await verifyAudit({ log: await attacked((l) => l.slice(1)) });
    expect(result.problems[0]).toMatchObject({ kind: 'removed', line: 1, seq: 2 });
  });

  it('reordered entries: a seq that comes back later, a repeated seq, a seq without a number', async () => {
    const swapped = await verifyAudit({ log: await attacked((l) => [l[0], l[2], l[1], ...l.slice(3)] as string[]) });
    expect(swapped.problems).toEqual([{ kind: 'reordered', line: 2, seq: 3, message: 'seq 3 onde se esperava 2 (entradas fora de ordem ou repetidas)' }]);
    // seq 2 again where 3 was expected, and no seq 3 later: a copy of an earlier entry.
    const repeated = await verifyAudit({ log: await attacked((l) => [l[0], l[1], l[1], ...l.slice(3)] as string[]) });
    expect(repeated.problems[0]).toMatchObject({ kind: 'reordered', line: 3, seq: 2 });
    const noSeqFile = await attacked((l) => {
      l[1] = editAndRehash(l[1] as string, (entry) => {
        (entry as { seq?: unknown }).seq = 'dois';
      });
      return l;
    });
    await unlink(path.join(path.dirname(noSeqFile), 'chave-auditoria'));
    const noSeq = await verifyAudit({ log: noSeqFile });
    expect(kinds(noSeq)).toEqual(['key', 'reordered']);
    expect(noSeq.problems[1]).toMatchObject({ line: 2, seq: null, message: 'seq null onde se esperava 2 (entradas fora de ordem ou repetidas)' });
  });

  it('reports only the first break of the chain', async () => {
    const result = await verifyAudit({
      log: await attacked((l) => {
        l[1] = (l[1] as string).replace('pessoa', 'familia');
        l[4] = (l[4] as string).replace('"rows":6', '"rows":7');
        return l;
      }),
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'edited', line: 2 });
  });
});

describe('verifyAudit against the anchor', () => {
  it('names a cut tail of one entry and of several', async () => {
    const one = await verifyAudit({ log: await attacked((l) => l.slice(0, -1)) });
    expect(one.problems).toEqual([{ kind: 'cut', seq: 6, message: 'o registro termina na seq 5, mas a âncora registra a seq 6: a entrada seq 6 do fim foi cortada' }]);
    const several = await verifyAudit({ log: await attacked((l) => l.slice(0, 3)) });
    expect(several.problems[0]?.message).toMatch(/as entradas seq 4 a 6 do fim foram cortadas/);
  });

  it('names an emptied log, a deleted one, and a tail replaced by an entry of the same seq', async () => {
    const emptied = await verifyAudit({ log: await attacked(() => []) });
    expect(emptied).toMatchObject({ ok: false, entries: 0, problems: [{ kind: 'emptied', seq: 6 }] });
    const deletedFile = await attacked((l) => l);
    await unlink(deletedFile);
    const deleted = await verifyAudit({ log: deletedFile });
    expect(deleted.problems).toEqual([{ kind: 'deleted', seq: 6, message: expect.stringMatching(/registro apagado/) }]);
    const replaced = await verifyAudit({
      log: await attacked((l) => {
        l[5] = editAndRehash(l[5] as string, (entry) => {
          entry.rows = 60;
        });
        return l;
      }),
    });
    expect(kinds(replaced)).toEqual(['mac', 'replaced']);
    expect(replaced.problems[1]).toMatchObject({ seq: 6, message: expect.stringMatching(/não é a que a âncora registrou/) });
  });

  it('names a log missing with no anchor either, and a deleted anchor of a log with entries', async () => {
    const empty = await mkdtemp(path.join(scratch, 'vazio-'));
    const missing = await verifyAudit({ log: path.join(empty, 'auditoria.jsonl') });
    expect(missing).toMatchObject({ ok: false, entries: 0, problems: [{ kind: 'missing' }] });
    const file = await attacked((l) => l);
    await unlink(path.join(path.dirname(file), 'ancora-auditoria'));
    const noAnchor = await verifyAudit({ log: file });
    expect(noAnchor.problems).toEqual([{ kind: 'anchor', message: expect.stringMatching(/âncora .* não existe, mas o registro tem entradas/) }]);
  });

  it('names an anchor that is not JSON, one incomplete, one of another log, and one with a wrong MAC', async () => {
    const cases: [string, (anchor: Record<string, unknown>) => string, RegExp][] = [
      ['json', () => '{ não é json', /não é JSON válido/],
      ['incompleta', ({ seq: _seq, ...rest }) => JSON.stringify(rest), /está incompleta/],
      ['outro', (anchor) => JSON.stringify({ ...anchor, log: 'outro.jsonl' }), /MAC da âncora/],
      ['mac', (anchor) => JSON.stringify({ ...anchor, mac: 'f'.repeat(64) }), /MAC da âncora .* não confere/],
    ];
    for (const [name, edit, expected] of cases) {
      const file = await attacked((l) => l);
      const anchorFile = path.join(path.dirname(file), 'ancora-auditoria');
      await writeFile(anchorFile, edit(JSON.parse(await readFile(anchorFile, 'utf8')) as Record<string, unknown>));
      const result = await verifyAudit({ log: file });
      expect(result.problems, name).toEqual([{ kind: 'anchor', message: expect.stringMatching(expected) }]);
    }
  });

  it('names a valid anchor of another log sealed with the same key', async () => {
    const file = await attacked((l) => l);
    const dir = path.dirname(file);
    const secret = await readFile(path.join(dir, 'chave-auditoria'));
    const last = JSON.parse(lines.at(-1) as string) as SealedAuditEntry;
    await writeAnchor(path.join(dir, 'ancora-auditoria'), deriveAuditKeys(secret).anchor, { log: 'outro.jsonl', seq: last.seq, hash: last.hash, time: last.time });
    const result = await verifyAudit({ log: file });
    expect(result.problems).toEqual([{ kind: 'anchor', message: expect.stringMatching(/é do registro outro\.jsonl, não de auditoria\.jsonl/) }]);
  });

  it('notes entries written after the anchor (a crash before the anchor moved), in the singular and the plural', async () => {
    for (const extra of [1, 2]) {
      const dir = path.join(scratch, `atrasada-${extra}`);
      const file = await copyFolder(original, dir);
      const anchorBefore = await readFile(path.join(dir, 'ancora-auditoria'));
      const log = new AuditLog(file, { user: 'ana', role: 'analista' });
      for (let i = 0; i < extra; i += 1) await log.record({ action: 'open_snapshot', snapshot: '2026-09-30' });
      await writeFile(path.join(dir, 'ancora-auditoria'), anchorBefore);
      const result = await verifyAudit({ log: file });
      expect(result.ok, JSON.stringify(result.problems)).toBe(true);
      const noun = extra === 1 ? 'entrada' : 'entradas';
      expect(result.notes).toEqual([`${extra} ${noun} depois da âncora (seq 6): a gravação parou antes de mover a âncora; os MACs conferem.`]);
    }
  });
});
