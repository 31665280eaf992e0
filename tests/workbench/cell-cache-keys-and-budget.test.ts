// Which cells the cell cache answers again, and which of its tables it lets go. A cell is
// answered from the cache only when its SQL cannot give another answer within the session (no
// clock, randomness, sampling or catalog read, however it is spelled), keyed by the snapshot,
// the SQL and the parameters (in whatever order they come); past its budget of cells (rows ×
// columns) it drops the tables nobody shows, least recently used first, never one a result
// still shows. "Ran" is observed in DuckDB's catalog: a run keeps its rows in a new table of
// `resultados`, an answer from the cache makes none.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { CellCache, isRepeatable } from '../../main/core/results/cell-cache.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { NEW_DATE, OLD_DATE } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { collectEvents } from './collect-events.ts';
import { keptTables } from './kept-tables.ts';

// One row each; `um`, `dois`, `tres`: one column (1 cell); `largo`, `outro_largo`: three columns (3 cells).
const NOTEBOOK = `---
title: Orçamento do cache
---

\`\`\`sql um
select 1 as a
\`\`\`

\`\`\`sql dois
select 2 as a
\`\`\`

\`\`\`sql tres
select 3 as a
\`\`\`

\`\`\`sql largo
select 1 as a, 2 as b, 3 as c
\`\`\`

\`\`\`sql outro_largo
select 4 as a, 5 as b, 6 as c
\`\`\`

\`\`\`sql grande
select i from range(5000) t(i)
\`\`\`

\`\`\`sql instante
select TIMESTAMPTZ '2026-01-01 12:00:00+00' as t
\`\`\`

\`\`\`sql lento
select sum(i) as s from range(40000000) t(i)
\`\`\`
`;

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-cell-cache-budget-' }, (setup) => {
  ready = setup;
});

function startCell(workbench: Workbench, cell: string): { queryId: string; finished: Promise<QueryEvent[]> } {
  const queryId = randomUUID();
  const finished = collectEvents(workbench, queryId, () => workbench.runCell({ text: NOTEBOOK, path: 'orcamento.md', cell, queryId }));
  return { queryId, finished };
}

async function runCell(workbench: Workbench, cell: string): Promise<string> {
  const { queryId, finished } = startCell(workbench, cell);
  await finished;
  return queryId;
}

/** Runs the cell, releases its result, and says whether DuckDB ran it (a new kept table) or the cache answered. */
async function ranOrCached(workbench: Workbench, cell: string): Promise<'ran' | 'cached'> {
  const before = await keptTables(workbench);
  const queryId = await runCell(workbench, cell);
  const after = await keptTables(workbench);
  await workbench.releaseResult({ queryId });
  return after.some((table) => !before.includes(table)) ? 'ran' : 'cached';
}

describe('what the cell cache may answer again', () => {
  it('never a clock, randomness, sampling or a catalog read, whatever the case or quoting', () => {
    const volatile = [
      'select random()',
      'select RANDOM() as r',
      'select "random"()',
      'select setseed(0.5)',
      'select uuid()',
      'select gen_random_uuid()',
      'select now()',
      'select today()',
      'select current_timestamp',
      'select current_date',
      'select get_current_time()',
      "select nextval('s')",
      "select current_setting('TimeZone')",
      'select * from pessoa using sample 10%',
      'select * from pessoa tablesample 10%',
      'select * from duckdb_tables()',
      'select * from pragma_table_info(\'pessoa\')',
      "select * from read_csv('x.csv')",
      "select * from parquet_metadata('x.parquet')",
      "select * from glob('*')",
      'select * from information_schema.tables',
      'select * from pg_catalog.pg_class',
    ];
    for (const sql of volatile) expect(isRepeatable(sql), sql).toBe(false);
  });

  it('any other SQL, even with names that begin or end like those functions, or those words in text and comments', () => {
    const repeatable = [
      'select pessoa_id, nome from pessoa',
      'select randomness, nowhere, know, read, sample_id, today_count from t',
      "select 'random() now()' as texto",
      "select 'now' as quando, 'random' as sorteio",
      'select 1 -- random()\n',
      'select count(*) as n from pessoa where bairro = $bairro',
      'select my_duckdb_tables, xpragma_x from t',
    ];
    for (const sql of repeatable) expect(isRepeatable(sql), sql).toBe(true);
  });

  it('keys a cell by snapshot, SQL and parameters, whatever order the parameters come in', async () => {
    const workbench = await ready.open('keys');
    const cache = new CellCache(workbench.engine);
    const sql = 'select * from pessoa where bairro = $bairro and raca_cor = $cor and pessoa_id > $id';
    const key = (params: Record<string, string>, snapshot = NEW_DATE, text = sql) => cache.keyOf({ snapshot, sql: text, params });
    const abc = key({ bairro: 'Centro', cor: 'parda', id: '1' });
    expect(abc).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ cor: 'parda', id: '1', bairro: 'Centro' })).toBe(abc);
    expect(key({ id: '1', bairro: 'Centro', cor: 'parda' })).toBe(abc);
    expect(key({ id: '1', cor: 'parda', bairro: 'Centro' })).toBe(abc);
    expect(key({ bairro: 'Centro', cor: 'branca', id: '1' })).not.toBe(abc);
    expect(key({ bairro: 'Centro', cor: 'parda', id: '1' }, OLD_DATE)).not.toBe(abc);
    expect(key({ bairro: 'Centro', cor: 'parda', id: '1' }, NEW_DATE, `${sql} `)).not.toBe(abc);
    expect(cache.keyOf({ snapshot: NEW_DATE, sql: 'select 1' })).toBe(cache.keyOf({ snapshot: NEW_DATE, sql: 'select 1', params: {} }));
    expect(cache.keyOf({ snapshot: NEW_DATE, sql: 'select random()' })).toBeUndefined();
    expect(new CellCache(workbench.engine, 0).keyOf({ snapshot: NEW_DATE, sql: 'select 1' })).toBeUndefined();
  });
});

describe('the tables the cell cache keeps', () => {
  it('keeps answers that fill its budget exactly, and past it drops the least recently used', async () => {
    const workbench = await ready.open('lru', { maxCachedCells: 2 });
    expect(await ranOrCached(workbench, 'um')).toBe('ran');
    expect(await ranOrCached(workbench, 'dois')).toBe('ran');
    // Two cells of two: both still answered.
    expect(await ranOrCached(workbench, 'um')).toBe('cached');
    expect(await ranOrCached(workbench, 'dois')).toBe('cached');
    // `um` asked for again: `dois` is now the one least recently used, and goes for `tres`.
    expect(await ranOrCached(workbench, 'um')).toBe('cached');
    expect(await ranOrCached(workbench, 'tres')).toBe('ran');
    expect(await ranOrCached(workbench, 'um')).toBe('cached');
    expect(await ranOrCached(workbench, 'dois')).toBe('ran');
  });

  it('counts a cached answer as rows × columns', async () => {
    // 3 + 3 cells do not fit in 5: the first goes when the second comes.
    const workbench = await ready.open('cells', { maxCachedCells: 5 });
    expect(await ranOrCached(workbench, 'largo')).toBe('ran');
    expect(await ranOrCached(workbench, 'outro_largo')).toBe('ran');
    expect(await ranOrCached(workbench, 'outro_largo')).toBe('cached');
    expect(await ranOrCached(workbench, 'largo')).toBe('ran');
  });

  it('drops what no longer fits as soon as a new answer comes, without waiting for a release', async () => {
    const workbench = await ready.open('adopt', { maxCachedCells: 5 });
    expect(await ranOrCached(workbench, 'largo')).toBe('ran');
    const [first] = await keptTables(workbench);
    const shown = await runCell(workbench, 'outro_largo');
    expect(await keptTables(workbench)).not.toContain(first);
    await workbench.releaseResult({ queryId: shown });
  });

  it('gives a cached answer its TIMESTAMPTZ in the session’s zone, as the run did', async () => {
    const workbench = await ready.open('zone', { timeZone: 'America/Sao_Paulo' });
    const zones: unknown[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { finished } = startCell(workbench, 'instante');
      const batch = (await finished).find((event) => event.kind === 'batch') as Extract<QueryEvent, { kind: 'batch' }>;
      zones.push((decodeIpc(batch.ipc).schema.fields[0]?.type as { timezone?: string }).timezone);
    }
    expect(zones).toEqual(['America/Sao_Paulo', 'America/Sao_Paulo']);
  });

  it('never drops a table a result still shows, even past its budget', async () => {
    const workbench = await ready.open('shown', { maxCachedCells: 1 });
    const queryId = await runCell(workbench, 'largo');
    const page = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 });
    expect(decodeIpc(page.ipc).toArray().map((row) => row.toJSON())).toEqual([{ a: 1, b: 2, c: 3 }]);
    // Shown by a second result too; released by the first, still there for the second.
    const second = await runCell(workbench, 'largo');
    await workbench.releaseResult({ queryId });
    expect((await workbench.fetchRows({ queryId: second, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(1);
    await workbench.releaseResult({ queryId: second });
    expect(await keptTables(workbench)).toEqual([]);
  });

  it('runs a cell once when two opens of it start together: the second waits for the first and shares its table', async () => {
    const workbench = await ready.open('together');
    const runs = [startCell(workbench, 'lento'), startCell(workbench, 'lento')];
    await Promise.all(runs.map(async (run) => run.finished));
    expect(await keptTables(workbench)).toHaveLength(1);
    for (const run of runs) await workbench.releaseResult({ queryId: run.queryId });
    // One cached answer is left, and it is the one a third run gets.
    expect(await keptTables(workbench)).toHaveLength(1);
    expect(await ranOrCached(workbench, 'lento')).toBe('cached');
  });

  it('answers a large cell with its first 2,048 rows at once, the rest by page, and the time it took', async () => {
    const workbench = await ready.open('large');
    for (const expected of ['ran', 'cached']) {
      const before = await keptTables(workbench);
      const started = performance.now();
      const { queryId, finished } = startCell(workbench, 'grande');
      const events = await finished;
      const wall = performance.now() - started;
      expect((await keptTables(workbench)).some((table) => !before.includes(table)) ? 'ran' : 'cached').toBe(expected);
      const batches = events.filter((event): event is Extract<QueryEvent, { kind: 'batch' }> => event.kind === 'batch');
      expect(batches).toHaveLength(1);
      const first = decodeIpc(batches[0]!.ipc);
      expect(first.numRows).toBe(batches[0]!.rowsSoFar);
      expect(Number(first.getChildAt(0)?.get(first.numRows - 1))).toBe(first.numRows - 1);
      if (expected === 'cached') expect(first.numRows).toBe(2048);
      const done = events.find((event) => event.kind === 'done');
      expect(done).toMatchObject({ rowCount: 5000 });
      for (const timed of events.filter((event) => event.kind === 'done' || event.kind === 'finished')) {
        expect((timed as { elapsedMs: number }).elapsedMs, timed.kind).toBeGreaterThanOrEqual(0);
        expect((timed as { elapsedMs: number }).elapsedMs, timed.kind).toBeLessThanOrEqual(wall);
      }
      const last = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 4990, limit: 100 });
      expect(last).toMatchObject({ rowCount: 5000, complete: true });
      expect([...(decodeIpc(last.ipc).getChildAt(0) ?? [])].map(Number)).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
    }
  });
});
