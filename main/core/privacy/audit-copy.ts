// The collector's copy of the log (the lines rsyslog or any collector wrote, in whatever
// template) against the log itself: every entry the collector received must be in the log,
// identical. This is the one check that holds against someone who owns the key and rebuilt
// the chain and the anchor, since they cannot reach the collector's file.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { canonicalJson } from './audit-chain.ts';
import type { SealedAuditEntry } from './audit-chain.ts';
import { copyBody, syslogHostname } from './audit-syslog-message.ts';
import type { AuditCopy, AuditOrigin } from './audit-syslog-message.ts';

const MARK = '{"registro":';
const TRUNCATED = /^\{"registro":(\{[^{}]*\}),"entrada":\{"seq":(\d+),/;

/** The copy cannot be read as asked (not found, several logs and none chosen): a usage error. */
export class AuditCopyError extends Error {
  override name = 'AuditCopyError';
}

interface CopiedEntry {
  origin: AuditOrigin;
  seq: number;
  /** Parsed entry; undefined when the collector cut the line short. */
  entry?: SealedAuditEntry;
  text: string;
  line: number;
}

export interface CopyProblem {
  kind: 'copy_missing' | 'copy_differs';
  seq: number;
  message: string;
}

export interface CopyComparison {
  problems: CopyProblem[];
  notes: string[];
}

function parseLine(raw: string, line: number): CopiedEntry | undefined {
  const at = raw.indexOf(MARK);
  if (at < 0) return undefined;
  let text = raw.slice(at).trimEnd();
  for (const candidate of [text, text.slice(0, text.lastIndexOf('}') + 1)]) {
    try {
      const copy = JSON.parse(candidate) as AuditCopy;
      if (typeof copy.entrada?.seq === 'number' && typeof copy.registro?.log === 'string') return { origin: copy.registro, seq: copy.entrada.seq, entry: copy.entrada, text: candidate, line };
    } catch {
      // cut short by the collector's message size limit: compared as a prefix below
    }
  }
  const cut = TRUNCATED.exec(text);
  if (cut === null) return undefined;
  text = text.replace(/\s+$/, '');
  return { origin: JSON.parse(cut[1] as string) as AuditOrigin, seq: Number(cut[2]), text, line };
}

export async function readCopy(file: string): Promise<CopiedEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AuditCopyError(`não foi possível ler a cópia do coletor ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return text.split('\n').flatMap((raw, index) => parseLine(raw, index + 1) ?? []);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const originKey = (origin: AuditOrigin) => `${origin.host}:${origin.log}`;

/** Which log of the copy is this one: the one named, the only one, or this machine's at this path. */
function chooseOrigin(copied: CopiedEntry[], logPath: string, wanted: string | undefined): string | undefined {
  const origins = [...new Set(copied.map((c) => originKey(c.origin)))];
  if (wanted !== undefined) {
    if (origins.includes(wanted)) return wanted;
    throw new AuditCopyError(`a cópia do coletor não tem entradas da origem ${wanted} (tem: ${origins.join(', ') || 'nenhuma'})`);
  }
  if (origins.length <= 1) return origins[0];
  const here = `${syslogHostname(os.hostname())}:${logPath}`;
  if (origins.includes(here)) return here;
  throw new AuditCopyError(`a cópia do coletor tem entradas de ${origins.length} registros (${origins.join(', ')}); diga qual com --origem <host>:<caminho>`);
}

function differingFields(a: SealedAuditEntry, b: SealedAuditEntry): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => canonicalJson((a as unknown as Record<string, unknown>)[name]) !== canonicalJson((b as unknown as Record<string, unknown>)[name])).sort();
}

export function compareWithCopy(
  copied: CopiedEntry[],
  log: { path: string; keyId: string | undefined; bySeq: Map<number, SealedAuditEntry> },
  wantedOrigin?: string,
): CopyComparison {
  const chosen = chooseOrigin(copied, log.path, wantedOrigin);
  if (chosen === undefined) return { problems: [], notes: ['a cópia do coletor não tem nenhuma entrada do Mirante: nada a comparar.'] };
  const mine = copied.filter((c) => originKey(c.origin) === chosen);
  const copiedSeqs = new Set(mine.map((c) => c.seq));
  const problems: CopyProblem[] = [];
  const matched = new Set<number>();
  let truncated = 0;
  for (const copy of mine) {
    const otherKey = log.keyId !== undefined && copy.origin.chave !== log.keyId ? ' (a cópia foi feita com outra chave: a chave do registro foi trocada)' : '';
    const inLog = log.bySeq.get(copy.seq);
    if (inLog === undefined) {
      const what = copy.entry ? ` (${copy.entry.action} de ${copy.entry.user} em ${copy.entry.time})` : '';
      problems.push({ kind: 'copy_missing', seq: copy.seq, message: `a entrada seq ${copy.seq}${what} está na cópia do coletor (linha ${copy.line}) mas não no registro: removida${otherKey}` });
      continue;
    }
    const same = copy.entry !== undefined ? canonicalJson(copy.entry) === canonicalJson(inLog) : copyBody(copy.origin, inLog).startsWith(copy.text);
    if (!same) {
      const fields = copy.entry !== undefined ? `; campos: ${differingFields(copy.entry, inLog).join(', ')}` : '';
      problems.push({ kind: 'copy_differs', seq: copy.seq, message: `a entrada seq ${copy.seq} do registro difere da cópia do coletor (linha ${copy.line}${fields}): editada ou reescrita${otherKey}` });
      continue;
    }
    if (copy.entry === undefined) truncated += 1;
    matched.add(copy.seq);
  }
  const notes = [`cópia do coletor: ${count(matched.size, 'entrada confere', 'entradas conferem')} com o registro (origem ${chosen}).`];
  if (truncated > 0) notes.push(`${count(truncated, 'linha da cópia veio cortada', 'linhas da cópia vieram cortadas')} pelo coletor (aumente maxMessageSize); o trecho recebido confere.`);
  const absent = [...log.bySeq.keys()].filter((seq) => !copiedSeqs.has(seq)).length;
  if (absent > 0) notes.push(`${count(absent, 'entrada do registro não está', 'entradas do registro não estão')} na cópia (coletor fora do ar, fila descartada ou cópia parcial).`);
  const others = copied.length - mine.length;
  if (others > 0) notes.push(`${count(others, 'linha da cópia é de outro registro e foi ignorada', 'linhas da cópia são de outros registros e foram ignoradas')}.`);
  return { problems, notes };
}
