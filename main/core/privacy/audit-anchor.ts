// The anchor: a small file outside the log holding the log's name, the last seq and its hash,
// MACed with the log's key, replaced atomically after every append (written beside, fsynced,
// renamed, folder fsynced). It is what notices the cuts a chain cannot see in itself: the
// last entries dropped, the file emptied or deleted. It is written (at seq 0) before the first
// entry, so a log with entries and no anchor means the anchor was removed.
import { readFile, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { GENESIS_HASH, canonicalJson, hmacHex, sameMac } from './audit-chain.ts';
import { auditWriteFailure } from './audit-files.ts';
import { ensurePrivateDir, openPrivate, syncDir } from '../files/private-files.ts';

export interface AuditAnchor {
  /** Base name of the log it anchors. */
  log: string;
  seq: number;
  hash: string;
  time: string;
}

export type AnchorRead = { state: 'missing' } | { state: 'invalid'; problem: string } | { state: 'ok'; anchor: AuditAnchor };

export type AnchorProblemKind = 'deleted' | 'emptied' | 'cut' | 'replaced';

export interface AnchorProblem {
  kind: AnchorProblemKind;
  seq: number;
  message: string;
}

/** What the anchor is compared with: the log as found on disk. */
export interface LogState {
  exists: boolean;
  /** 0 for an empty log. */
  lastSeq: number;
  /** The hash of entry `seq`, when that entry was read. */
  hashAt(seq: number): string | undefined;
}

function macOf(key: Buffer, anchor: AuditAnchor): string {
  return hmacHex(key, canonicalJson({ ...anchor, tipo: 'ancora' }));
}

export function genesisAnchor(log: string): AuditAnchor {
  return { log, seq: 0, hash: GENESIS_HASH, time: new Date().toISOString() };
}

export async function readAnchor(file: string, key: Buffer, logName: string): Promise<AnchorRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  let stored: Partial<AuditAnchor> & { mac?: unknown };
  try {
    stored = JSON.parse(text) as typeof stored;
  } catch {
    return { state: 'invalid', problem: `a âncora ${file} não é JSON válido (editada)` };
  }
  const { mac, ...rest } = stored;
  if (typeof rest.log !== 'string' || typeof rest.seq !== 'number' || typeof rest.hash !== 'string' || typeof rest.time !== 'string') {
    return { state: 'invalid', problem: `a âncora ${file} está incompleta (editada)` };
  }
  const anchor: AuditAnchor = { log: rest.log, seq: rest.seq, hash: rest.hash, time: rest.time };
  if (!sameMac(mac, macOf(key, anchor))) {
    return { state: 'invalid', problem: `o MAC da âncora ${file} não confere: ela foi editada sem a chave, ou a chave não é a deste registro` };
  }
  if (anchor.log !== logName) return { state: 'invalid', problem: `a âncora ${file} é do registro ${anchor.log}, não de ${logName}` };
  return { state: 'ok', anchor };
}

/** Replaces the anchor atomically: a crash leaves the old one or the new one, never half. */
export async function writeAnchor(file: string, key: Buffer, anchor: AuditAnchor): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await ensurePrivateDir(dir);
    const handle = await openPrivate(temp, 'wx');
    try {
      await handle.write(`${JSON.stringify({ ...anchor, mac: macOf(key, anchor) })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const replacing = await stat(file).then(() => true, () => false);
    await rename(temp, file);
    // The first anchor must survive a crash (a log with entries and no anchor is refused). A
    // later move that a crash undoes leaves the anchor behind the log, which verify and the
    // next append accept (every entry after it still chains and carries its MAC): no fsync of
    // the folder for it, one fewer per audit entry.
    if (!replacing) await syncDir(dir);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw auditWriteFailure(file, error);
  }
}

/** The log against its anchor; undefined when the anchor's entry is there, as recorded. */
export function checkAgainstAnchor(anchor: AuditAnchor, log: LogState): AnchorProblem | undefined {
  const { seq } = anchor;
  if (seq === 0) return undefined;
  if (!log.exists) {
    return { kind: 'deleted', seq, message: `o arquivo do registro não existe, mas a âncora registra ${seq} entradas: registro apagado` };
  }
  if (log.lastSeq === 0) return { kind: 'emptied', seq, message: `o registro está vazio, mas a âncora registra ${seq} entradas: registro esvaziado` };
  if (log.lastSeq < seq) {
    const cut = log.lastSeq + 1 === seq ? `a entrada seq ${seq} do fim foi cortada` : `as entradas seq ${log.lastSeq + 1} a ${seq} do fim foram cortadas`;
    return { kind: 'cut', seq, message: `o registro termina na seq ${log.lastSeq}, mas a âncora registra a seq ${seq}: ${cut}` };
  }
  if (log.hashAt(seq) !== anchor.hash) {
    return { kind: 'replaced', seq, message: `a entrada seq ${seq} não é a que a âncora registrou: o fim do registro foi trocado` };
  }
  return undefined;
}
