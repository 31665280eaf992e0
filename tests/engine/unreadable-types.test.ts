// DuckDB's TYPE values (get_type()) cannot be read by node-api ("Unexpected type id: 0"): such
// a column comes back as the text DuckDB itself casts it to (`get_type(1)::VARCHAR` is
// 'INTEGER'), alone, nested in a LIST or STRUCT, next to other columns, with parameters, in
// order, and `describe` says VARCHAR, as the run gives.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/engine/engine.ts';
import { runAll, useFixtureEngine } from './fixture.ts';

let engine: Engine;
useFixtureEngine((opened) => ({ engine } = opened));

/** What bare DuckDB answers for the same query with every column cast to VARCHAR. */
async function bareDuckDB(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`select columns(*)::varchar from (${sql})`);
    return reader.getRows();
  } finally {
    instance.closeSync();
  }
}

describe('columns of a type node-api cannot read', () => {
  it.each([
    'select get_type(1) as t',
    "select 1 as a, get_type([{'a': 1.5}]) as t, 'x' as a",
    "select [get_type(1), get_type('x')] as l, {'t': get_type(now())} as s",
    "select get_type(null) as t, get_type('x'::enum('x')) as e",
  ])('%s comes back as DuckDB casts it to VARCHAR', async (sql) => {
    const [result] = await runAll(engine, { sql });
    const bare = await bareDuckDB(sql);
    expect(result?.rows.map((row) => row.map(String))).toEqual(bare);
  });

  it('keeps the names, the order of the rows and the parameters', async () => {
    const sql = 'select range as n, get_type(range) as t from range(50) where range < $limite order by n desc; select 2 as depois -- fim';
    const results = await runAll(engine, { sql, params: { limite: 5 } });
    expect(results.map((r) => r.columns)).toEqual([['n', 't'], ['depois']]);
    expect(results[0]?.rows).toEqual([4, 3, 2, 1, 0].map((n) => [n, 'BIGINT']));
    expect(results[1]?.rows).toEqual([[2]]);
  });

  it('is described as VARCHAR', async () => {
    const columns = await engine.describe({ sql: 'select 1 as a, get_type(1) as t', queryId: 'descrever-tipo' });
    expect(columns.map((c) => [c.name, c.type])).toEqual([['a', 'INTEGER'], ['t', 'VARCHAR']]);
  });
});
