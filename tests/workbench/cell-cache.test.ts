// A cell run again with the same snapshot, SQL and parameters is answered from the first run's
// kept table (a snapshot never changes), without DuckDB running it; everything else runs.
// "Ran" is observed in DuckDB's catalog: a run keeps its rows in a new table of `resultados`,
// an answer from the cache makes none.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { QueryEvent, RowsPage } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { OLD_DATE } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';
import { collectEvents } from './collect-events.ts';
import { keptTables } from './kept-tables.ts';

const NOTEBOOK = `---
title: Cache de células
params:
  bairro:
    type: text
    default: Centro
---

\`\`\`sql pessoas
select pessoa_id, nome, bairro from pessoa where bairro = $bairro order by pessoa_id
\`\`\`

\`\`\`sql contagem
select count(*) as n from pessoas
\`\`\`

\`\`\`sql sorteio
select pessoa_id, random() as r from pessoa
\`\`\`

\`\`\`sql quebrada
select pessoa_id / 0 from pessoa where nao_existe
\`\`\`
`;

async function runCell(workbench: Workbench, cell: string, extra: { params?: Record<string, string>; snapshot?: string } = {}) {
  const queryId = randomUUID();
  const events = await collectEvents(workbench, queryId, () => workbench.runCell({ text: NOTEBOOK, path: 'cache.md', cell, queryId, ...extra }));
  return { queryId, events };
}

/** A column of a page, as the grid decodes it (BIGINTs as numbers). */
function values(page: RowsPage, column: number): unknown[] {
  return [...(decodeIpc(page.ipc).getChildAt(column) ?? [])].map((value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
}

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-cell-cache-' }, (setup) => {
  ready = setup;
});

describe('the cell cache', () => {
  it('answers the same cell with the same parameters from the first run, with the same rows and events', async () => {
    const workbench = await ready.open('same');
    const first = await runCell(workbench, 'pessoas');
    const before = await keptTables(workbench);
    const second = await runCell(workbench, 'pessoas');
    expect(await keptTables(workbench)).toEqual(before);
    expect(second.events.map((e) => e.kind)).toEqual(first.events.map((e) => e.kind));
    const done = (events: QueryEvent[]) => events.find((e) => e.kind === 'done');
    expect(done(second.events)).toMatchObject({ rowCount: 3 });
    const rows = async (queryId: string) => workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 });
    expect(values(await rows(second.queryId), 0)).toEqual(values(await rows(first.queryId), 0));
    // Masked as the first run was: the cache holds what the masked views gave.
    expect(values(await rows(second.queryId), 1)).toEqual(['A. C.', 'M. L.', 'B. G.']);
  });

  it("a cached answer's columns carry the privacy classes of the run that computed it, which decide purpose and unmask", async () => {
    const workbench = await ready.open('classes');
    const columnsOf = (events: QueryEvent[]) => {
      const event = events.find((e) => e.kind === 'columns');
      return event?.kind === 'columns' ? event.columns : undefined;
    };
    const first = await runCell(workbench, 'pessoas');
    const second = await runCell(workbench, 'pessoas');
    const computed = columnsOf(first.events);
    // bairro is not classed in the fixture's dictionary.
    expect(computed?.map((c) => [c.name, c.privacy])).toEqual([
      ['pessoa_id', 'publico'],
      ['nome', 'identificador'],
      ['bairro', undefined],
    ]);
    expect(columnsOf(second.events)).toEqual(computed);
    // An export of the cached answer asks for a purpose, as one of the computed answer does.
    expect((await refusal(workbench.exportResult({ queryId: second.queryId, statementIndex: 0, format: 'csv' }))).code).toBe('parameter');
  });

  it("sends a cached answer's first rows as its computed run showed them, and pages the rest from its table", async () => {
    const workbench = await ready.open('first-rows');
    const text = NOTEBOOK.replace('select count(*) as n from pessoas', 'select i, i * 2 as dobro from range(5000) t(i) order by i');
    const run = async () => {
      const queryId = randomUUID();
      const events = await collectEvents(workbench, queryId, () => workbench.runCell({ text, path: 'cache.md', cell: 'contagem', queryId }));
      return { queryId, events };
    };
    const first = await run();
    const second = await run();
    const batchRows = (events: QueryEvent[]) => {
      const batch = events.find((e) => e.kind === 'batch');
      return batch?.kind === 'batch' ? [...(decodeIpc(batch.ipc).getChild('i') ?? [])].map(Number) : [];
    };
    const shown = batchRows(second.events);
    expect(shown).toEqual(Array.from({ length: 2048 }, (_, i) => i));
    expect(second.events.find((e) => e.kind === 'batch')).toMatchObject({ rowsSoFar: 2048 });
    expect(second.events.find((e) => e.kind === 'done')).toMatchObject({ rowCount: 5000 });
    expect(shown.slice(0, batchRows(first.events).length)).toEqual(batchRows(first.events));
    // Past the first rows, and sorted, from the cached table.
    const page = await workbench.fetchRows({ queryId: second.queryId, statementIndex: 0, offset: 4990, limit: 20 });
    expect(values(page, 0)).toEqual([4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
    const sorted = await workbench.fetchRows({ queryId: second.queryId, statementIndex: 0, offset: 0, limit: 2, sort: [{ column: 1, direction: 'desc' }] });
    expect(values(sorted, 1)).toEqual([9998, 9996]);
  });

  it('runs again for other parameters, another snapshot, or a cell that names a volatile function', async () => {
    const workbench = await ready.open('different');
    await runCell(workbench, 'pessoas');
    const afterFirst = (await keptTables(workbench)).length;
    await runCell(workbench, 'pessoas', { params: { bairro: 'Jundiapeba' } });
    await runCell(workbench, 'pessoas', { snapshot: OLD_DATE });
    expect((await keptTables(workbench)).length).toBe(afterFirst + 2);
    const draws = [await runCell(workbench, 'sorteio'), await runCell(workbench, 'sorteio')];
    expect((await keptTables(workbench)).length).toBe(afterFirst + 4);
    const pages = await Promise.all(draws.map(({ queryId }) => workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })));
    expect(values(pages[0] as RowsPage, 1)).not.toEqual(values(pages[1] as RowsPage, 1));
  });

  it('keeps a shared table while either result shows it, and each result sorts on its own', async () => {
    const workbench = await ready.open('shared');
    const first = await runCell(workbench, 'pessoas');
    const second = await runCell(workbench, 'pessoas');
    const desc = await workbench.fetchRows({ queryId: first.queryId, statementIndex: 0, offset: 0, limit: 10, sort: [{ column: 0, direction: 'desc' }] });
    const asc = await workbench.fetchRows({ queryId: second.queryId, statementIndex: 0, offset: 0, limit: 10, sort: [{ column: 0, direction: 'asc' }] });
    expect(values(desc, 0)).toEqual([5, 3, 1]);
    expect(values(asc, 0)).toEqual([1, 3, 5]);
    // Released first: the second still pages, sorts and exports from the same table.
    await workbench.releaseResult({ queryId: first.queryId });
    expect((await workbench.fetchRows({ queryId: second.queryId, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(3);
    await workbench.releaseResult({ queryId: second.queryId });
    // Shown by nobody, kept within the budget: a third run is still answered from it.
    const tables = await keptTables(workbench);
    const third = await runCell(workbench, 'pessoas');
    expect(await keptTables(workbench)).toEqual(tables);
    expect((await workbench.fetchRows({ queryId: third.queryId, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(3);
  });

  it('drops cached tables nobody shows once past its budget, and with a budget of 0 keeps nothing', async () => {
    const small = await ready.open('small', { maxCachedCells: 1 });
    const shown = await runCell(small, 'pessoas');
    await small.releaseResult({ queryId: shown.queryId });
    expect(await keptTables(small)).toEqual([]);
    const off = await ready.open('off', { maxCachedCells: 0 });
    await runCell(off, 'pessoas');
    await runCell(off, 'pessoas');
    expect((await keptTables(off)).length).toBe(2);
  });

  it('never keeps a failed run, and never answers an unmask', async () => {
    const workbench = await ready.open('failed');
    const broken = [await runCell(workbench, 'quebrada'), await runCell(workbench, 'quebrada')];
    for (const run of broken) expect(run.events.some((e) => e.kind === 'error')).toBe(true);
    const first = await runCell(workbench, 'pessoas');
    await runCell(workbench, 'pessoas');
    const { queryId } = await workbench.unmaskResult({ queryId: first.queryId, statementIndex: 0, purpose: 'Conferência do cadastro em teste' });
    await new Promise<void>((resolve) => {
      const off = workbench.onQueryEvent((event) => {
        if (event.queryId === queryId && event.kind === 'finished') {
          off();
          resolve();
        }
      });
    });
    const raw = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 });
    expect(values(raw, 1)).toEqual(['Ana Conceição', 'Maria Luísa', 'Beatriz Gonçalves']);
    // The masked cells still answer masked after the unmask.
    const again = await runCell(workbench, 'pessoas');
    expect(values(await workbench.fetchRows({ queryId: again.queryId, statementIndex: 0, offset: 0, limit: 10 }), 1)).toEqual(['A. C.', 'M. L.', 'B. G.']);
    await workbench.releaseResult({ queryId: first.queryId });
    expect((await refusal(workbench.fetchRows({ queryId: first.queryId, statementIndex: 0, offset: 0, limit: 1 }))).code).toBe('not_found');
  });

  it('audits an answer from the cache as a run, with its rows', async () => {
    const workbench = await ready.open('audited');
    await runCell(workbench, 'contagem');
    const { queryId } = await runCell(workbench, 'contagem');
    await workbench.close();
    const log = await readFile(workbench.privacy.audit.paths.log, 'utf8');
    const entries = log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = entries.filter((entry) => entry.queryId === queryId);
    expect(mine.map((entry) => entry.status)).toEqual(['started', 'ok']);
    expect(mine[1]).toMatchObject({ action: 'run_panel', rows: 1, cell: 'contagem' });
  });
});
