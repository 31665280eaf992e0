// What the reference gate sees of a script, from DuckDB's own parse tree: every table, view or
// file a statement names (with its catalog and schema when written), every table function it
// calls (its name in lower case, its arguments' trees), statement by statement, wherever they sit
// (joins, CTEs, subqueries); a script DuckDB cannot parse says why; and the search path in force.
import { describe, expect, it } from 'vitest';
import { analyseScript } from '../../main/core/privacy/sql-references.ts';
import { useMemoryDuckDB } from '../support/memory-duckdb.ts';

const duckdb = useMemoryDuckDB();

const table = (catalog: string, schema: string, name: string) => ({ catalog, schema, name });

describe('what a script reads', () => {
  it('names each statement’s tables with their catalog and schema, files read by path among them', async () => {
    const analysis = await analyseScript(duckdb.connection, "select * from cat.sch.pessoa p join sch2.familia using (id); from 'x/y.parquet'");
    expect(analysis).toEqual({
      ok: true,
      searchPath: '',
      statements: [
        { tables: [table('cat', 'sch', 'pessoa'), table('', 'sch2', 'familia')], functions: [] },
        { tables: [table('', '', 'x/y.parquet')], functions: [] },
      ],
    });
  });

  it('finds tables and table functions inside CTEs and subqueries, the function in lower case with its arguments', async () => {
    const analysis = await analyseScript(duckdb.connection, "with t as (select * from READ_PARQUET('a.parquet', hive_partitioning = true)) select * from t where id in (select id from vinculo)");
    if (!analysis.ok) throw new Error(analysis.reason);
    const [statement] = analysis.statements;
    expect(statement?.tables).toEqual([table('', '', 't'), table('', '', 'vinculo')]);
    expect(statement?.functions.map((f) => f.name)).toEqual(['read_parquet']);
    const [file, option] = statement?.functions[0]?.args as [{ value: { value: unknown } }, { class: string; left: { column_names: string[] } }];
    expect(file.value.value).toBe('a.parquet');
    expect(option.class).toBe('COMPARISON');
    expect(option.left.column_names).toEqual(['hive_partitioning']);
    const range = await analyseScript(duckdb.connection, 'select * from range(3)');
    expect(range.ok && range.statements[0]?.functions.map((f) => [f.name, f.args.length])).toEqual([['range', 1]]);
  });

  it('gives a statement that reads nothing an empty list, and each statement its own', async () => {
    expect(await analyseScript(duckdb.connection, 'select 1; select 2 from pessoa')).toEqual({
      ok: true,
      searchPath: '',
      statements: [
        { tables: [], functions: [] },
        { tables: [table('', '', 'pessoa')], functions: [] },
      ],
    });
  });

  it('says why a script cannot be analysed: DuckDB’s own parse error', async () => {
    expect(await analyseScript(duckdb.connection, 'selec x')).toEqual({ ok: false, reason: 'syntax error at or near "selec"', searchPath: '' });
  });

  it('reports the search path in force', async () => {
    const own = await duckdb.instance.connect();
    try {
      await own.run('CREATE SCHEMA IF NOT EXISTS outra');
      await own.run("SET search_path = 'outra,main'");
      const analysis = await analyseScript(own, 'select 1');
      expect(analysis.searchPath).toBe('outra,main');
    } finally {
      own.closeSync();
    }
  });
});
