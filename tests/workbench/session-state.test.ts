import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from './collect-events.ts';

describe('history and workspace survive a restart', () => {
  it('keeps every run, searchable, newest first, and the tabs and preferences (time limit included) across a new Workbench on the same state dir', async () => {
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
      queryTimeoutSeconds: 1800,
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
        queryTimeoutSeconds: 1800,
      });
    } finally {
      await second.close();
    }
  });
});

describe('the history keeps no identifier', () => {
  it('stores CPF, NIS and CNS in any spelling, and the values errors quote, as placeholders, in a private file', async () => {
    const dataDir = inject('sampleRegistryDir');
    // A state folder Mirante creates itself (mkdtemp would already make it private).
    const stateDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mirante-state-')), 'estado');
    const workbench = await Workbench.open({ dataDir, stateDir });
    try {
      await runAndCollect(workbench, { sql: "select count(*) from pessoa where cpf = '123.456.789-09' or nis = '123.45678.90-1' or cns = '700 0004 3986 1807'" });
      await runAndCollect(workbench, { sql: "select cast(nome as integer) from pessoa where nome = 'x' union all select cast('Maria da Silva Oliveira' as integer)" });
      const file = path.join(stateDir, 'historico.jsonl');
      const text = await readFile(file, 'utf8');
      for (const leak of ['123.456.789-09', '12345678909', '123.45678.90-1', '700 0004 3986 1807']) expect(text).not.toContain(leak);
      expect(text).toContain('[cpf omitido]');
      expect(text).toContain('[cns omitido]');
      const [castError] = await workbench.listHistory({ search: 'cast' });
      expect(castError?.status).toBe('error');
      // The SQL is the user's own (a name typed in it stays); the value DuckDB quotes in its error does not.
      expect(castError?.error).toContain('[valor omitido]');
      expect(castError?.error).not.toContain('Maria');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(stateDir)).mode & 0o077).toBe(0);
    } finally {
      await workbench.close();
    }
  });
});
