// What the grid asks of a kept result and gets back: exactly the rows of the page it asked for
// (clamped to what exists, never more than 100,000 at once), sorted by a column that exists,
// re-sorted by another, with the columns named as the query named them. And what a query's
// events say: its columns, the first rows at once, an empty result as an empty batch, one done
// per statement with its row count. A released result takes its tables with it.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent, SortKey } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runAndCollect } from './collect-events.ts';

let workbench: Workbench;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-grid-pages-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, threads: 1 });
});

afterAll(async () => {
  await workbench?.close();
});

async function page(queryId: string, offset: number, limit: number, sort?: SortKey[]): Promise<number[]> {
  const rows = await workbench.fetchRows({ queryId, statementIndex: 0, offset, limit, ...(sort ? { sort } : {}) });
  return [...(decodeIpc(rows.ipc).getChildAt(0) ?? [])].map(Number);
}

function only<K extends QueryEvent['kind']>(events: QueryEvent[], kind: K): Extract<QueryEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<QueryEvent, { kind: K }> => e.kind === kind);
}

async function keptTables(): Promise<string[]> {
  const connection = await workbench.engine.appConnection();
  try {
    const reader = await connection.runAndReadAll(`select table_name from duckdb_tables() where schema_name = 'resultados' order by 1`);
    return reader.getRows().map((row) => String(row[0]));
  } finally {
    connection.closeSync();
  }
}

describe('a page of a kept result', () => {
  let queryId: string;
  beforeAll(async () => {
    ({ queryId } = await runAndCollect(workbench, { sql: 'select i from range(10) t(i)' }));
  });

  it('is exactly the rows asked for, in result order', async () => {
    expect(await page(queryId, 0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await page(queryId, 3, 2)).toEqual([3, 4]);
    expect(await page(queryId, 9, 1)).toEqual([9]);
  });

  it('clamps what does not exist: past the end, a negative offset or limit, fractions', async () => {
    expect(await page(queryId, 8, 5)).toEqual([8, 9]);
    expect(await page(queryId, 10, 5)).toEqual([]);
    expect(await page(queryId, -3, 2)).toEqual([0, 1]);
    expect(await page(queryId, 2, -1)).toEqual([]);
    expect(await page(queryId, 2.9, 2.9)).toEqual([2, 3]);
  });

  it('never holds more than 100,000 rows', async () => {
    const big = await runAndCollect(workbench, { sql: 'select i from range(100005) t(i)' });
    const rows = await workbench.fetchRows({ queryId: big.queryId, statementIndex: 0, offset: 1, limit: 200_000 });
    const table = decodeIpc(rows.ipc);
    expect(table.numRows).toBe(100_000);
    expect(Number(table.getChildAt(0)?.get(0))).toBe(1);
    expect(Number(table.getChildAt(0)?.get(99_999))).toBe(100_000);
    expect(rows).toMatchObject({ rowCount: 100_005, complete: true });
  });
});

describe('sorting a kept result', () => {
  let queryId: string;
  beforeAll(async () => {
    // a: 3 1 2 3 1; b: 10 20 30 40 50 (the result order).
    ({ queryId } = await runAndCollect(workbench, { sql: 'select * from (values (3, 10), (1, 20), (2, 30), (3, 40), (1, 50)) t(a, b)' }));
  });

  it('sorts ascending and descending, ties in result order, then pages the sorted rows', async () => {
    const bOf = async (sort: SortKey[], offset = 0, limit = 5) => {
      const rows = await workbench.fetchRows({ queryId, statementIndex: 0, offset, limit, sort });
      return [...(decodeIpc(rows.ipc).getChild('b') ?? [])].map(Number);
    };
    expect(await bOf([{ column: 0, direction: 'asc' }])).toEqual([20, 50, 30, 10, 40]);
    expect(await bOf([{ column: 0, direction: 'desc' }])).toEqual([10, 40, 30, 20, 50]);
    expect(await bOf([{ column: 0, direction: 'desc' }, { column: 1, direction: 'desc' }])).toEqual([40, 10, 30, 50, 20]);
    expect(await bOf([{ column: 0, direction: 'asc' }], 1, 2)).toEqual([50, 30]);
    // Back to a sort used before, and to no sort at all.
    expect(await bOf([{ column: 0, direction: 'asc' }])).toEqual([20, 50, 30, 10, 40]);
    expect(await bOf([])).toEqual([10, 20, 30, 40, 50]);
  });

  it('refuses a column that does not exist, by number', async () => {
    for (const column of [-1, 2, 1.5, Number.NaN]) {
      const refused = await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 5, sort: [{ column, direction: 'asc' }] }));
      expect(refused, String(column)).toMatchObject({ code: 'not_found', message: `Coluna ${column} não existe neste resultado.` });
    }
    expect(await page(queryId, 0, 5, [{ column: 1, direction: 'desc' }])).toEqual([1, 3, 2, 1, 3]);
  });

  it('refuses to sort a result still streaming (its rows are not all there), and pages it unsorted', async () => {
    const queryId = 'ainda-chegando';
    const firstRows = new Promise<void>((resolve) => {
      const stop = workbench.onQueryEvent((event) => {
        if (event.queryId === queryId && event.kind === 'batch') {
          stop();
          resolve();
        }
      });
    });
    await workbench.runQuery({ sql: 'select i, i % 7 as r from range(20000000000) t(i)', queryId });
    await firstRows;
    try {
      const refused = await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 5, sort: [{ column: 1, direction: 'asc' }] }));
      expect(refused).toMatchObject({ code: 'not_allowed', message: 'Aguarde o fim da consulta para ordenar o resultado.' });
      expect(await page(queryId, 0, 3)).toEqual([0, 1, 2]);
    } finally {
      await workbench.cancelQuery({ queryId });
    }
  });
});

describe('the events of a query and the tables it keeps', () => {
  it('says the columns first, sends the first rows at once, and one done per statement', async () => {
    const { queryId, events } = await runAndCollect(workbench, { sql: `select 42 as resposta, 'x' as letra; select i from range(3000) t(i); select 1 as nada where false` });
    expect(only(events, 'columns').map((e) => [e.statementIndex, e.columns.map((c) => `${c.name} ${c.type}`)])).toEqual([
      [0, ['resposta INTEGER', 'letra VARCHAR']],
      [1, ['i BIGINT']],
      [2, ['nada INTEGER']],
    ]);
    const batches = only(events, 'batch');
    expect(batches.map((e) => [e.statementIndex, e.rowsSoFar, decodeIpc(e.ipc).numRows])).toEqual([
      [0, 1, 1],
      [1, batches[1]?.rowsSoFar, batches[1]?.rowsSoFar],
      [2, 0, 0],
    ]);
    expect(batches[1]?.rowsSoFar).toBeGreaterThan(0);
    expect(batches[1]?.rowsSoFar).toBeLessThan(3000);
    expect(decodeIpc(batches[2]?.ipc as Uint8Array).schema.fields.map((f) => f.name)).toEqual(['nada']);
    expect(only(events, 'done').map((e) => [e.statementIndex, e.rowCount])).toEqual([[0, 1], [1, 3000], [2, 0]]);
    const last = await workbench.fetchRows({ queryId, statementIndex: 1, offset: 2990, limit: 100 });
    expect(last).toMatchObject({ rowCount: 3000, complete: true });
    expect(decodeIpc(last.ipc).numRows).toBe(10);
  });

  it('drops its tables, the sorted copy too, when the result is released', async () => {
    const before = await keptTables();
    const { queryId } = await runAndCollect(workbench, { sql: 'select i from range(5) t(i)' });
    await page(queryId, 0, 5, [{ column: 0, direction: 'desc' }]);
    const made = (await keptTables()).filter((name) => !before.includes(name));
    expect(made).toHaveLength(2);
    expect(made.filter((name) => name.endsWith('_ordenado'))).toHaveLength(1);
    expect((await workbench.releaseResult({ queryId })).released).toBe(true);
    expect(await keptTables()).toEqual(before);
    expect((await workbench.releaseResult({ queryId })).released).toBe(false);
    expect((await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 }))).message).toMatch(/não está mais disponível/);
  });
});
