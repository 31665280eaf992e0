// Filtering a kept result (fetchRows' `filter`, issue 10): in DuckDB over the kept table, with
// the sort, the row count of what it keeps. And as an attacker would try it: a masked column
// filtered by the value behind the mask, SQL in the value or the column, a value naming the
// raw views: none finds anything the grid did not already show.
import { describe, expect, it } from 'vitest';
import type { ResultFilter, SortKey } from '../../main/core/api/index.ts';
import { callWorkbench } from '../../main/core/api/requests.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runAndCollect } from './collect-events.ts';

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-result-filter-' }, (setup) => {
  ready = setup;
});

/** The rows a filter keeps, as plain text, and the row count the page says. */
async function filtered(workbench: Workbench, queryId: string, filter: ResultFilter[], sort?: SortKey[]): Promise<{ rows: string[][]; rowCount: number }> {
  const page = (await callWorkbench(workbench, 'fetchRows', { queryId, statementIndex: 0, offset: 0, limit: 100, filter, ...(sort ? { sort } : {}) })) as { ipc: Uint8Array; rowCount: number };
  const table = decodeIpc(page.ipc);
  const rows = [...table].map((row) => Object.values(row.toJSON()).map((value) => (value === null ? 'NULL' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value))));
  return { rows, rowCount: page.rowCount };
}

async function pessoas(workbench: Workbench): Promise<string> {
  const { queryId } = await runAndCollect(workbench, {
    sql: "select pessoa_id, nome, bairro, data_nascimento, case when pessoa_id = 3 then null else raca_cor end as raca from pessoa order by pessoa_id",
  });
  return queryId;
}

describe('a filter on a kept result', () => {
  it('keeps the rows holding a value, leaves them out, or keeps those without one; sorted as asked; counted', async () => {
    const workbench = await ready.open('filter');
    const queryId = await pessoas(workbench);
    expect(await filtered(workbench, queryId, [{ column: 2, op: 'equals', value: 'Centro' }])).toMatchObject({ rowCount: 3 });
    const centro = await filtered(workbench, queryId, [{ column: 2, op: 'equals', value: 'Centro' }], [{ column: 0, direction: 'desc' }]);
    expect(centro.rows.map((r) => r[0])).toEqual(['5', '3', '1']);
    expect((await filtered(workbench, queryId, [{ column: 2, op: 'notEquals', value: 'Centro' }])).rows.map((r) => r[0])).toEqual(['2', '4', '6']);
    // Typed values as text: a date, a number; several filters all hold.
    expect((await filtered(workbench, queryId, [{ column: 3, op: 'equals', value: '1982-09-27' }])).rows.map((r) => r[0])).toEqual(['2']);
    expect((await filtered(workbench, queryId, [{ column: 0, op: 'equals', value: '4' }, { column: 2, op: 'equals', value: 'Jundiapeba' }])).rowCount).toBe(1);
    // NULL: kept by isNull, kept when a value is left out, equal to nothing.
    expect((await filtered(workbench, queryId, [{ column: 4, op: 'isNull' }])).rows.map((r) => r[0])).toEqual(['3']);
    expect((await filtered(workbench, queryId, [{ column: 4, op: 'notEquals', value: 'parda' }])).rows.map((r) => r[0])).toEqual(['2', '3', '4', '6']);
    expect((await filtered(workbench, queryId, [{ column: 4, op: 'notNull' }])).rowCount).toBe(5);
    // A value that is not of the column's type equals nothing, and leaving it out leaves everything.
    expect((await filtered(workbench, queryId, [{ column: 0, op: 'equals', value: 'um' }])).rowCount).toBe(0);
    expect((await filtered(workbench, queryId, [{ column: 0, op: 'notEquals', value: 'um' }])).rowCount).toBe(6);
    // No filter: the whole result again.
    expect((await filtered(workbench, queryId, [])).rowCount).toBe(6);
  });

  it('finds on a masked column only what the grid shows: the mask, never the name behind it', async () => {
    const workbench = await ready.open('attacker');
    const queryId = await pessoas(workbench);
    const shown = (await filtered(workbench, queryId, [{ column: 0, op: 'equals', value: '1' }])).rows[0]?.[1];
    expect(shown).toBeDefined();
    expect(shown).not.toBe('Ana Conceição');
    expect((await filtered(workbench, queryId, [{ column: 1, op: 'equals', value: shown as string }])).rows.map((r) => r[0])).toEqual(['1']);
    // The real name, its parts, SQL in the value, a subquery on the raw views: all plain text that matches nothing.
    for (const value of [
      'Ana Conceição',
      'Ana',
      "' OR 1=1 --",
      "x' OR nome LIKE 'A%",
      '(select nome from bruto_2026_10_31.pessoa limit 1)',
      "'); DROP TABLE resultados.r1; --",
    ]) {
      expect(await filtered(workbench, queryId, [{ column: 1, op: 'equals', value }]), value).toEqual({ rows: [], rowCount: 0 });
      expect((await filtered(workbench, queryId, [{ column: 1, op: 'notEquals', value }])).rowCount, value).toBe(6);
    }
    // Only a column index, an operator from the list and a value: anything else is refused before it runs.
    for (const filter of [
      [{ column: '1 OR 1=1', op: 'equals', value: 'x' }],
      [{ column: 1, op: 'like', value: '%' }],
      [{ column: 1, op: 'equals', value: 'x', sql: 'true' }],
      [{ column: 1, op: 'equals' }],
    ]) {
      expect((await refusal(callWorkbench(workbench, 'fetchRows', { queryId, statementIndex: 0, offset: 0, limit: 10, filter }))).code, JSON.stringify(filter)).toBe('parameter');
    }
    expect((await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10, filter: [{ column: 9, op: 'equals', value: 'x' }] }))).code).toBe('not_found');
    // The kept result is whole afterwards.
    expect((await filtered(workbench, queryId, [])).rowCount).toBe(6);
  });

  it('by value is refused on a column whose values cannot be typed back (a list); by NULL it is not', async () => {
    const workbench = await ready.open('types');
    const { queryId } = await runAndCollect(workbench, {
      sql: `select [1, 2] as lista, 1234.5::decimal(10,2) as valor, '{"a": 1}'::json as j, timestamp '2026-10-31 12:30:00' as quando
            union all select [3], 7, '[]', null`,
    });
    // Decimals, an aliased text type (JSON) and timestamps are cast by their own SQL names.
    expect((await filtered(workbench, queryId, [{ column: 1, op: 'equals', value: '1234.50' }])).rowCount).toBe(1);
    expect((await filtered(workbench, queryId, [{ column: 2, op: 'equals', value: '[]' }])).rowCount).toBe(1);
    expect((await filtered(workbench, queryId, [{ column: 3, op: 'equals', value: '2026-10-31 12:30:00' }])).rowCount).toBe(1);
    expect((await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10, filter: [{ column: 0, op: 'equals', value: '[1, 2]' }] }))).message).toBe(
      'Não é possível filtrar lista por valor (tipo INTEGER[]).',
    );
    expect((await filtered(workbench, queryId, [{ column: 0, op: 'notNull' }])).rowCount).toBe(2);
  });
});
