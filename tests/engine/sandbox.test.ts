// The sandbox as DuckDB sees it: every setting in place and locked, even for app-made
// statements, with only the per-connection settings left changeable.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedInstance } from '../../main/core/engine/instance.ts';
import { sandboxStatements } from '../../main/core/engine/sandbox.ts';
import { createEngineTempFolder } from '../../main/core/engine/temp-folder.ts';
import { createFixture } from './fixture.ts';
import type { Fixture } from './fixture.ts';

let fixture: Fixture;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let tempFolder: string;

async function setting(name: string): Promise<unknown> {
  const reader = await connection.runAndReadAll('SELECT current_setting($name)::VARCHAR', { name });
  return reader.getColumnsJS()[0]?.[0];
}

async function failure(sql: string): Promise<string> {
  try {
    await connection.run(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected a failure: ${sql}`);
}

beforeAll(async () => {
  fixture = await createFixture();
  tempFolder = await createEngineTempFolder(fixture.tempRoot);
  instance = await createSandboxedInstance({
    readableDirectories: [path.join(fixture.dataDir, 'snapshots')],
    tempDirectory: tempFolder,
    threads: 2,
    memoryLimit: '512MB',
    maxTempDirectorySize: '1GB',
  });
  connection = await instance.connect();
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await fixture?.cleanup();
});

describe('sandboxed instance', () => {
  it('orders the settings: directories, external access off, temp size, allowed configs, lock last', () => {
    const statements = sandboxStatements({ allowedDirectories: ['/a', '/b/'], maxTempDirectorySize: '1GB' });
    const names = statements.map((statement) => /^SET (\w+)/.exec(statement)?.[1]);
    const position = (name: string): number => names.indexOf(name);
    expect(position('allowed_directories')).toBeLessThan(position('enable_external_access'));
    expect(position('enable_external_access')).toBeLessThan(position('lock_configuration'));
    expect(names.at(-1)).toBe('lock_configuration');
    expect(statements).toContain("SET allowed_directories = ['/a/', '/b/']");
  });

  it('has every setting in place', async () => {
    expect(await setting('enable_external_access')).toBe('false');
    expect(await setting('lock_configuration')).toBe('true');
    expect(await setting('autoinstall_known_extensions')).toBe('false');
    expect(await setting('autoload_known_extensions')).toBe('false');
    expect(await setting('allow_community_extensions')).toBe('false');
    expect(await setting('threads')).toBe('2');
    expect(await setting('memory_limit')).toMatch(/^48\d\.\d MiB$/); // 512MB in DuckDB's units
    expect(await setting('max_temp_directory_size')).toBe('953.6 MiB'); // 1GB
    expect(await setting('temp_directory')).toBe(tempFolder);
    expect(await setting('allowed_directories')).toBe(
      `[${path.join(fixture.dataDir, 'snapshots')}/, ${tempFolder}/]`,
    );
    expect(await setting('allowed_configs')).toBe('[search_path, enable_progress_bar]');
  });

  it('refuses to change the configuration, even from app-made statements', async () => {
    for (const sql of [
      'SET threads = 4',
      'SET enable_external_access = true',
      'RESET lock_configuration',
      'SET lock_configuration = false',
      "SET allowed_directories = ['/']",
      "SET memory_limit = '100GB'",
      'SET autoload_known_extensions = true',
    ]) {
      expect(await failure(sql)).toContain('the configuration has been locked');
    }
    expect(await setting('threads')).toBe('2');
  });

  it('keeps search_path and enable_progress_bar changeable per connection', async () => {
    const other = await instance.connect();
    try {
      await other.run("SET search_path = 'main'");
      await other.run('SET enable_progress_bar = true');
      const reader = await other.runAndReadAll("SELECT current_setting('search_path')");
      expect(reader.getColumnsJS()[0]?.[0]).toBe('main');
    } finally {
      other.closeSync();
    }
  });

  it('reads nothing outside the allowed directories, even for the app', async () => {
    expect(await failure("SELECT * FROM read_csv('/etc/passwd')")).toContain('Permission');
    const pessoa = path.join(fixture.dataDir, 'snapshots', '2026-10-31', 'pessoa.parquet');
    const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM read_parquet('${pessoa}')`);
    expect(reader.getColumnsJS()[0]?.[0]).toBe(6);
  });
});

describe('app-private temp folder', () => {
  it("removes stale folders of dead processes and gives each engine a fresh folder", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'mirante-temp-test-'));
    try {
      // A pid far above any real one on Linux (pid_max is at most 2^22).
      const stale = path.join(root, 'pid-99999999');
      await mkdir(path.join(stale, 'engine-1'), { recursive: true });
      await writeFile(path.join(stale, 'engine-1', 'duckdb_temp_block'), 'x'.repeat(1000));
      const alive = path.join(root, `pid-${process.ppid}`);
      await mkdir(alive);
      const first = await createEngineTempFolder(root);
      const second = await createEngineTempFolder(root);
      expect(first).not.toBe(second);
      expect(path.dirname(first)).toBe(path.join(root, `pid-${process.pid}`));
      expect((await readdir(root)).sort()).toEqual([`pid-${process.pid}`, `pid-${process.ppid}`].sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
