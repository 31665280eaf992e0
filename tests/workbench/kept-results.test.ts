import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from './collect-events.ts';

let workbench: Workbench;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-state-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir });
});

afterAll(async () => {
  await workbench?.close();
});

function only<K extends QueryEvent['kind']>(events: QueryEvent[], kind: K): Extract<QueryEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<QueryEvent, { kind: K }> => e.kind === kind);
}

describe('kept results: the UI query path', () => {
  it('reports an error DuckDB raises deep into a streamed result, never a short result as done', async () => {
    const sql = "select i, case when i = 200000 then error('quebrou no meio') end as x from range(250000) t(i)";
    const { events } = await runAndCollect(workbench, { sql });
    expect(only(events, 'done')).toEqual([]);
    expect(only(events, 'error')[0]?.error).toMatchObject({ code: 'data', message: expect.stringMatching(/Invalid Input Error: quebrou no meio/) });
    // The connection went away with its aborted transaction: the next query runs as usual.
    const next = await runAndCollect(workbench, { sql: 'select count(*) as n from range(250000)' });
    expect(only(next.events, 'done')[0]?.rowCount).toBe(1);
  });

  it('sends only the first rows as an event and keeps the whole result for paging', async () => {
    const { queryId, events } = await runAndCollect(workbench, { sql: 'select i, i * 2 as dobro from range(200000) t(i)' });
    const batches = only(events, 'batch');
    expect(batches).toHaveLength(1);
    const first = decodeIpc(batches[0]!.ipc);
    expect(first.numRows).toBeGreaterThan(0);
    expect(first.numRows).toBeLessThanOrEqual(2048);
    expect(only(events, 'done')[0]?.rowCount).toBe(200000);

    const page = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 199_990, limit: 50 });
    const table = decodeIpc(page.ipc);
    expect(page.rowCount).toBe(200000);
    expect(page.complete).toBe(true);
    expect(table.numRows).toBe(10);
    expect(table.getChild('i')?.get(0)).toBe(199_990n);
    expect(table.getChild('dobro')?.get(9)).toBe(399_998n);
  });

  it('sorts the kept result in DuckDB without running the user’s SQL again', async () => {
    // random() would give other values if the SQL ran again.
    const { queryId } = await runAndCollect(workbench, { sql: 'select random() as r, i from range(5000) t(i)' });
    const unsorted = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 5000 })).ipc);
    const sorted = decodeIpc(
      (await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 5000, sort: [{ column: 0, direction: 'desc' }] })).ipc,
    );
    const original = (unsorted.getChild('r')?.toArray() as Float64Array).slice();
    const ordered = sorted.getChild('r')?.toArray() as Float64Array;
    expect([...ordered]).toEqual([...original].sort((a, b) => b - a));
    const secondPage = decodeIpc(
      (await workbench.fetchRows({ queryId, statementIndex: 0, offset: 100, limit: 10, sort: [{ column: 0, direction: 'desc' }] })).ipc,
    );
    expect(secondPage.getChild('r')?.get(0)).toBe(ordered[100]);
  });

  it('keeps columns with repeated names apart', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: "select 1 as a, 'x' as a" });
    const table = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'a_1']);
    expect(table.getChildAt(0)?.get(0)).toBe(1);
    expect(table.getChildAt(1)?.get(0)).toBe('x');
  });

  it('reports a cancelled runaway query, and the next query runs', async () => {
    let cancelled = false;
    const { events } = await runAndCollect(workbench, { sql: 'select count(*) from range(10000000000) a' }, () => undefined, (queryId) => {
      setTimeout(() => {
        cancelled = true;
        void workbench.cancelQuery({ queryId });
      }, 150);
    });
    expect(cancelled).toBe(true);
    expect(only(events, 'error')[0]?.error.code).toBe('cancelled');
    const next = await runAndCollect(workbench, { sql: 'select 42 as resposta' });
    expect(decodeIpc(only(next.events, 'batch')[0]!.ipc).getChild('resposta')?.get(0)).toBe(42);
  });

  it('profiles a column of a result and of a registry table', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select case when i % 4 = 0 then null else i end as v from range(1000) t(i)' });
    const profile = await workbench.profileColumn({ kind: 'result', queryId, statementIndex: 0, column: 0 });
    expect(profile).toMatchObject({ name: 'v', rowCount: 1000, nullCount: 250, distinctCount: 750, min: '1', max: '999' });
    expect(profile.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(750);

    const sexo = await workbench.profileColumn({ kind: 'table', table: 'pessoa', column: 'sexo' });
    expect(sexo.histogram.map((b) => b.label).sort()).toEqual(['F', 'M']);
    expect(sexo.nullCount).toBe(0);
    await expect(workbench.profileColumn({ kind: 'table', table: 'pessoa', column: 'x" from pessoa; --' })).rejects.toMatchObject({
      detail: { code: 'not_found' },
    });
  });

  it('completes table names with their row counts and columns with their types and descriptions', async () => {
    const tables = await workbench.complete({ sql: 'select * from pes', cursor: 17 });
    const pessoa = tables.items.find((item) => item.label === 'pessoa');
    expect(pessoa).toMatchObject({ kind: 'table' });
    expect(pessoa?.detail).toMatch(/linhas/);
    expect(tables.replaceFrom).toBe(14);
    expect(tables.items.some((item) => /^r\d+$/.test(item.label))).toBe(false);

    const columns = await workbench.complete({ sql: 'select nome from pessoa where bai', cursor: 33 });
    const bairro = columns.items.find((item) => item.label === 'bairro');
    expect(bairro).toMatchObject({ kind: 'column', detail: 'VARCHAR · pessoa' });
    expect(bairro?.documentation).toBeTruthy();
  });

  it('offers nothing the sandbox refuses or only the app reads', async () => {
    const offered = async (sql: string) => (await workbench.complete({ sql, cursor: sql.length })).items.map((item) => item.label);
    const everything = [
      ...(await offered('select * from ')),
      ...(await offered('select * from read')),
      ...(await offered('select * from parq')),
      ...(await offered('select * from b')),
      ...(await offered('select * from m')),
      ...(await offered('select ch')),
      ...(await offered('select pg')),
    ];
    expect(everything).toContain('pessoa');
    expect(everything).toContain('pragma_table_info');
    expect(everything.filter((label) => /chave|bruto_|mirante_interno|resultados|^read_|^parquet_|^pg_|^arrow_scan/.test(label))).toEqual([]);
  });

  it('counts the replace position in characters after accented text', async () => {
    const sql = "select 'ação' as x from pes";
    const result = await workbench.complete({ sql, cursor: sql.length });
    expect(result.replaceFrom).toBe(sql.length - 3);
  });
});
