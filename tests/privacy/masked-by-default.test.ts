// With default settings, no real CPF, CNS, NIS or name reaches the renderer, a copy, a
// profile, completion, or any CLI export: the values are read from the Parquet files
// directly and looked for in everything the workbench hands out.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ColumnProfile } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { runCli } from '../support/run-cli.ts';
import { collect, leaksInTable, leaksInText, readRealIdentifiers, tsvOf } from './support.ts';
import type { RealIdentifiers } from './support.ts';

const dataDir = inject('sampleRegistryDir');
let real: RealIdentifiers;
let workbench: Workbench;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-privacy-mask-'));
  real = await readRealIdentifiers(dataDir);
  workbench = await Workbench.open({
    dataDir,
    stateDir: path.join(scratch, 'state'),
    auditLog: path.join(scratch, 'auditoria.jsonl'),
    user: 'analista-teste',
    threads: 2,
  });
});

afterAll(async () => {
  await workbench?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('masked by default', () => {
  it('reads thousands of real identifiers to look for', () => {
    expect(real.numbers.size).toBeGreaterThan(1000);
    expect(real.names.size).toBeGreaterThan(1000);
    // The scanners do find real values when they are there.
    const someNumbers = [...real.numbers].slice(0, 3);
    const someNames = [...real.names].slice(0, 2);
    expect(leaksInText(`x ${someNumbers.join(';')} ${someNames.join(',')}`, real).sort()).toEqual([...someNumbers, ...someNames].sort());
  });

  it('sends no real identifier in batch events, fetched pages or a TSV copy', async () => {
    const sql = 'select * from pessoa; select c.*, p.cpf, p.nome as nome_pessoa from contribuinte c left join pessoa p using (pessoa_id)';
    const { queryId, events } = await collect(workbench, (id) => workbench.runQuery({ sql, queryId: id }));
    const done = events.filter((e) => e.kind === 'done');
    expect(done).toHaveLength(2);
    for (const event of events) {
      if (event.kind === 'error') throw new Error(event.error.message);
      if (event.kind !== 'batch') continue;
      expect(leaksInTable(decodeIpc(event.ipc), real)).toEqual([]);
      expect(leaksInText(Buffer.from(event.ipc).toString('utf8'), real)).toEqual([]);
    }
    for (const statementIndex of [0, 1]) {
      const rows = done[statementIndex]?.kind === 'done' ? done[statementIndex].rowCount : 0;
      expect(rows).toBeGreaterThan(100);
      for (let offset = 0; offset < rows; offset += 5000) {
        const page = await workbench.fetchRows({ queryId, statementIndex, offset, limit: 5000 });
        const table = decodeIpc(page.ipc);
        expect(leaksInTable(table, real)).toEqual([]);
        expect(leaksInText(Buffer.from(page.ipc).toString('utf8'), real)).toEqual([]);
        expect(leaksInText(tsvOf(table), real)).toEqual([]);
      }
    }
    const first = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 50 })).ipc);
    const cpfs = (first.getChild('cpf')?.toArray() as (string | null)[]).filter((v) => v !== null);
    expect(cpfs.length).toBeGreaterThan(0);
    for (const cpf of cpfs) expect(cpf).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
    for (const nome of first.getChild('nome')?.toArray() as string[]) expect(nome).toMatch(/^([A-ZÀ-Ý]\. ?)+$/u);
  });

  it('badges result columns traced to registry columns', async () => {
    const { events } = await collect(workbench, (id) =>
      workbench.runQuery({ sql: 'select pessoa_id, cpf, raca_cor, cpf as documento from pessoa limit 3', queryId: id }),
    );
    const columns = events.find((e) => e.kind === 'columns');
    expect(columns?.kind === 'columns' && columns.columns.map((c) => c.privacy)).toEqual(['publico', 'identificador', 'sensivel', undefined]);
  });

  it('profiles (of results and of catalog tables) show no real identifier', async () => {
    const { queryId } = await collect(workbench, (id) => workbench.runQuery({ sql: 'select cpf, cns, nis, nome, nome_mae from pessoa', queryId: id }));
    const profiles: ColumnProfile[] = [];
    for (const column of [0, 1, 2, 3, 4]) profiles.push(await workbench.profileColumn({ kind: 'result', queryId, statementIndex: 0, column }));
    for (const column of ['cpf', 'cns', 'nis', 'nome', 'nome_mae']) profiles.push(await workbench.profileColumn({ kind: 'table', table: 'pessoa', column }));
    const text = JSON.stringify(profiles);
    expect(profiles.every((p) => p.histogram.length > 0)).toBe(true);
    expect(leaksInText(text, real, Infinity)).toEqual([]);
  });

  it('completion items carry no real identifier', async () => {
    const items = [];
    for (const sql of ["select * from pessoa where nome = '", 'select nome, cpf from pessoa where ', 'select * from pessoa p where p.']) {
      items.push(...(await workbench.complete({ sql, cursor: sql.length })).items);
    }
    expect(items.length).toBeGreaterThan(0);
    expect(leaksInText(JSON.stringify(items), real, Infinity)).toEqual([]);
  });

  it('CLI exports (csv, json, parquet) carry no real identifier', async () => {
    for (const format of ['csv', 'json'] as const) {
      const result = await runCli(['query', 'select * from pessoa', '--data', dataDir, '--format', format]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n').length).toBeGreaterThan(1000);
      expect(leaksInText(result.stdout, real, Infinity)).toEqual([]);
    }
    const out = path.join(scratch, 'pessoa.parquet');
    const result = await runCli(['query', 'select * from pessoa', '--data', dataDir, '--format', 'parquet', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(leaksInText((await readFile(out)).toString('latin1'), real)).toEqual([]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const rows = (await connection.runAndReadAll(`SELECT cpf, cns, nis, nome, nome_mae FROM '${out}'`)).getRowsJS() as (string | null)[][];
      expect(rows.length).toBeGreaterThan(1000);
      const cells = rows.flat().filter((v): v is string => v !== null);
      expect(cells.filter((v) => real.numbers.has(v) || real.names.has(v))).toEqual([]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
