// A failure to write the audit files (log, key, anchor, lock: private files, see
// files/private-files.ts) becomes one clear pt-BR message, and stops whatever asked for it.
import { WorkbenchError } from '../api/index.ts';

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
