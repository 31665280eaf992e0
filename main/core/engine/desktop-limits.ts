// Resource limits for a desktop that also runs a browser, a spreadsheet and mail: DuckDB's own
// defaults take 80% of the memory and would spill until 90% of the disk is full. A query that
// needs more fails with a clear "Out of Memory" or "temp directory is full" error instead, and
// the deployment can raise both (EngineOptions.memoryLimit / maxTempDirectorySize).
import { statfs } from 'node:fs/promises';
import os from 'node:os';

const MEMORY_SHARE = 0.4;
const MIN_MEMORY_MB = 256;
const DISK_SHARE = 0.2;
const MAX_SPILL_MB = 10 * 1024;
const MIN_SPILL_MB = 256;

/** 40% of the machine's memory (at least 256 MB). */
export function defaultMemoryLimit(totalBytes = os.totalmem()): string {
  return `${Math.max(MIN_MEMORY_MB, Math.floor((totalBytes * MEMORY_SHARE) / 1024 / 1024))}MB`;
}

/** A fifth of the free space where DuckDB spills, at most 10 GB (at least 256 MB). */
export async function defaultMaxTempDirectorySize(tempFolder: string): Promise<string> {
  const free = await statfs(tempFolder).then((s) => s.bavail * s.bsize, () => MAX_SPILL_MB * 1024 * 1024);
  const megabytes = Math.floor((free * DISK_SHARE) / 1024 / 1024);
  return `${Math.min(MAX_SPILL_MB, Math.max(MIN_SPILL_MB, megabytes))}MB`;
}
