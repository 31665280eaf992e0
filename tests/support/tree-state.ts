import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every entry under `root` (links not followed): kind (and a link's target), size, mtime,
 * inode, mode and the bytes' hash, to prove a refused call created or changed nothing.
 */
export async function treeState(root: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      const info = await lstat(file);
      const kind = info.isSymbolicLink() ? `link→${await readlink(file)}` : info.isDirectory() ? 'dir' : 'file';
      const hash = info.isFile() ? createHash('sha256').update(await readFile(file)).digest('hex') : '';
      state.set(path.relative(root, file), `${kind} ${info.size} ${info.mtimeMs} ${info.ino} ${(info.mode & 0o7777).toString(8)} ${hash}`);
      if (info.isDirectory()) await walk(file);
    }
  };
  await walk(root);
  return state;
}
