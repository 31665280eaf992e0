// `mirante audit verify --copia`, in this process: the lines a syslog collector wrote (in its
// own template, some cut short by its message size limit, some from other machines' logs)
// against the log. An entry the copy has and the log lost is named with what it was; an entry
// the log rewrote is named with the fields that differ; a cut line counts when the log's entry
// starts with it; a copy of several logs needs the one to compare named. The tests with a real
// rsyslogd (audit-syslog.test.ts) run the command in a child process.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { AuditCopyError } from '../../main/core/privacy/audit-copy.ts';
import { deriveAuditKeys } from '../../main/core/privacy/audit-key.ts';
import type { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { copyBody, syslogHostname } from '../../main/core/privacy/audit-syslog-message.ts';
import type { AuditOrigin } from '../../main/core/privacy/audit-syslog-message.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { reanchor, readLines, rechain, writeAuditLog, writeLines } from './audit-support.ts';
import { rejection } from '../support/rejection.ts';

let dir: string;
let file: string;
let log: AuditLog;
let secret: Buffer;
let origin: AuditOrigin;
let entries: SealedAuditEntry[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-copy-'));
  ({ file, log } = await writeAuditLog(dir));
  await log.close();
  secret = await readFile(log.paths.key);
  origin = { host: syslogHostname(), log: log.paths.log, chave: deriveAuditKeys(secret).id };
  entries = (await readLines(file)).map((line) => JSON.parse(line) as SealedAuditEntry);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A line as rsyslog's traditional file template writes it: its own header, then the message. */
const collectorLine = (body: string, i: number) => `Dec  2 10:00:${String(i).padStart(2, '0')} ${origin.host} mirante[4242]: ${body}`;

async function writeCopy(lines: string[]): Promise<string> {
  const copy = path.join(dir, 'coletor.log');
  await writeFile(copy, `${lines.join('\n')}\n`);
  return copy;
}

const copyOf = (list: SealedAuditEntry[], from: AuditOrigin = origin) => list.map((entry, i) => collectorLine(copyBody(from, entry), i));

async function verifyWith(copy: string, wanted?: string) {
  const result = await verifyAudit({ log: file, copy, ...(wanted !== undefined ? { origin: wanted } : {}) });
  // The anchor's own note ("âncora: seq 6 confere.") is not the copy's.
  const notes = result.notes.filter((note) => !note.startsWith('âncora:'));
  return { ok: result.ok, problems: result.problems.map(({ kind, seq, message }) => ({ kind, seq, message })), notes };
}

/** The attacker who holds the key: rewrites the log, its chain and its anchor. */
async function rewriteLog(edit: (lines: string[]) => string[]): Promise<void> {
  const lines = rechain(edit(await readLines(file)), secret);
  await writeLines(file, lines);
  await reanchor(dir, secret, lines);
}

describe('the collector’s copy against the log', () => {
  it('confirms every entry of an intact copy, in any template, among lines that are not Mirante’s', async () => {
    const copy = await writeCopy(['Dec  2 09:59:59 host sshd[1]: Accepted publickey for ana', ...copyOf(entries), '']);
    expect(await verifyWith(copy)).toEqual({ ok: true, problems: [], notes: [`cópia do coletor: 6 entradas conferem com o registro (origem ${origin.host}:${origin.log}).`] });
    const one = await writeCopy(copyOf(entries.slice(0, 1)));
    expect((await verifyWith(one)).notes).toEqual([
      `cópia do coletor: 1 entrada confere com o registro (origem ${origin.host}:${origin.log}).`,
      '5 entradas do registro não estão na cópia (coletor fora do ar, fila descartada ou cópia parcial).',
    ]);
  });

  it('names an entry the log lost with what it was, and one it rewrote with the fields that differ', async () => {
    const copy = await writeCopy(copyOf(entries));
    await rewriteLog((lines) => {
      const kept = lines.filter((_, i) => i !== 5);
      const unmask = JSON.parse(kept[3] as string) as Record<string, unknown>;
      kept[3] = JSON.stringify({ ...unmask, purpose: 'Outra finalidade', user: 'bruno' });
      return kept;
    });
    const removed = entries[5] as SealedAuditEntry;
    expect(await verifyWith(copy)).toMatchObject({
      ok: false,
      problems: [
        { kind: 'copy_differs', seq: 4, message: 'a entrada seq 4 do registro difere da cópia do coletor (linha 4; campos: hash, mac, purpose, user): editada ou reescrita' },
        // The next entry, untouched, was chained again after the edit: its link and seal differ.
        { kind: 'copy_differs', seq: 5, message: 'a entrada seq 5 do registro difere da cópia do coletor (linha 5; campos: hash, mac, prev): editada ou reescrita' },
        { kind: 'copy_missing', seq: 6, message: `a entrada seq 6 (${removed.action} de ${removed.user} em ${removed.time}) está na cópia do coletor (linha 6) mas não no registro: removida` },
      ],
    });
  });

  it('says when the copy was made with another key: the log’s key was replaced', async () => {
    const copy = await writeCopy(copyOf(entries, { ...origin, chave: 'outra-chave' }));
    await rewriteLog((lines) => lines.slice(0, 5));
    const { problems } = await verifyWith(copy);
    expect(problems).toEqual([{ kind: 'copy_missing', seq: 6, message: expect.stringMatching(/mas não no registro: removida \(a cópia foi feita com outra chave: a chave do registro foi trocada\)$/) as unknown }]);
  });

  it('counts a line the collector cut short when the log’s entry starts with it, and not when it does not', async () => {
    const cut = (entry: SealedAuditEntry) => copyBody(origin, entry).slice(0, 160);
    const copy = await writeCopy([...copyOf(entries.slice(0, 4)), collectorLine(cut(entries[4] as SealedAuditEntry), 5), collectorLine(cut(entries[5] as SealedAuditEntry), 6)]);
    expect(await verifyWith(copy)).toEqual({
      ok: true,
      problems: [],
      notes: [
        `cópia do coletor: 6 entradas conferem com o registro (origem ${origin.host}:${origin.log}).`,
        '2 linhas da cópia vieram cortadas pelo coletor (aumente maxMessageSize); o trecho recebido confere.',
      ],
    });
    // The received part of entry 6 with its last character changed: the log's entry does not start with it.
    const received = cut(entries[5] as SealedAuditEntry);
    const altered = `${received.slice(0, -1)}${received.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await writeCopy([...copyOf(entries.slice(0, 5)), collectorLine(altered, 6)]);
    expect((await verifyWith(wrong)).problems).toEqual([
      { kind: 'copy_differs', seq: 6, message: 'a entrada seq 6 do registro difere da cópia do coletor (linha 6): editada ou reescrita' },
    ]);
  });

  it('reads trailing spaces and a collector’s own suffix after the JSON as part of the line, not of the entry', async () => {
    const copy = await writeCopy(copyOf(entries).map((line, i) => (i % 2 === 0 ? `${line}   ` : `${line} #011`)));
    expect(await verifyWith(copy)).toMatchObject({ ok: true, problems: [] });
  });

  it('with several logs in the copy: this machine’s log at this path, or the one named; else it asks which', async () => {
    const other = { host: 'outra-maquina', log: '/srv/mirante/auditoria.jsonl', chave: 'k2' };
    const mixed = await writeCopy([...copyOf(entries), ...copyOf(entries.slice(0, 2), other)]);
    expect((await verifyWith(mixed)).notes).toEqual([
      `cópia do coletor: 6 entradas conferem com o registro (origem ${origin.host}:${origin.log}).`,
      '2 linhas da cópia são de outros registros e foram ignoradas.',
    ]);
    const named = await verifyWith(mixed, `${other.host}:${other.log}`);
    // The other log's two lines hold the same entries as this log's first two: they compare equal.
    expect(named).toEqual({
      ok: true,
      problems: [],
      notes: [
        `cópia do coletor: 2 entradas conferem com o registro (origem ${other.host}:${other.log}).`,
        '4 entradas do registro não estão na cópia (coletor fora do ar, fila descartada ou cópia parcial).',
        '6 linhas da cópia são de outros registros e foram ignoradas.',
      ],
    });

    const third = { ...other, host: 'terceira' };
    const elsewhere = await writeCopy([...copyOf(entries.slice(0, 1), other), ...copyOf(entries.slice(0, 1), third)]);
    expect((await rejection(verifyWith(elsewhere))).message).toBe(
      `a cópia do coletor tem entradas de 2 registros (${other.host}:${other.log}, ${third.host}:${third.log}); diga qual com --origem <host>:<caminho>`,
    );
    const error = await rejection(verifyWith(elsewhere, 'nenhuma:/x'));
    expect(error).toBeInstanceOf(AuditCopyError);
    expect(error.message).toBe(`a cópia do coletor não tem entradas da origem nenhuma:/x (tem: ${other.host}:${other.log}, ${third.host}:${third.log})`);
    expect((await rejection(verifyWith(await writeCopy(['nada do Mirante']), 'a:/b'))).message).toBe('a cópia do coletor não tem entradas da origem a:/b (tem: nenhuma)');
  });

  it('has nothing to compare in a copy with no Mirante line, and names a copy it cannot read', async () => {
    const empty = await writeCopy(['Dec  2 10:00:00 host cron[2]: job', 'Dec  2 10:00:01 host x: {"registro": 1}', 'x {"registro":{"host":"h"},"entrada":{"seq":"1"}}']);
    expect(await verifyWith(empty)).toEqual({ ok: true, problems: [], notes: ['a cópia do coletor não tem nenhuma entrada do Mirante: nada a comparar.'] });
    const missing = path.join(dir, 'nao-existe.log');
    const error = await rejection(verifyWith(missing));
    expect(error).toBeInstanceOf(AuditCopyError);
    expect(error.message).toBe(`não foi possível ler a cópia do coletor ${missing}: ENOENT`);
  });
});
