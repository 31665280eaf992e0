// The staging folder of an import: `snapshots/.staging-<date>-<pid>`, a name snapshot
// discovery skips (it reads only YYYY-MM-DD folders). A killed import leaves only this behind;
// the next import removes those whose process is gone.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const STAGING = /^\.staging-(\d{4}-\d{2}-\d{2})-(\d+)$/;

export function stagingName(date: string, pid = process.pid): string {
  return `.staging-${date}-${pid}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders left by imports that are no longer running; returns their names. */
export async function removeStaleStaging(snapshotsDir: string): Promise<string[]> {
  const entries = await readdir(snapshotsDir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = STAGING.exec(entry.name);
    if (!entry.isDirectory() || match === null) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && alive(pid)) continue;
    await rm(path.join(snapshotsDir, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}
