// The renderer's query store over the REAL core as its client (the Workbench is a
// WorkbenchClient): one run per tab, a re-run releases the previous result on the server, a
// closed document releases every cell's result, an unmask takes the tab's place.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { QueryStore, type Run } from '../../renderer/src/app/query-store.ts';

let workbench: Workbench;
let store: QueryStore;

async function settled(key: string): Promise<Run> {
  await expect.poll(() => store.runOf(key)?.status, { timeout: 30_000 }).not.toBe('running');
  return store.runOf(key) as Run;
}

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-store-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, threads: 1 });
  store = new QueryStore(workbench);
});

afterAll(() => workbench?.close());

describe('query store', () => {
  it('keeps the run of each tab, with its first rows, and releases the old result when the tab runs again', async () => {
    await store.run('t1', 'select i from range(5000) t(i)', 0, '2026-10-31');
    const first = await settled('t1');
    expect(first.status).toBe('done');
    expect(first.statements[0]?.rowCount).toBe(5000);
    expect(first.statements[0]?.first?.numRows).toBeGreaterThan(0);
    await store.run('t1', 'select 1 as um', 0, '2026-10-31');
    const second = await settled('t1');
    expect(second.queryId).not.toBe(first.queryId);
    await expect.poll(() => workbench.queryOrigin(first.queryId)).toBeUndefined();
    expect(workbench.queryOrigin(second.queryId)).toBeDefined();
  });

  it('says why a run failed, with the line of the error', async () => {
    await store.run('t2', 'select 1;\nselect coluna_que_nao_existe from pessoa', 0, '2026-10-31');
    const run = await settled('t2');
    expect(run.status).toBe('error');
    expect(run.error).toMatchObject({ code: 'binder', line: 2 });
  });

  it('a closed document releases the results of all its cells', async () => {
    const text = '```sql contagem\nselect count(*) as n from pessoa\n```\n\n```sql bairros\nselect bairro, count(*) as n from pessoa group by 1\n```\n';
    await store.runCell('documento:x.md::c1', { text, cell: 'contagem' });
    await store.runCell('documento:x.md::c2', { text, cell: 'bairros' });
    const runs = [await settled('documento:x.md::c1'), await settled('documento:x.md::c2')];
    store.forgetDocument('documento:x.md');
    expect(store.runOf('documento:x.md::c1')).toBeNull();
    for (const run of runs) await expect.poll(() => workbench.queryOrigin(run.queryId)).toBeUndefined();
  });

  it('an unmask replaces the tab’s run with the unmasked one and releases the masked result', async () => {
    await store.run('t3', 'select nome from pessoa order by pessoa_id limit 3', 0, '2026-10-31');
    const masked = await settled('t3');
    await store.unmask('t3', 0, 'Conferência de cadastro em teste');
    const unmasked = await settled('t3');
    expect(unmasked.unmasked).toBe(true);
    expect(unmasked.queryId).not.toBe(masked.queryId);
    await expect.poll(() => workbench.queryOrigin(masked.queryId)).toBeUndefined();
    expect(workbench.queryOrigin(unmasked.queryId)?.unmasked).toBe(true);
  });
});
