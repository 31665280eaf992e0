// A full disk while publishing, on a file system that is really full: the data dir on a small
// tmpfs mounted for this test (the tests run as root, in CI too) and a month whose snapshot
// cannot fit. The import must say so in Portuguese, leave the published snapshots as they
// were, show no half-written snapshot and remove its staging folder; with room made, the same
// import publishes.
//
// Where no tmpfs can be mounted (not root, or a container without CAP_SYS_ADMIN), that test is
// skipped and says why, and the one below runs instead: the kernel's own ENOSPC, from
// /dev/full, as DuckDB's Parquet writer and Node report it, must be recognised. It cannot show
// the cleanup: the staging folder is made fresh by the import, so nothing can point it at
// /dev/full without a hook in the code under test.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir, stat, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { discoverSnapshots } from '../../main/core/registry/snapshots.ts';
import { describeWriteFailure } from '../../main/core/snapshot-import/publish.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { DATE, DICTIONARY, MATRICULA_CSV, PREVIOUS, PREVIOUS_SNAPSHOT, exportDir, run } from './support.ts';

const SMALL = '256k';

/** Mounted while the file is collected: which tests run depends on it. */
function mountSmallDisk(): { disk?: string; why?: string } {
  const mountpoint = mkdtempSync(path.join(os.tmpdir(), 'mirante-disco-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SMALL},mode=0700`, 'tmpfs', mountpoint], { stdio: 'pipe' });
    return { disk: mountpoint };
  } catch (error) {
    rmSync(mountpoint, { recursive: true, force: true });
    return { why: `no tmpfs could be mounted (uid ${process.getuid?.()}): ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}` };
  }
}

const { disk, why: whyNoDisk } = mountSmallDisk();
if (whyNoDisk) console.warn(`full-disk.test.ts: ${whyNoDisk}; the full-disk import is skipped and only the /dev/full test runs`);

afterAll(() => {
  if (disk === undefined) return;
  execFileSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** Every file under the snapshots folder with its size and time. */
async function listing(data: string): Promise<string[]> {
  const root = path.join(data, 'snapshots');
  const entries = await readdir(root, { recursive: true });
  return Promise.all(entries.sort().map(async (entry) => `${entry} ${(await stat(path.join(root, entry))).size} ${(await stat(path.join(root, entry))).mtimeMs}`));
}

/** Megabytes of pessoa no compression can shrink: random names, no CPF (a blank is missing, not invalid). */
function bigPessoa(rows: number): string {
  const lines = ['pessoa_id;cpf;nome;data_nascimento;sexo;renda'];
  for (let id = 1; id <= rows; id += 1) lines.push(`${id};;${randomBytes(24).toString('base64')};01/02/1980;F;1,00`);
  return lines.join('\n');
}

describe('a full disk while publishing', () => {
  it.skipIf(disk === undefined)(`says so, publishes nothing, leaves no staging folder; with room made the same import publishes (tmpfs of ${SMALL})`, async () => {
    const data = path.join(disk as string, 'dados');
    await writeRegistry(data, { dictionary: DICTIONARY, snapshots: { [PREVIOUS]: PREVIOUS_SNAPSHOT } });
    const from = await exportDir({ 'pessoa.csv': bigPessoa(20_000), 'matricula.csv': MATRICULA_CSV });
    const before = await listing(data);
    const free = (await statfs(disk as string)).bfree;

    const failure = await run({ fromDir: from, dataDir: data }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkbenchError);
    expect((failure as WorkbenchError).detail).toMatchObject({ code: 'data' });
    expect((failure as Error).message).toMatch(
      /^Disco cheio ao gravar o snapshot em .*\/snapshots\/\.staging-2026-10-31-\d+\. Nada foi publicado e os snapshots publicados não mudaram; libere espaço e importe de novo\.$/,
    );
    expect(await listing(data)).toEqual(before);
    expect(await readdir(path.join(data, 'snapshots'))).toEqual([PREVIOUS]);
    expect((await discoverSnapshots(data)).map((s) => s.date)).toEqual([PREVIOUS]);
    // The staging folder's blocks are given back, and nothing was recorded as published.
    expect((await statfs(disk as string)).bfree).toBe(free);
    const audit = await readFile(path.join(data, 'auditoria', 'auditoria.jsonl'), 'utf8').catch(() => '');
    expect(audit).not.toContain('publish_snapshot');

    execFileSync('mount', ['-o', 'remount,size=64m', disk as string]);
    const retried = await run({ fromDir: from, dataDir: data });
    expect(retried.published?.directory).toBe(path.join(data, 'snapshots', DATE));
    expect((await discoverSnapshots(data)).map((s) => s.date)).toEqual([PREVIOUS, DATE]);
  });

  it.runIf(disk === undefined)('where no tmpfs can be mounted: the kernel’s ENOSPC (/dev/full), as DuckDB and Node report it, is said in Portuguese', async () => {
    expect(whyNoDisk).toBeDefined();
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const duckdb = await connection.run("COPY (SELECT range AS n, md5(range::VARCHAR) AS s FROM range(200000)) TO '/dev/full' (FORMAT parquet)").then(
      () => undefined,
      (error: unknown) => error,
    );
    connection.closeSync();
    instance.closeSync();
    const node = await writeFile('/dev/full', 'x').then(
      () => undefined,
      (error: unknown) => error,
    );
    for (const error of [duckdb, node]) {
      expect(error, 'writing to /dev/full must fail').toBeDefined();
      expect(String(describeWriteFailure(error, '/dados/snapshots/.staging-x'))).toMatch(/Disco cheio ao gravar o snapshot em \/dados\/snapshots\/\.staging-x\. Nada foi publicado/);
    }
  });
});
