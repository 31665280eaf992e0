import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateRegistry } from '../../sample-data/generator/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data dir holding the SF 0.01 sample registry, generated once per test run. */
    sampleRegistryDir: string;
  }
}

/** Generates the SF 0.01 registry once for every test file that needs realistic data. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-sf001-'));
  await generateRegistry({ scale: 0.01, seed: 42, outDir: dir });
  project.provide('sampleRegistryDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
