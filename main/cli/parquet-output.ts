import { promises as fs } from 'node:fs';
import { moveStagedIntoPlace } from '../core/files/atomic-file.ts';
import type { QueryJob, QueryRunner } from '../core/queries/query-runner.ts';

/**
 * Parquet through DuckDB's own writer: the engine stages the file in its private temp folder
 * (DuckDB never writes where a user points), then Node copies it into place atomically.
 * `out`: already prepared (cli/output.ts prepareOutPath).
 */
export async function writeParquet(runner: QueryRunner, job: QueryJob, out: string): Promise<void> {
  const staged = await (await runner.admit(job)).stageParquet();
  try {
    await moveStagedIntoPlace(staged, out);
  } finally {
    await fs.rm(staged, { force: true });
  }
}
