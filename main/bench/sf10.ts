// The SF 10 registry the bench measures at: generated into a temporary folder for the run and
// removed after, or, when MIRANTE_BENCH_SF10 names a data dir made before with
// `mirante generate --scale 10`, that one, kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateRegistry } from '../../sample-data/generator/index.ts';

export async function withSf10Registry<T>(use: (dataDir: string) => Promise<T>): Promise<T> {
  const given = process.env.MIRANTE_BENCH_SF10;
  if (given) return use(given);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-sf10-'));
  try {
    await generateRegistry({ scale: 10, seed: 42, outDir: dir });
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
