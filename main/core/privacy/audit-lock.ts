// One writer at a time across processes: a lock file created with O_EXCL (mode 0600) beside
// the log. A lock older than LOCK_STALE_MS was left by a crashed writer and is broken.
import { stat, unlink } from 'node:fs/promises';
import { AuditUnavailableError, auditWriteFailure } from './audit-files.ts';
import { openPrivate } from '../files/private-files.ts';

const LOCK_STALE_MS = 30_000;
export const LOCK_WAIT_MS = 15_000;

export async function withLock<T>(lock: string, work: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await (await openPrivate(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw auditWriteFailure(lock, error);
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else if (Date.now() > deadline) {
        throw new AuditUnavailableError(`O registro de auditoria está ocupado por outro processo há mais de ${Math.round(waitMs / 1000)} s (trava ${lock}). Nada foi executado.`, error);
      } else await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
