// Resource limits for a desktop that also runs a browser, a spreadsheet and mail: DuckDB's own
// defaults take 80% of the memory and would spill until 90% of the disk is full. A query that
// needs more spills (or fails with a clear "Out of Memory" or "temp directory is full" error),
// and the deployment can raise both (EngineOptions.memoryLimit / maxTempDirectorySize).
//
// Memory is sized by the threads that use it, not by the machine alone: DuckDB fills whatever
// it is allowed with hash tables and cached Parquet pages. Measured with the five curated panels
// at SF 10 on two threads (BENCHMARKS.md): a 9.6 GB limit (40% of 24 GB) peaked at 2.3 GB RSS,
// 1.5 GB at 1.7 GB (1.9–2.2 GB on a loaded machine), 1 GB at 1.3 GB, all in the same time.
import { statfs } from 'node:fs/promises';
import os from 'node:os';

const MEMORY_SHARE = 0.4;
const MEMORY_PER_THREAD_MB = 512;
const MIN_MEMORY_MB = 256;
const DISK_SHARE = 0.2;
const MAX_SPILL_MB = 10 * 1024;
const MIN_SPILL_MB = 256;

/** 512 MiB per DuckDB thread, at most 40% of the machine's memory (at least 256 MB). */
export function defaultMemoryLimit(threads: number, totalBytes = os.totalmem()): string {
  const share = Math.floor((totalBytes * MEMORY_SHARE) / 1024 / 1024);
  return `${Math.max(MIN_MEMORY_MB, Math.min(share, threads * MEMORY_PER_THREAD_MB))}MiB`;
}

/** A fifth of the free space where DuckDB spills, at most 10 GB (at least 256 MB). */
export async function defaultMaxTempDirectorySize(tempFolder: string): Promise<string> {
  const free = await statfs(tempFolder).then((s) => s.bavail * s.bsize, () => MAX_SPILL_MB * 1024 * 1024);
  const megabytes = Math.floor((free * DISK_SHARE) / 1024 / 1024);
  return `${Math.min(MAX_SPILL_MB, Math.max(MIN_SPILL_MB, megabytes))}MB`;
}
