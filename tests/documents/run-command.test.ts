// `mirante run` through the real command, in a child process (needs `run` wired in main/cli/index.ts).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { createDataFixture, type DataFixture } from './fixture.ts';

const NOTEBOOK = `---
title: Dívida
params:
  exercicio_minimo: { type: number, default: 2019 }
---

\`\`\`sql estoque
select tributo, exercicio from divida where exercicio >= $exercicio_minimo
\`\`\`

\`\`\`sql por_tributo
select tributo, count(*) as cdas from estoque group by all order by tributo
\`\`\`

\`\`\`sql quebrada
select tributo,
       sem_coluna
from estoque
\`\`\`
`;

let fixture: DataFixture;
let dir: string;
let notebook: string;

beforeAll(async () => {
  fixture = await createDataFixture();
  dir = await mkdtemp(path.join(fixture.root, 'docs-'));
  notebook = path.join(dir, 'divida.md');
  await writeFile(notebook, NOTEBOOK);
});

afterAll(async () => {
  await fixture.cleanup();
});

describe('mirante run', () => {
  it('writes the chosen cell, compiled with the cells it uses and a typed --param', async () => {
    const result = await runCli(['run', notebook, '--cell', 'por_tributo', '--format', 'json', '--data', fixture.dataDir, '--param', 'exercicio_minimo=2024']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { tributo: 'IPTU', cdas: 1 },
      { tributo: 'ISS', cdas: 1 },
      { tributo: 'taxa_lixo', cdas: 1 },
    ]);
  });

  it('runs a plain .sql file as its only cell', async () => {
    const file = path.join(dir, 'conta.sql');
    await writeFile(file, 'select count(*) as n from divida\n');
    const result = await runCli(['run', file, '--format', 'csv', '--data', fixture.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('n\r\n8\r\n');
  });

  it('writes Parquet of the chosen cell', async () => {
    const out = path.join(dir, 'por_tributo.parquet');
    const result = await runCli(['run', notebook, '--cell', 'por_tributo', '--format', 'parquet', '--out', out, '--data', fixture.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`select sum(cdas)::INTEGER from '${out}'`);
    expect(reader.getRows()[0]?.[0]).toBe(8);
    connection.closeSync();
    instance.closeSync();
  });

  it('exits 2 without --cell when the notebook has several named cells, naming them', async () => {
    const result = await runCli(['run', notebook, '--format', 'json', '--data', fixture.dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--cell/);
    expect(result.stderr).toMatch(/estoque, por_tributo, quebrada/);
    const unknown = await runCli(['run', notebook, '--cell', 'nao_existe', '--data', fixture.dataDir]);
    expect(unknown.code).toBe(2);
  });

  it('exits 1 with the line in the .md file of a SQL error in a cell', async () => {
    const result = await runCli(['run', notebook, '--cell', 'quebrada', '--format', 'json', '--data', fixture.dataDir]);
    expect(result.code).toBe(1);
    const line = NOTEBOOK.split('\n').findIndex((text) => text.includes('sem_coluna')) + 1;
    expect(result.stderr).toContain(`linha ${line}, coluna 8`);
    expect(result.stderr).toContain('célula "quebrada"');
  });

  it('exits 1 with the line of a malformed notebook, and the file is left as it was', async () => {
    const file = path.join(dir, 'ruim.md');
    const text = '# t\n\n```sql a\nselect 1\n```\n\n```sql a\nselect 2\n```\n';
    await writeFile(file, text);
    const result = await runCli(['run', file, '--cell', 'a', '--data', fixture.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('linha 7');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses an unknown --param or a value of the wrong type with exit 2', async () => {
    const bad = await runCli(['run', notebook, '--cell', 'estoque', '--data', fixture.dataDir, '--param', 'exercicio_minimo=muitos']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"muitos" não é um número/);
    const result = await runCli(['run', notebook, '--cell', 'estoque', '--data', fixture.dataDir, '--param', 'ano=2024']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/parâmetro desconhecido: ano \(o documento declara: exercicio_minimo\)/);
  });
});

