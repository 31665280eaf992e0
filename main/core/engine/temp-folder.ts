// The app-private temp folder DuckDB spills to and stages exports in (kept results may hold
// unmasked rows). It lives under a private root (export/private-folder.ts: 0700, this user's,
// never a folder someone else prepared); a crash leaves spill files behind (hundreds of MB), so
// the folders of processes that are gone are removed when the next engine opens. Each engine
// gets its own subfolder, removed at close.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FOLDER_MODE, ensurePrivateFolder, privateTempRoot, processFolder } from '../export/private-folder.ts';

let engineCounter = 0;

/**
 * Creates a fresh temp folder (0700) for one engine and returns its real path. `tempRoot`:
 * an explicit root must be private (or not exist yet); by default, this user's root under the
 * system temp folder.
 */
export async function createEngineTempFolder(tempRoot?: string): Promise<string> {
  const root = tempRoot === undefined ? await privateTempRoot('engine') : await ensurePrivateFolder(tempRoot);
  const mine = await processFolder(root);
  engineCounter += 1;
  const folder = path.join(mine, `engine-${engineCounter}`);
  await rm(folder, { recursive: true, force: true });
  // Not recursive: the process folder exists, so this creates exactly one folder, ours, 0700.
  await mkdir(folder, { mode: PRIVATE_FOLDER_MODE });
  return folder;
}

export async function removeEngineTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}
