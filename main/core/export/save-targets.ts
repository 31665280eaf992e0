// Where an export may be saved, as only the desktop shell can say: the core never takes a path
// from a client. Electron's main process grants the absolute path its native save dialog
// returned in this session and gets an opaque handle; the page passes the handle back with the
// export, which takes it (once). The web mode never grants one: its exports are downloads.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';

/** A dialog answer is used right away; a handle left unused expires. */
const TTL_MS = 10 * 60_000;
const MAX_PENDING = 16;

export function notAllowed(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'not_allowed', message });
}

const UNKNOWN = 'Local de gravação desconhecido, já usado ou expirado: escolha o arquivo de novo.';

/** A path as a native dialog returns it: absolute, normalised, a file name at the end. */
function isDialogPath(file: string): boolean {
  return path.isAbsolute(file)
    && !file.includes('\0')
    && path.normalize(file) === file
    && !file.split(/[\\/]/).includes('..')
    && path.basename(file) !== ''
    && !/[\\/]$/.test(file);
}

export class SaveTargets {
  private readonly pending = new Map<string, { file: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** For the shell only, with the path its save dialog returned: an opaque, single-use handle. */
  grant(file: string): string {
    if (typeof file !== 'string' || !isDialogPath(file)) throw notAllowed('O diálogo de salvar devolveu um caminho inválido.');
    this.dropExpired();
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    const handle = randomBytes(24).toString('base64url');
    this.pending.set(handle, { file, expiresAt: this.now() + TTL_MS });
    return handle;
  }

  /** The granted path, without using the handle up (to check a request before it starts). */
  peek(handle: unknown): string {
    this.dropExpired();
    const grant = typeof handle === 'string' ? this.pending.get(handle) : undefined;
    if (!grant) throw notAllowed(UNKNOWN);
    return grant.file;
  }

  /** The granted path; the handle is used up. `not_allowed` for a handle never granted, used or expired. */
  take(handle: unknown): string {
    const file = this.peek(handle);
    this.pending.delete(handle as string);
    return file;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [handle, grant] of this.pending) if (grant.expiresAt <= now) this.pending.delete(handle);
  }
}
