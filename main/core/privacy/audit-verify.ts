// Checks an audit log end to end, with its key, its anchor and, when given, the collector's
// copy. The chain: every line parses, its hash is its own, its MAC is the key's, `seq` counts
// up from 1 and `prev` is the hash before (the first break is named; what follows it would
// only repeat it). The anchor: the log still reaches the seq and hash it recorded (cut tail,
// emptied or deleted log). The copy: every entry the collector received is in the log, as is.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAgainstAnchor, readAnchor } from './audit-anchor.ts';
import { GENESIS_HASH, entryHash, entryMac, sameMac } from './audit-chain.ts';
import type { SealedAuditEntry } from './audit-chain.ts';
import { compareWithCopy, readCopy } from './audit-copy.ts';
import { deriveAuditKeys, readAuditKey } from './audit-key.ts';
import type { AuditKeys } from './audit-key.ts';
import { auditPaths } from './audit-paths.ts';
import type { AuditSettings } from './audit-paths.ts';

export type AuditProblemKind =
  | 'invalid'
  | 'edited'
  | 'mac'
  | 'removed'
  | 'reordered'
  | 'chain'
  | 'cut'
  | 'replaced'
  | 'emptied'
  | 'deleted'
  | 'missing'
  | 'anchor'
  | 'key'
  | 'copy_missing'
  | 'copy_differs';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** 1-based line of the log, when the problem is on one. */
  line?: number;
  seq?: number | null;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries read from the log. */
  entries: number;
  problems: AuditProblem[];
  /** Facts that are not tampering (an anchor one entry behind after a crash, a partial copy). */
  notes: string[];
}

export interface VerifyOptions extends Pick<AuditSettings, 'keyPath' | 'anchorPath'> {
  log: string;
  /** The lines the syslog collector wrote. */
  copy?: string;
  /** `<host>:<log path>` of the log in the copy, when it holds several. */
  origin?: string;
}

interface ReadLine {
  line: number;
  entry?: SealedAuditEntry;
}

function seqOf(entry: SealedAuditEntry | undefined): number | null {
  return typeof entry?.seq === 'number' ? entry.seq : null;
}

/** The first break of the chain, if any. Without a key the MACs are not checked. */
export function checkChain(lines: ReadLine[], keys: AuditKeys | undefined): AuditProblem | undefined {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const [index, { line, entry }] of lines.entries()) {
    const seq = seqOf(entry);
    const at = (kind: AuditProblemKind, message: string): AuditProblem => ({ kind, line, seq, message });
    if (entry === undefined) return at('invalid', 'a linha não é JSON válido (entrada truncada ou editada)');
    if (entryHash(entry) !== entry.hash) return at('edited', 'o conteúdo não confere com o hash da própria entrada (entrada editada)');
    if (keys !== undefined && !sameMac(entry.mac, entryMac(keys.entry, entry))) {
      return at('mac', 'o MAC não confere com a chave: a entrada foi escrita ou reescrita sem a chave (hash refeito por quem editou, removeu ou reencadeou entradas)');
    }
    if (seq !== expectedSeq) {
      const later = lines.slice(index + 1).some((other) => seqOf(other.entry) === expectedSeq);
      if (later || seq === null || seq < expectedSeq) return at('reordered', `seq ${String(seq)} onde se esperava ${expectedSeq} (entradas fora de ordem ou repetidas)`);
      return at('removed', `seq ${String(seq)} onde se esperava ${expectedSeq} (entrada removida antes desta)`);
    }
    if (entry.prev !== previousHash) return at('chain', 'o hash da entrada anterior não confere (entrada anterior removida, trocada ou editada)');
    previousHash = entry.hash;
    expectedSeq += 1;
  }
  return undefined;
}

function parseLines(text: string): ReadLine[] {
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  return raw.map((line, index) => {
    try {
      const entry = JSON.parse(line) as SealedAuditEntry;
      return { line: index + 1, ...(entry !== null && typeof entry === 'object' ? { entry } : {}) };
    } catch {
      return { line: index + 1 };
    }
  });
}

async function readLog(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function verifyAudit(options: VerifyOptions): Promise<AuditVerification> {
  const paths = auditPaths(options.log, options);
  const problems: AuditProblem[] = [];
  const notes: string[] = [];
  const text = await readLog(paths.log);
  const lines = text === undefined ? [] : parseLines(text);
  const bySeq = new Map<number, SealedAuditEntry>();
  for (const { entry } of lines) if (typeof entry?.seq === 'number' && !bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);

  const secret = await readAuditKey(paths.key);
  const keys = secret === undefined ? undefined : deriveAuditKeys(secret);
  if (keys === undefined && lines.length > 0) {
    problems.push({ kind: 'key', message: `a chave de auditoria ${paths.key} não existe: sem ela não há como conferir os MACs nem a âncora (chave apagada ou movida)` });
  }

  const broken = checkChain(lines, keys);
  if (broken !== undefined) problems.push(broken);

  if (keys !== undefined) {
    const anchored = await readAnchor(paths.anchor, keys.anchor, path.basename(paths.log));
    if (anchored.state === 'invalid') problems.push({ kind: 'anchor', message: anchored.problem });
    else if (anchored.state === 'missing') {
      if (lines.length > 0) problems.push({ kind: 'anchor', message: `a âncora ${paths.anchor} não existe, mas o registro tem entradas (âncora apagada, ou registro de versão anterior sem âncora)` });
    } else {
      const lastSeq = Math.max(0, ...bySeq.keys());
      const problem = checkAgainstAnchor(anchored.anchor, { exists: text !== undefined, lastSeq, hashAt: (seq) => bySeq.get(seq)?.hash });
      if (problem !== undefined) problems.push({ kind: problem.kind, seq: problem.seq, message: problem.message });
      else if (lastSeq > anchored.anchor.seq) {
        const after = lastSeq - anchored.anchor.seq;
        notes.push(`${after} ${after === 1 ? 'entrada' : 'entradas'} depois da âncora (seq ${anchored.anchor.seq}): a gravação parou antes de mover a âncora; os MACs conferem.`);
      } else notes.push(`âncora: seq ${anchored.anchor.seq} confere.`);
    }
  }
  if (text === undefined && !problems.some((p) => p.kind === 'deleted')) problems.push({ kind: 'missing', message: `o arquivo do registro ${paths.log} não existe` });

  if (options.copy !== undefined) {
    const comparison = compareWithCopy(await readCopy(options.copy), { path: paths.log, keyId: keys?.id, bySeq }, options.origin);
    problems.push(...comparison.problems);
    notes.push(...comparison.notes);
  }
  return { ok: problems.length === 0, entries: lines.length, problems, notes };
}

/** The log at `file`, with the key and anchor at their default places. */
export function verifyAuditLog(file: string): Promise<AuditVerification> {
  return verifyAudit({ log: file });
}
