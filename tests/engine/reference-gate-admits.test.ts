// What the reference gate lets through: DuckDB's read-only generators and metadata functions,
// histogram_values/histogram over a table the gate would let a query read directly (and no
// other: raw schemas, kept results, the masking key, files), and any literal DuckDB accepts.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/engine/engine.ts';
import { INTERNAL_SCHEMA } from '../../main/core/privacy/masking-key.ts';
import { chunkRows, errorOf, NEW_DATE, OLD_DATE, rowsOf, runAll, useFixtureEngine } from './fixture.ts';

let engine: Engine;
useFixtureEngine((opened) => ({ engine } = opened));

const raw = `bruto_${NEW_DATE.replaceAll('-', '_')}`;
const oldSnapshot = `s_${OLD_DATE.replaceAll('-', '_')}`;

describe('histogram_values and histogram', () => {
  it.each([
    ["select bin, count from histogram_values('pessoa', bairro) order by bin", [['Centro', 3], ['Jundiapeba', 3]]],
    ['select bin, count from histogram_values(pessoa, bairro) order by bin', [['Centro', 3], ['Jundiapeba', 3]]],
    [`select bin, count from histogram_values('${oldSnapshot}.pessoa', bairro) order by bin`, [['Centro', 2], ['Jundiapeba', 2]]],
    ["select bin, count from histogram_values(source := 'pessoa', col_name := bairro) order by bin", [['Centro', 3], ['Jundiapeba', 3]]],
    ["select bin, count from histogram('pessoa', bairro) order by bin", [['Centro', 3], ['Jundiapeba', 3]]],
  ])('admits %s', async (sql, expected) => {
    expect(await rowsOf(engine, sql)).toEqual(expected);
  });

  it.each([
    `select * from histogram_values('${raw}.pessoa', nome)`,
    `select * from histogram_values(${raw}.pessoa, nome)`,
    `select * from histogram_values('memory.${raw}.pessoa', nome)`,
    `select * from histogram('${raw}.pessoa', nome)`,
    "select * from histogram_values('resultados.q1', x)",
    `select * from histogram_values('${INTERNAL_SCHEMA}.chave', x)`,
    "select * from histogram_values('/etc/passwd', x)",
    "select * from histogram_values('pessoa.parquet', x)",
    'select * from histogram_values("/etc/passwd", x)',
    "select * from histogram_values(['pessoa'], bairro)",
    "select * from histogram_values('pes' || 'soa', bairro)",
    "select * from histogram_values(col_name := bairro, source := 'resultados.q1')",
    `select * from histogram_values('pessoa', (select max(nome) from ${raw}.pessoa))`,
  ])('refuses %s', async (sql) => {
    expect(await errorOf(engine, { sql })).toMatchObject({ code: 'not_allowed' });
  });

  it('reads the raw table in an unmasked query, as a direct read would', async () => {
    const rows: unknown[][] = [];
    for await (const statement of engine.execute({ sql: "select sum(count)::int from histogram_values('pessoa', nome)", queryId: 'desmascarada', unmasked: true })) {
      for await (const chunk of statement.chunks) rows.push(...chunkRows(chunk));
    }
    expect(rows).toEqual([[6]]);
  });
});

describe('read-only generators and metadata', () => {
  it.each([
    'select * from duckdb_approx_database_count()',
    'select * from duckdb_connection_count()',
    'select * from duckdb_coordinate_systems()',
    'select * from duckdb_secret_types()',
    'select * from pragma_user_agent()',
    'select count(*) from test_all_types()',
    'select count(*) from test_vector_types(null::int)',
    'select * from range(3)',
  ])('admits %s', async (sql) => {
    await expect(runAll(engine, { sql })).resolves.toHaveLength(1);
  });

  it.each([
    'select * from duckdb_secrets()',
    "select * from which_secret('s3://x', 's3')",
    "select * from pragma_storage_info('pessoa')",
    'select * from duckdb_logs()',
    'select * from duckdb_temporary_files()',
    "select * from duckdb_table_sample('pessoa')",
    'select * from enable_profiling()',
    'select * from checkpoint()',
  ])('still refuses %s', async (sql) => {
    expect(await errorOf(engine, { sql })).toMatchObject({ code: 'not_allowed' });
  });
});
