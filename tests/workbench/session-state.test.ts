import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from './collect-events.ts';

describe('history and workspace survive a restart', () => {
  it('keeps every run, searchable, newest first, across a new Workbench on the same state dir', async () => {
    const dataDir = inject('sampleRegistryDir');
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-state-'));
    const first = await Workbench.open({ dataDir, stateDir });
    await runAndCollect(first, { sql: 'select count(*) from pessoa' });
    await runAndCollect(first, { sql: 'select * from tabela_que_nao_existe' });
    await runAndCollect(first, { sql: "select 'Educação' as secretaria" });
    await first.saveWorkspace({
      tabs: [{ id: 't1', title: 'Consulta 1', sql: 'select 1 -- não salvo' }],
      activeTabId: 't1',
      locale: 'pt-BR',
      theme: 'dark',
    });
    await first.close();

    const second = await Workbench.open({ dataDir, stateDir });
    try {
      const all = await second.listHistory({});
      expect(all.map((e) => e.sql)).toEqual([
        "select 'Educação' as secretaria",
        'select * from tabela_que_nao_existe',
        'select count(*) from pessoa',
      ]);
      expect(all[0]).toMatchObject({ status: 'ok', rowCount: 1 });
      expect(all[1]).toMatchObject({ status: 'error', rowCount: null });
      expect(all[2]?.snapshot).toBe((await second.info({})).defaultSnapshot);
      expect(typeof all[2]?.durationMs).toBe('number');
      expect((await second.listHistory({ search: 'educacao' })).map((e) => e.sql)).toEqual(["select 'Educação' as secretaria"]);
      expect(await second.loadWorkspace({})).toEqual({
        tabs: [{ id: 't1', title: 'Consulta 1', sql: 'select 1 -- não salvo' }],
        activeTabId: 't1',
        locale: 'pt-BR',
        theme: 'dark',
      });
    } finally {
      await second.close();
    }
  });
});
