// Two browser tabs on one Mirante: the last page to load owns the workspace, and a page that
// was displaced cannot save its tabs over the owner's until its user takes the workspace back.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Workspace } from '../../main/core/api/index.ts';
import { callWorkbench } from '../../main/core/api/requests.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';

function workspace(sql: string): Workspace {
  return { tabs: [{ id: 't1', title: 'Consulta 1', sql }], activeTabId: 't1', locale: 'pt-BR', theme: 'light' };
}

async function savedSql(stateDir: string): Promise<string> {
  return (JSON.parse(await readFile(path.join(stateDir, 'workspace.json'), 'utf8')) as Workspace).tabs[0]?.sql ?? '';
}

describe('the workspace with two pages open', () => {
  it('refuses a save from a page another page displaced, keeping what the owner saved, until it loads again', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-two-pages-'));
    const workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir });
    try {
      // Through the contract's checks, as the web server calls it.
      const load = (page: string) => callWorkbench(workbench, 'loadWorkspace', { page });
      const save = (page: string, sql: string) => callWorkbench(workbench, 'saveWorkspace', { ...workspace(sql), page });

      await load('aba-a');
      await save('aba-a', 'select 1 -- aba A');
      await load('aba-b');
      await save('aba-b', 'select 2 -- aba B');
      const refused = await refusal(save('aba-a', 'select 1 -- aba A, depois'));
      expect(refused).toMatchObject({ code: 'conflict' });
      expect(refused.message).toMatch(/outra aba ou janela/);
      expect(await savedSql(stateDir)).toBe('select 2 -- aba B');

      // "Usar nesta aba": page A loads again and owns it; now B is the one refused.
      await load('aba-a');
      await save('aba-a', 'select 1 -- aba A, de volta');
      expect(await refusal(save('aba-b', 'select 2 -- aba B, depois'))).toMatchObject({ code: 'conflict' });
      expect(await savedSql(stateDir)).toBe('select 1 -- aba A, de volta');
    } finally {
      await workbench.close();
    }
  });

  it('lets a client that names no page save as before (the command line, the tests)', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-two-pages-'));
    const workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir });
    try {
      await workbench.loadWorkspace({ page: 'aba-a' });
      await workbench.saveWorkspace(workspace('select 3'));
      expect(await savedSql(stateDir)).toBe('select 3');
    } finally {
      await workbench.close();
    }
  });
});
