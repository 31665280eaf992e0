// Folders only this user can enter: where DuckDB spills and stages exports, where the web mode
// keeps a finished export until its download. A predictable name under the shared temp folder
// (/tmp/mirante-…) could be pre-created by another local user, who would then read what lands
// in it or plant symlinks there; so a folder is used only when it is a real directory (not a
// symlink), owned by this user, with no access for group or others. Files left by a process
// that is gone (a crash: rows, maybe unmasked) are removed when the next one starts.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVATE_DIR_MODE } from '../files/private-files.ts';

/** 0700, as every private folder of Mirante (files/private-files.ts). */
export const PRIVATE_FOLDER_MODE = PRIVATE_DIR_MODE;

/** Why `folder` is not private, or null when it is. lstat: a symlink is never private. */
export async function privacyProblem(folder: string): Promise<string | null> {
  const stat = await fs.lstat(folder);
  if (!stat.isDirectory()) return 'não é uma pasta comum (é um arquivo ou um atalho)';
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return 'pertence a outro usuário';
  // Windows has no mode bits worth reading; its temp folder is per user already.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return 'outros usuários têm acesso a ela';
  return null;
}

/** Creates `folder` with mode 0700 (its parents too), or accepts an existing one only if private; returns its real path. */
export async function ensurePrivateFolder(folder: string): Promise<string> {
  await fs.mkdir(path.dirname(folder), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  try {
    await fs.mkdir(folder, { mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const problem = await privacyProblem(folder);
  if (problem) throw new Error(`A pasta ${folder} não é privada: ${problem}.`);
  return fs.realpath(folder);
}

/**
 * This user's root for `purpose` under the system temp folder (`mirante-<purpose>-<uid>`); when
 * that name is taken by a folder that is not private, a fresh one (`mkdtemp`, 0700) instead:
 * never a folder someone else could have prepared.
 */
export async function privateTempRoot(purpose: string): Promise<string> {
  const wanted = path.join(os.tmpdir(), `mirante-${purpose}-${process.getuid?.() ?? os.userInfo().username}`);
  try {
    return await ensurePrivateFolder(wanted);
  } catch {
    const fresh = await fs.realpath(await fs.mkdtemp(`${wanted}-`));
    const problem = await privacyProblem(fresh);
    if (problem) throw new Error(`A pasta ${fresh} não é privada: ${problem}.`);
    return fresh;
  }
}

const PROCESS_FOLDER = /^pid-(\d+)$/;
const claimedRoots = new Set<string>();

/** True when a process with this pid runs as this user (a signal may be sent to it). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: the pid now belongs to another user, so ours is gone too.
    return false;
  }
}

/** Removes the `pid-<n>` folders under `root` whose process is gone. */
export async function removeDeadProcessFolders(root: string): Promise<void> {
  for (const entry of await fs.readdir(root, { withFileTypes: true })) {
    const pid = PROCESS_FOLDER.exec(entry.name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processIsAlive(Number(pid))) continue;
    await fs.rm(path.join(root, entry.name), { recursive: true, force: true });
  }
}

/**
 * This process's folder under a private root (`pid-<pid>`, 0700). Every call sweeps the folders
 * of dead processes; the first call of this process also empties a folder an earlier process
 * with the same pid left behind.
 */
export async function processFolder(root: string): Promise<string> {
  const real = await ensurePrivateFolder(root);
  const folder = path.join(real, `pid-${process.pid}`);
  if (!claimedRoots.has(real)) {
    claimedRoots.add(real);
    await fs.rm(folder, { recursive: true, force: true });
  }
  await removeDeadProcessFolders(real);
  return ensurePrivateFolder(folder);
}
