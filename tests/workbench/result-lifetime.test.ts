// A kept result lives while something shows it: however many queries run after it, it can be
// paged, sorted, exported and unmasked until the client releases it. Only past the memory
// budget do the results least recently looked at go, and asking for one then says why.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from './collect-events.ts';
import { refusal } from '../support/refusal.ts';

describe('kept results stay while shown', () => {
  let workbench: Workbench;
  beforeAll(async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-lifetime-'));
    workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, threads: 1 });
  });
  afterAll(() => workbench?.close());

  it('keeps the first of forty results (two panels and more) fetchable, sortable and unmaskable', async () => {
    const { queryId: first } = await runAndCollect(workbench, { sql: 'select pessoa_id, nome from pessoa order by pessoa_id limit 5' });
    for (let i = 0; i < 40; i += 1) await runAndCollect(workbench, { sql: `select ${i} as n` });
    const page = await workbench.fetchRows({ queryId: first, statementIndex: 0, offset: 0, limit: 5, sort: [{ column: 0, direction: 'desc' }] });
    expect(page.rowCount).toBe(5);
    const { queryId: unmasked } = await workbench.unmaskResult({ queryId: first, statementIndex: 0, purpose: 'Conferência do cadastro em teste' });
    expect(unmasked).not.toBe(first);
    // Released by the client: gone, and so is what it ran.
    expect((await workbench.releaseResult({ queryId: first })).released).toBe(true);
    expect(workbench.queryOrigin(first)).toBeUndefined();
    expect((await refusal(workbench.fetchRows({ queryId: first, statementIndex: 0, offset: 0, limit: 1 }))).code).toBe('not_found');
  });
});

describe('past the memory budget', () => {
  let workbench: Workbench;
  // Each test starts from no kept results. 30 cells: three results of 10 rows × 1 column fit, a fourth does not.
  beforeEach(async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-budget-'));
    workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, threads: 1, maxKeptCells: 30 });
  });
  afterEach(() => workbench?.close());

  it('releases the result least recently looked at, and says so when it is asked for', async () => {
    const ten = 'select i from range(10) t(i)';
    const { queryId: a } = await runAndCollect(workbench, { sql: ten });
    const { queryId: b } = await runAndCollect(workbench, { sql: ten });
    const { queryId: c } = await runAndCollect(workbench, { sql: ten });
    // Looking at `a` again makes `b` the least recently used.
    await workbench.fetchRows({ queryId: a, statementIndex: 0, offset: 0, limit: 10 });
    const { queryId: d } = await runAndCollect(workbench, { sql: ten });
    const evicted = await refusal(workbench.fetchRows({ queryId: b, statementIndex: 0, offset: 0, limit: 10 }));
    expect(evicted.code).toBe('not_found');
    expect(evicted.message).toMatch(/liberado para poupar memória/);
    expect(workbench.queryOrigin(b)).toBeUndefined();
    for (const kept of [a, c, d]) expect((await workbench.fetchRows({ queryId: kept, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(10);
    // A result never known reads differently.
    expect((await refusal(workbench.fetchRows({ queryId: 'nunca', statementIndex: 0, offset: 0, limit: 1 }))).message).not.toMatch(/poupar memória/);
  });

  it('counts cells as rows × columns', async () => {
    // 20 cells and 10 cells fit in 30; ten more do not, and the wide one goes first.
    const { queryId: wide } = await runAndCollect(workbench, { sql: 'select i, i * 2 as j from range(10) t(i)' });
    const { queryId: narrow } = await runAndCollect(workbench, { sql: 'select i from range(10) t(i)' });
    expect((await workbench.fetchRows({ queryId: wide, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(10);
    await workbench.fetchRows({ queryId: narrow, statementIndex: 0, offset: 0, limit: 10 });
    await runAndCollect(workbench, { sql: 'select i from range(10) t(i)' });
    expect((await refusal(workbench.fetchRows({ queryId: wide, statementIndex: 0, offset: 0, limit: 1 }))).message).toMatch(/poupar memória/);
    expect((await workbench.fetchRows({ queryId: narrow, statementIndex: 0, offset: 0, limit: 10 })).rowCount).toBe(10);
  });

  it('never releases a result still streaming, however large', async () => {
    const queryId = 'ainda-chegando';
    const manyRows = new Promise<void>((resolve) => {
      const stop = workbench.onQueryEvent((event) => {
        if (event.queryId === queryId && event.kind === 'progress' && event.rowsSoFar > 100) {
          stop();
          resolve();
        }
      });
    });
    await workbench.runQuery({ sql: 'select i from range(20000000000) t(i)', queryId });
    try {
      await manyRows;
      await runAndCollect(workbench, { sql: 'select 1 as um' });
      await runAndCollect(workbench, { sql: 'select 2 as dois' });
      expect((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 3 })).complete).toBe(false);
    } finally {
      await workbench.cancelQuery({ queryId });
    }
  });
});
