// The app-private temp folder DuckDB spills to. A crash leaves spill files behind (hundreds
// of MB), so this process's folder is cleared at first open and the folders of processes
// that are gone are removed. Each engine gets its own subfolder, removed at close.
import { mkdir, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PROCESS_FOLDER = /^pid-(\d+)$/;
const clearedRoots = new Set<string>();
let engineCounter = 0;

export function defaultTempRoot(): string {
  return path.join(os.tmpdir(), 'mirante-engine');
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeStaleFolders(root: string): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const pid = PROCESS_FOLDER.exec(entry.name)?.[1];
    if (!entry.isDirectory() || pid === undefined || Number(pid) === process.pid) continue;
    if (!processIsAlive(Number(pid))) await rm(path.join(root, entry.name), { recursive: true, force: true });
  }
}

/** Creates a fresh temp folder for one engine and returns its real path. */
export async function createEngineTempFolder(tempRoot: string = defaultTempRoot()): Promise<string> {
  await mkdir(tempRoot, { recursive: true });
  const root = await realpath(tempRoot);
  const processFolder = path.join(root, `pid-${process.pid}`);
  if (!clearedRoots.has(root)) {
    clearedRoots.add(root);
    await rm(processFolder, { recursive: true, force: true });
    await removeStaleFolders(root);
  }
  engineCounter += 1;
  const folder = path.join(processFolder, `engine-${engineCounter}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  return folder;
}

export async function removeEngineTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}
