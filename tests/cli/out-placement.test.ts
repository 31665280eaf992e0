// `mirante query|run --out` never writes inside the data dir, its snapshots (wherever a link
// points), the audit log's folder (mirante.yaml may put it outside the data dir) or the
// workbench's state folder: refused as a usage error (exit 2) before anything runs, nothing
// created or changed. A file elsewhere is written as before, mode 0600.
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, NEW_DATE, type Fixture } from '../engine/fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { treeState } from '../support/tree-state.ts';

let fixture: Fixture;
let scratch: string;
let auditFolder: string;

beforeAll(async () => {
  fixture = await createFixture();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-cli-out-'));
  auditFolder = path.join(scratch, 'log');
  await mkdir(auditFolder);
  await writeFile(path.join(auditFolder, 'auditoria.jsonl'), '');
  await writeFile(path.join(fixture.dataDir, 'mirante.yaml'), `auditoria: ${path.join(auditFolder, 'auditoria.jsonl')}\n`);
  await symlink(path.join(fixture.dataDir, 'snapshots'), path.join(scratch, 'atalho'));
  await writeFile(path.join(scratch, 'painel.md'), ['---', 'title: P', '---', '', '```sql c', 'select 1 as um', '```', ''].join('\n'));
});

afterAll(async () => {
  await fixture?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

describe('mirante --out', () => {
  it('refuses the data dir, a snapshot (also through a link or a relative path), the audit folder and the state folder', { timeout: 180_000 }, async () => {
    const data = fixture.dataDir;
    const snapshot = path.join(data, 'snapshots', NEW_DATE);
    const query = (format: string, out: string, cwd?: string) =>
      runCli(['query', 'select 1 as n', '--data', data, '--format', format, '--out', out], cwd ? { cwd } : {});
    const dataBefore = await treeState(data);
    const scratchBefore = await treeState(scratch);
    const results = await Promise.all([
      query('csv', path.join(data, 'x.csv')),
      query('csv-br', path.join(data, 'mirante.yaml')),
      query('parquet', path.join(snapshot, 'pessoa.parquet')),
      query('parquet', path.join(scratch, 'atalho', NEW_DATE, 'plantada.parquet')),
      query('json', 'plantada.jsonl', snapshot),
      query('xlsx', path.join(data, 'auditoria', 'novo', 'x.xlsx')),
      query('csv', path.join(auditFolder, 'auditoria.jsonl')),
      query('csv', path.join(os.homedir(), '.mirante', 'historico.jsonl')),
      runCli(['run', path.join(scratch, 'painel.md'), '--data', data, '--format', 'xlsx', '--out', path.join(snapshot, 'p.xlsx')]),
      runCli(['run', path.join(scratch, 'painel.md'), '--data', data, '--format', 'csv', '--out', path.join(data, 'p.csv')]),
    ]);
    for (const result of results) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--out .*pasta de dados, de snapshots, de auditoria ou de estado/);
      expect(result.stdout).toBe('');
    }
    expect(await treeState(data)).toEqual(dataBefore);
    expect(await treeState(scratch)).toEqual(scratchBefore);
  });

  it('writes anywhere else as before (its folder made), mode 0600, guarded for spreadsheets', async () => {
    const out = path.join(scratch, 'saida', 'nova', 'x.csv');
    const result = await runCli(['query', "select '=1+1' as \"@a\", 2 as n", '--data', fixture.dataDir, '--format', 'csv', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(`"'@a","n"\r\n"'=1+1",2\r\n`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
  });
});
