import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { QueryJob, QueryRunner } from '../core/queries/query-runner.ts';

/**
 * Parquet through DuckDB's own writer: the engine stages the file in its private temp folder
 * (DuckDB never writes where a user points), then Node moves it into place atomically.
 */
export async function writeParquet(runner: QueryRunner, job: QueryJob, out: string): Promise<void> {
  const staged = await (await runner.admit(job)).stageParquet();
  try {
    await moveIntoPlace(staged, path.resolve(out));
  } finally {
    await fs.rm(staged, { force: true });
  }
}

/** Copy to `<target>.partial`, fsync, rename: works across file systems and never leaves a half file. */
async function moveIntoPlace(source: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.copyFile(source, partial);
    const handle = await fs.open(partial, 'r+');
    await handle.sync();
    await handle.close();
    await fs.rename(partial, target);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
}
