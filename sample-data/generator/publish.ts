// Moving a fully written snapshot into place, so a half-written one is never mistaken for good.
import { copyFile, mkdir, rename, rm, stat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { realpathSync, existsSync } from 'node:fs';

/** A hidden staging folder beside the snapshots: listings of `YYYY-MM-DD` folders ignore it. */
export async function makeStagingDir(snapshotsDir: string): Promise<string> {
  await mkdir(snapshotsDir, { recursive: true });
  const dir = join(snapshotsDir, `.gerando-${process.pid}-${Date.now()}`);
  await mkdir(dir);
  return dir;
}

/** Replaces `<snapshotsDir>/<date>` with the staged folder (one rename each way). */
export async function publishSnapshot(stagedDir: string, snapshotsDir: string, date: string): Promise<void> {
  const finalDir = join(snapshotsDir, date);
  const retired = join(snapshotsDir, `.substituido-${date}-${process.pid}-${Date.now()}`);
  const hadOld = existsSync(finalDir);
  if (hadOld) await rename(finalDir, retired);
  await rename(stagedDir, finalDir);
  if (hadOld) await rm(retired, { recursive: true, force: true });
}

/** Copies the dictionary into the data dir (through a temporary name), unless it is the same file. */
export async function publishDictionary(source: string, outDir: string): Promise<void> {
  const target = join(outDir, 'dicionario.yaml');
  if (existsSync(target) && realpathSync(target) === realpathSync(source)) return;
  if (resolve(target) === resolve(source)) return;
  const partial = `${target}.partial`;
  await copyFile(source, partial);
  await rename(partial, target);
}

/** Number of files and bytes under a folder (one level of subfolders, as snapshots have). */
export async function measure(dirs: string[]): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const dir of dirs) {
    for (const name of await readdir(dir)) {
      const info = await stat(join(dir, name));
      if (info.isFile()) {
        files++;
        bytes += info.size;
      }
    }
  }
  return { files, bytes };
}
