import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const data = inject('sampleRegistryDir');
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-cli-'));
});

async function duckdbCount(sql: string): Promise<bigint> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0]?.[0] as bigint;
}

describe('mirante query', () => {
  it('answers from the newest snapshot, the same count DuckDB reads from the Parquet file', async () => {
    const snapshots = (await readdir(path.join(data, 'snapshots'))).sort();
    const newest = snapshots.at(-1) as string;
    const expected = await duckdbCount(`select count(*) from '${path.join(data, 'snapshots', newest, 'pessoa.parquet')}'`);
    const result = await runCli(['query', 'select count(*) as n from pessoa', '--data', data, '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`n\r\n${expected}\r\n`);
  });

  it('chooses an older snapshot with --snapshot and exposes its date as data_referencia()', async () => {
    const snapshots = (await readdir(path.join(data, 'snapshots'))).sort();
    const oldest = snapshots[0] as string;
    const result = await runCli(['query', 'select data_referencia() as d', '--data', data, '--snapshot', oldest, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ d: oldest });
  });

  it('binds --param values by name, so an injection string matches nothing', async () => {
    const sql = 'select count(*) as n from pessoa where nome = $nome';
    const result = await runCli(['query', sql, '--data', data, '--param', "nome=x' or '1'='1", '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ n: 0 });
  });

  it('prints a readable table by default, with the row count', async () => {
    const result = await runCli(['query', 'select bairro, count(*) as pessoas from pessoa group by all order by 2 desc limit 3', '--data', data]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('bairro');
    expect(result.stdout).toContain('pessoas');
    expect(result.stdout).toMatch(/3 linhas/);
  });

  it('exits 1 with line and column on a query error, and 2 on a usage error', async () => {
    const bad = await runCli(['query', "select 'ação'\nfrom pessoa where coluna_que_nao_existe = 1", '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/linha 2, coluna 19/);
    expect(bad.stdout).toBe('');

    const refused = await runCli(['query', "copy pessoa to '/tmp/x.csv'", '--data', data]);
    expect(refused.code).toBe(1);

    const usage = await runCli(['query', 'select 1', '--format', 'docx', '--data', data]);
    expect(usage.code).toBe(2);
    const noSql = await runCli(['query']);
    expect(noSql.code).toBe(2);
  });

  it('writes --out atomically and leaves no file when the query fails', async () => {
    const good = path.join(outDir, 'bairros.csv');
    const result = await runCli(['query', 'select distinct bairro from pessoa order by 1', '--data', data, '--format', 'csv-br', '--out', good]);
    expect(result.code).toBe(0);
    const text = await readFile(good, 'utf8');
    expect(text.startsWith('\uFEFF"bairro"')).toBe(true);

    const failed = path.join(outDir, 'falhou.csv');
    const bad = await runCli(['query', "select case when i = 2500 then error('quebrou') end as x from range(3000) t(i)", '--data', data, '--format', 'csv', '--out', failed]);
    expect(bad.code).toBe(1);
    expect(existsSync(failed)).toBe(false);
    expect((await readdir(outDir)).filter((name) => name.startsWith('falhou.csv'))).toEqual([]);
  });

  it('writes Parquet that DuckDB reads back with the same values', async () => {
    const file = path.join(outDir, 'tributos.parquet');
    const sql = 'select tributo, count(*) as cdas, sum(saldo) as saldo from divida_ativa group by all order by 1';
    const result = await runCli(['query', sql, '--data', data, '--format', 'parquet', '--out', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const snapshots = (await readdir(path.join(data, 'snapshots'))).sort();
    const source = path.join(data, 'snapshots', snapshots.at(-1) as string, 'divida_ativa.parquet');
    const differences = await duckdbCount(`
      select count(*) from (
        (select * from '${file}' except all
         select tributo, count(*), sum(saldo) from '${source}' group by all)
        union all
        (select tributo, count(*), sum(saldo) from '${source}' group by all except all
         select * from '${file}'))`);
    expect(differences).toBe(0n);
  });

  it('reads the SQL from standard input with "-"', async () => {
    const result = await runCli(['query', '-', '--data', data, '--format', 'json'], { input: 'select 40 + 2 as resposta' });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('{"resposta":42}');
  });
});

describe('mirante --help', () => {
  it('lists the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['generate', 'query', 'bench']) expect(result.stdout).toContain(command);
  });
});
