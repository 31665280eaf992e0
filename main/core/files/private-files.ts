// Files private to the user who runs Mirante: 0600, in folders Mirante creates 0700, whatever
// the umask (a mode passed at creation can only be narrowed by the umask, never widened). A
// file left wider by an older version is narrowed when Mirante writes to it. Used for the audit
// log and its key, the history and the rest of the state folder.
import { chmod, mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

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
