// Checks an audit log end to end: every line parses, `seq` counts up by one from 1, `prev`
// is the hash of the line before, and `hash` is the entry's own. The first failure names
// the line and seq and says what is wrong (edited, removed or reordered entries).
import { readFile } from 'node:fs/promises';
import type { AuditEntry } from '../api.ts';
import { GENESIS_HASH, entryHash } from './audit-chain.ts';

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; line: number; seq: number | null; problem: string };

function seqOf(line: string): number | undefined {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : undefined;
  } catch {
    return undefined;
  }
}

export function verifyAuditText(text: string): AuditVerification {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const fail = (seq: number | null, problem: string): AuditVerification => ({ ok: false, entries: index, line, seq, problem });
    let entry: AuditEntry;
    try {
      entry = JSON.parse(raw) as AuditEntry;
    } catch {
      return fail(null, 'a linha não é JSON válido (entrada truncada ou editada)');
    }
    const seq = typeof entry.seq === 'number' ? entry.seq : null;
    if (entryHash(entry) !== entry.hash) return fail(seq, 'o conteúdo não confere com o hash da própria entrada (entrada editada)');
    if (seq !== expectedSeq) {
      const later = lines.slice(index + 1).some((other) => seqOf(other) === expectedSeq);
      const why = later || seq === null || seq < expectedSeq ? `entradas fora de ordem ou repetidas` : 'entrada removida antes desta';
      return fail(seq, `seq ${String(seq)} onde se esperava ${expectedSeq} (${why})`);
    }
    if (entry.prev !== previousHash) return fail(seq, 'o hash da entrada anterior não confere (entrada anterior removida, trocada ou editada)');
    previousHash = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: lines.length };
}

export async function verifyAuditLog(file: string): Promise<AuditVerification> {
  return verifyAuditText(await readFile(file, 'utf8'));
}
