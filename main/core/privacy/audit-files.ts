// The audit files (log, key, anchor, lock) are private to the user who runs Mirante: files
// 0600 and the folders Mirante creates 0700, whatever the umask (a mode passed at creation
// can only be narrowed by the umask, never widened). A file left wider by an older version is
// narrowed when Mirante writes to it. A failure to write becomes one clear pt-BR message.
import { chmod, mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { WorkbenchError } from '../api.ts';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder (and missing parents) as 0700; an existing folder is left as it is. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created !== undefined) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Opens (creating as 0600) a private file; an existing one is narrowed to 0600. */
export async function openPrivate(file: string, flags: 'a' | 'w' | 'wx'): Promise<FileHandle> {
  const handle = await open(file, flags, PRIVATE_FILE_MODE);
  try {
    const { mode } = await handle.stat();
    if ((mode & 0o777) !== PRIVATE_FILE_MODE && (mode & 0o170000) === 0o100000) await handle.chmod(PRIVATE_FILE_MODE);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Makes a directory entry (a new file, a rename) survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'sem permissão de escrita',
  EPERM: 'operação não permitida',
  EROFS: 'o sistema de arquivos é somente leitura',
  EISDIR: 'há uma pasta no lugar do arquivo',
  ENOTDIR: 'parte do caminho não é uma pasta',
  ENOENT: 'o caminho não existe',
  ENOSPC: 'disco cheio',
  EDQUOT: 'cota de disco esgotada',
  EIO: 'erro de leitura ou escrita no disco',
  EMFILE: 'arquivos abertos demais',
};

/** The audit log could not be written: whatever asked for the entry must not go ahead. */
export class AuditUnavailableError extends WorkbenchError {
  constructor(message: string, cause?: unknown) {
    super({ code: 'internal', message });
    this.name = 'AuditUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** Wraps a file-system failure on `file` into a message a user can act on. */
export function auditWriteFailure(file: string, error: unknown): AuditUnavailableError {
  if (error instanceof AuditUnavailableError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code !== undefined ? REASONS[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
  return new AuditUnavailableError(
    `Não foi possível gravar o registro de auditoria (${file}): ${reason}${code ? ` [${code}]` : ''}. O registro vem antes da ação: sem ele, nada é executado.`,
    error,
  );
}
