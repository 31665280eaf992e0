import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';

const NOTEBOOK = `---
title: Pessoas por bairro
owner: Secretaria de Teste
purpose: Contar pessoas
params:
  sexo: { type: select, label: Sexo, options: "select distinct sexo from pessoa order by 1" }
---

Texto para a equipe.

\`\`\`sql por_bairro
select bairro, count(*) as pessoas
from pessoa
where ($sexo is null or sexo = $sexo)
group by all
\`\`\`

\`\`\`sql maiores
select * from por_bairro order by pessoas desc limit 3
\`\`\`

\`\`\`sql quebrada
select nao_existe
from por_bairro
\`\`\`
`;

let workbench: Workbench;
let queriesDir: string;

beforeAll(async () => {
  queriesDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-queries-'));
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-state-'));
  await writeFile(path.join(queriesDir, 'bairros.md'), NOTEBOOK);
  await writeFile(path.join(queriesDir, 'solta.sql'), 'select 1 as um\n');
  await writeFile(path.join(queriesDir, 'quebrado.md'), '---\ntitle: [sem fechar\n---\n');
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, queriesDir });
});

afterAll(async () => {
  await workbench?.close();
});

function collect(queryId: string): Promise<QueryEvent[]> {
  const events: QueryEvent[] = [];
  return new Promise((resolve) => {
    const off = workbench.onQueryEvent((event) => {
      if (event.queryId !== queryId) return;
      events.push(event);
      if (event.kind === 'finished') {
        off();
        resolve(events);
      }
    });
  });
}

describe('documents through the contract', () => {
  it('lists the gallery with owners, and a malformed file with its problem line', async () => {
    const list = await workbench.listDocuments({});
    expect(list.map((d) => d.path).sort()).toEqual(['bairros.md', 'quebrado.md', 'solta.sql']);
    expect(list.find((d) => d.path === 'bairros.md')).toMatchObject({ title: 'Pessoas por bairro', owner: 'Secretaria de Teste', kind: 'notebook' });
    expect(list.find((d) => d.path === 'solta.sql')).toMatchObject({ kind: 'sql' });
    expect(list.find((d) => d.path === 'quebrado.md')?.problems[0]?.line).toBe(2);
  });

  it('runs a cell that queries an earlier named cell, with a bound parameter', async () => {
    const queryId = 'celula-maiores';
    const done = collect(queryId);
    await workbench.runCell({ text: NOTEBOOK, cell: 'maiores', params: { sexo: 'F' }, queryId });
    const events = await done;
    const batch = events.find((e) => e.kind === 'batch');
    expect(batch && decodeIpc(batch.ipc).numRows).toBe(3);
    expect(events.some((e) => e.kind === 'error')).toBe(false);
  });

  it('points a failing cell’s error at its line in the notebook', async () => {
    const done = collect('celula-quebrada');
    await workbench.runCell({ text: NOTEBOOK, cell: 'quebrada', queryId: 'celula-quebrada' });
    const error = (await done).find((e) => e.kind === 'error');
    const line = NOTEBOOK.split('\n').findIndex((l) => l.startsWith('select nao_existe')) + 1;
    expect(error?.kind === 'error' && error.error).toMatchObject({ line, column: 8 });
  });

  it('offers a select parameter’s choices from its SQL', async () => {
    expect(await workbench.paramOptions({ text: NOTEBOOK, param: 'sexo' })).toEqual(['F', 'M']);
  });

  it('keeps an autosaved draft until the file is saved, and saves atomically', async () => {
    const edited = NOTEBOOK.replace('Texto para a equipe.', 'Texto editado, ainda não salvo.');
    await workbench.autosaveDocument({ path: 'bairros.md', text: edited });
    const reopened = await workbench.openDocument({ path: 'bairros.md' });
    expect(reopened.text).toBe(NOTEBOOK);
    expect(reopened.draft?.text).toBe(edited);

    await workbench.saveDocument({ path: 'bairros.md', text: edited });
    expect(await readFile(path.join(queriesDir, 'bairros.md'), 'utf8')).toBe(edited);
    expect((await workbench.openDocument({ path: 'bairros.md' })).draft).toBeNull();
  });

  it('refuses paths outside the queries folder and other extensions', async () => {
    for (const bad of ['../segredo.md', '/etc/passwd', 'sub/../../x.md', 'x.sh', '..\\x.md', '']) {
      await expect(workbench.openDocument({ path: bad }), bad).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
      await expect(workbench.saveDocument({ path: bad, text: 'x' }), bad).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
    }
  });
});
