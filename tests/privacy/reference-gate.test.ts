// Bypasses of the masked views are refused before anything runs: reading the snapshot's
// Parquet files directly (table functions, replacement scans), the raw `bruto_*` schemas,
// SQL held in text, the kept results. What analysts legitimately use still runs.
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Engine } from '../../main/core/engine/engine.ts';
import { enforceReferences } from '../../main/core/engine/reference-gate.ts';
import { refusal } from '../support/refusal.ts';
import { rowsFrom } from '../support/statement-rows.ts';
import { rejection } from '../support/rejection.ts';

const dataDir = inject('sampleRegistryDir');
let engine: Engine;
let snapshotDir: string;
let rawSchema: string;

/** The reference gate is the engine's: these run on the engine itself, below the runner. */
function run(sql: string, params?: Record<string, string>): Promise<unknown[][]> {
  return rowsFrom(engine.execute({ sql, queryId: `q${Math.random()}`, ...(params ? { params } : {}) }));
}

const refusedSql = (sql: string) => refusal(run(sql));

beforeAll(async () => {
  engine = await Engine.open({ dataDir, threads: 2 });
  const newest = engine.defaultSnapshot();
  snapshotDir = path.join(engine.dataDir, 'snapshots', newest);
  rawSchema = `bruto_${newest.replaceAll('-', '_')}`;
});

afterAll(async () => {
  await engine?.close();
});

describe('reference gate', () => {
  const bypasses = (): string[] => {
    const file = path.join(snapshotDir, 'pessoa.parquet');
    return [
      `select cpf from read_parquet('${file}')`,
      `select cpf from parquet_scan('${file}')`,
      `select cpf from '${file}'`,
      `from '${file}'`,
      `select * from "${file}"`,
      `select * from '${snapshotDir}/*.parquet'`,
      `select count(*) from pessoa where cpf in (select cpf from read_parquet('${file}'))`,
      `with x as (from '${file}') select cpf from x`,
      `select * from parquet_metadata('${file}')`,
      `select * from parquet_schema('${file}')`,
      `select * from glob('${snapshotDir}/*')`,
      `select * from read_csv('${file}')`,
      `select * from read_text('${file}')`,
      `select * from read_blob('${file}')`,
      `select * from sniff_csv('${file}')`,
      `select cpf from ${rawSchema}.pessoa`,
      `select cpf from memory.${rawSchema}.pessoa`,
      `select cpf from "${rawSchema.toUpperCase()}".pessoa`,
      `describe ${rawSchema}.pessoa`,
      `select * from query_table('${rawSchema}.pessoa')`,
      `select * from query_table('${file}')`,
      `select * from query_table(['${file}'])`,
      `select * from query_table($t)`,
      `select * from query('select cpf from ${rawSchema}.pessoa')`,
      `select * from json_execute_serialized_sql(json_serialize_sql('select 1'))`,
      `select * from histogram('${file}', cpf)`,
      // A table macro reads the table it is given by name (query_table inside): a raw one is refused.
      `select * from histogram_values(${rawSchema}.pessoa, cpf)`,
      `select 1; select cpf from ${rawSchema}.pessoa`,
      `select 1e309 as x, cpf from ${rawSchema}.pessoa`,
      `select "Infinity" from (select -1e309 as "Infinity"), ${rawSchema}.pessoa`,
    ];
  };

  it('refuses every bypass with not_allowed and a clear message', async () => {
    for (const sql of bypasses()) {
      const error = await refusedSql(sql);
      expect(error.code, sql).toBe('not_allowed');
      expect(error.message.length, sql).toBeGreaterThan(30);
    }
    expect((await refusedSql(`select 1; select cpf from ${rawSchema}.pessoa`)).statementIndex).toBe(1);
    expect((await refusedSql(`from '${snapshotDir}/pessoa.parquet'`)).message).toContain('Ler arquivos diretamente');
    expect((await refusedSql(`select cpf from ${rawSchema}.pessoa`)).message).toContain('sem máscara');
  });

  it('refuses, rather than lets through, a script it cannot analyse', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const unreadable = enforceReferences(connection, 'select 1', 1, [0], { ok: false, reason: 'teste', searchPath: '' });
      await expect(unreadable).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
      expect((await rejection(unreadable)).message).toMatch(/Não foi possível conferir o que a consulta lê \(teste\)/);
      // Two statements serialised where the caller prepared one: refused too.
      await expect(enforceReferences(connection, 'select 1; select 2', 1, [0])).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
      await expect(enforceReferences(connection, 'select 1; select 2', 2, [0, 10])).resolves.toBeUndefined();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('still runs what analysts use: views, CTEs, metadata, value functions, snapshot comparison', async () => {
    const older = engine.snapshots()[0]?.date as string;
    expect(await run('select count(*) > 0 from pessoa')).toEqual([[true]]);
    expect(await run('with a as (select 1 as x) select x from a, range(2) t(i) order by i')).toEqual([[1], [1]]);
    expect(await run('select unnest([1, 2]) as v')).toEqual([[1], [2]]);
    expect((await run("select count(*) from duckdb_schemas() where schema_name like 's\\_%' escape '\\'"))[0]?.[0]).toBeGreaterThan(0n);
    expect((await run('describe pessoa')).length).toBeGreaterThan(5);
    expect((await run('summarize familia')).length).toBeGreaterThan(3);
    const [[viaQueryTable]] = (await run(
      "select count(*) from query_table('s_' || strftime(cast($d as date), '%Y_%m_%d') || '.pessoa')",
      { d: older },
    )) as [[bigint]];
    const [[direct]] = (await run(`select count(*) from s_${older.replaceAll('-', '_')}.pessoa`)) as [[bigint]];
    expect(viaQueryTable).toBe(direct);
    // A literal past DOUBLE's range (serialised as a bare Infinity, not JSON) is analysed and runs.
    expect(await run(`select 1e309 as x, -1e309 as y, 'Infinity' as z`)).toEqual([[Infinity, -Infinity, 'Infinity']]);
    // DuckDB's own value generators read nothing.
    expect(await run('select count(*) > 0 from test_all_types()')).toEqual([[true]]);
    expect(await run('select count(*) > 0 from test_vector_types(NULL::INTEGER)')).toEqual([[true]]);
  });

  it('lets an unmasked query read the raw schema, and only that query', async () => {
    const rows: unknown[][] = [];
    for await (const statement of engine.execute({ sql: 'select cpf from pessoa where cpf is not null limit 1', queryId: 'raw', unmasked: true })) {
      for await (const chunk of statement.chunks) rows.push(...(chunk.getRows() as unknown[][]));
    }
    expect(rows[0]?.[0]).toMatch(/^\d{11}$/);
    const [[masked]] = (await run('select cpf from pessoa where cpf is not null limit 1')) as [[string]];
    expect(masked).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
  });
});
