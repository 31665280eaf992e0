// The audit log's secret: 32 random bytes in a 0600 file, made on the first write. Its uses
// are kept apart by deriving one key per purpose (the redaction hashes use the file's bytes
// as they always did, so a data protection officer can compute them with any HMAC tool).
// A missing key is made again only for a log that has not started: otherwise it was deleted
// or moved, and a fresh one would silently re-key the history.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AuditUnavailableError, auditWriteFailure } from './audit-files.ts';
import { ensurePrivateDir, openPrivate } from '../files/private-files.ts';

const KEY_BYTES = 32;

export interface AuditKeys {
  /** Keyed hashes of identifying values (`hmac-sha256:…`). */
  redact: Buffer;
  /** The MAC of each entry. */
  entry: Buffer;
  /** The MAC of the anchor. */
  anchor: Buffer;
  /** A short public name of the key, sent with the syslog copy to tell keys apart. */
  id: string;
}

export function deriveAuditKeys(secret: Buffer): AuditKeys {
  const derive = (label: string) => createHmac('sha256', secret).update(`mirante/auditoria/${label}/v1`).digest();
  return {
    redact: secret,
    entry: derive('entrada'),
    anchor: derive('ancora'),
    id: createHash('sha256').update(derive('id')).digest('hex').slice(0, 16),
  };
}

/** Reads the key; undefined when the file does not exist. */
export async function readAuditKey(file: string): Promise<Buffer | undefined> {
  let secret: Buffer;
  try {
    secret = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (secret.length < KEY_BYTES) throw new AuditUnavailableError(`A chave de auditoria ${file} tem ${secret.length} bytes; são necessários ao menos ${KEY_BYTES}.`);
  return secret;
}

/** The key, made now when `mayCreate` (the log has no entries and no anchor); else it must exist. */
export async function loadOrCreateAuditKey(file: string, mayCreate: boolean): Promise<Buffer> {
  const existing = await readAuditKey(file).catch((error: unknown) => Promise.reject(auditWriteFailure(file, error)));
  if (existing !== undefined) return existing;
  if (!mayCreate) {
    throw new AuditUnavailableError(
      `A chave de auditoria ${file} não existe, mas o registro já começou: ela foi apagada ou movida. Restaure a chave, ou arquive o registro, a âncora e a chave antigos para começar um novo. Nada foi executado.`,
    );
  }
  const secret = randomBytes(KEY_BYTES);
  try {
    await ensurePrivateDir(path.dirname(file));
    const handle = await openPrivate(file, 'wx');
    try {
      await handle.write(secret);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw auditWriteFailure(file, error);
  }
  return secret;
}
