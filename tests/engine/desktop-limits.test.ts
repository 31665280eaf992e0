// Without limits from the deployment, DuckDB gets limits a desktop can live with: 512 MiB per
// thread, at most 40% of the memory (DuckDB alone would take 80%) and a spill folder capped at a fifth of the free disk,
// at most 10 GB (DuckDB alone would fill 90% of the disk).
import os from 'node:os';
import { statfs } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBInstance } from '@duckdb/node-api';
import { defaultMaxTempDirectorySize, defaultMemoryLimit } from '../../main/core/engine/desktop-limits.ts';
import { createSandboxedInstance } from '../../main/core/engine/instance.ts';
import { createEngineTempFolder } from '../../main/core/engine/temp-folder.ts';
import { createFixture, type Fixture } from './fixture.ts';

let fixture: Fixture;
let tempFolder: string;
let instance: DuckDBInstance;

async function bytesOf(setting: string): Promise<number> {
  const connection = await instance.connect();
  try {
    const text = String((await connection.runAndReadAll(`SELECT current_setting('${setting}')`)).getRows()[0]?.[0]);
    const match = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(text);
    if (!match) throw new Error(`unexpected ${setting}: ${text}`);
    return Number(match[1]) * 1024 ** (['KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2] as string) + 1);
  } finally {
    connection.closeSync();
  }
}

beforeAll(async () => {
  fixture = await createFixture();
  tempFolder = await createEngineTempFolder(fixture.tempRoot);
  instance = await createSandboxedInstance({ readableDirectories: [fixture.dataDir], tempDirectory: tempFolder, threads: 1 });
});

afterAll(async () => {
  instance?.closeSync();
  await fixture?.cleanup();
});

describe('desktop limits', () => {
  it('gives DuckDB 512 MiB per thread, at most 40% of the memory, not its own 80%', async () => {
    const memory = await bytesOf('memory_limit');
    expect(memory).toBe(Math.min(512 * 1024 ** 2, Math.floor(os.totalmem() * 0.4 / 1024 ** 2) * 1024 ** 2));
    expect(defaultMemoryLimit(2, 24 * 1024 ** 3)).toBe('1024MiB');
    expect(defaultMemoryLimit(16, 16 * 1024 ** 3)).toBe(`${Math.floor(16 * 1024 * 0.4)}MiB`);
    expect(defaultMemoryLimit(1, 64 * 1024 ** 2)).toBe('256MiB');
  });

  it('caps spilling at a fifth of the free disk and 10 GB', async () => {
    const spill = await bytesOf('max_temp_directory_size');
    const { bavail, bsize } = await statfs(tempFolder);
    expect(spill).toBeLessThanOrEqual(10 * 1024 ** 3);
    expect(spill).toBeLessThanOrEqual(Math.max(bavail * bsize * 0.2, 256 * 1024 ** 2) * 1.01);
    expect(await defaultMaxTempDirectorySize(tempFolder)).toMatch(/^\d+MB$/);
  });
});
