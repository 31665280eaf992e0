// A workbench opened for people (the web mode, the desktop app) prepares the saved panels of
// the queries folder in the background: each panel's shown cells, with their default
// parameters, on the newest snapshot, into the cell cache. The first open of a panel is then a
// cache answer instead of the panel's whole compute. "Ran" is observed in DuckDB's catalog: a
// run keeps its rows in a new table of `resultados`, an answer from the cache makes none.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueryEvent, RowsPage } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { PREPARATION_PURPOSE } from '../../main/core/queries/panel-preparation.ts';
import { Workbench, type WorkbenchOptions } from '../../main/core/workbench.ts';
import { NEW_DATE, OLD_DATE } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { collectEvents } from './collect-events.ts';
import { keptTables } from './kept-tables.ts';

const PAINEL = `---
title: Painel de teste
params:
  bairro:
    type: text
    default: Centro
---

\`\`\`sql pessoas
select pessoa_id, nome, bairro from pessoa where bairro = $bairro
\`\`\`

\`\`\`sql contagem
select count(*) as n from pessoas
\`\`\`

\`\`\`sql por_bairro
select bairro, count(*) as n from pessoa group by bairro order by bairro
\`\`\`
`;

// Long enough (a second or more on one thread) for a user to open it while it is prepared.
const LENTO = `---
title: Painel lento
---

\`\`\`sql pesado
select count(*) as n from range(400000000) t(i) where i % 7 = 0
\`\`\`
`;

const QUEBRADO = `---
title: Painel quebrado
---

\`\`\`sql errada
select nao_existe from pessoa
\`\`\`
`;

const LISTAGEM = `---
title: Listagem
---

\`\`\`sql linhas
select i, i * 2 as dobro from range(5000) t(i)
\`\`\`

\`\`\`sql contagem
select count(*) as n from pessoa
\`\`\`
`;

const DOCUMENTS = { 'a-lento.md': LENTO, 'painel.md': PAINEL, 'quebrado.md': QUEBRADO, 'solta.sql': 'select 42 as resposta' };

function firstValue(page: RowsPage): unknown {
  const value: unknown = decodeIpc(page.ipc).getChildAt(0)?.get(0);
  return typeof value === 'bigint' ? Number(value) : value;
}

/** A cell the way the panel screen runs it: the file's text and path, the parameter bar's values. */
async function openCell(workbench: Workbench, file: string, cell: string, extra: { params?: Record<string, string>; snapshot?: string } = {}) {
  const queryId = randomUUID();
  const text = DOCUMENTS[file as keyof typeof DOCUMENTS];
  const events = await collectEvents(workbench, queryId, () => workbench.runCell({ text, path: file, cell, queryId, ...extra }));
  return { queryId, events };
}

/** Resolves once the preparation's audit entry for `cell` says it started. */
async function preparationStarted(workbench: Workbench, cell: string): Promise<void> {
  await expect
    .poll(async () => (await workbench.listAudit({ action: 'run_panel', limit: 100 })).some((e) => e.cell === cell && e.status === 'started'), { interval: 10 })
    .toBe(true);
}

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-panels-prepared-', documents: DOCUMENTS }, (setup) => {
  ready = setup;
});

/** A queries folder of its own, beside the file's. */
async function queriesWith(name: string, documents: Record<string, string>): Promise<string> {
  const dir = path.join(ready.scratch, `consultas-${name}`);
  await mkdir(dir);
  for (const [file, text] of Object.entries(documents)) await writeFile(path.join(dir, file), text);
  return dir;
}

/** A workbench with an audit log of its own: what it audits is what this test did. */
function open(name: string, options: Partial<WorkbenchOptions> = {}): Promise<Workbench> {
  return ready.open(name, { ...options, auditLog: path.join(ready.scratch, name, 'auditoria', 'auditoria.jsonl') });
}

describe('panels prepared when the workbench opens', () => {
  it("runs each saved panel's shown cells with their defaults on the newest snapshot, so opening one runs nothing", async () => {
    const workbench = await open('prepara', { preparePanels: true });
    const report = await workbench.panelsPrepared();
    expect(report).toMatchObject({ snapshot: NEW_DATE, documents: 3, cells: 4, prepared: 3, failed: 1, tooLarge: 0 });
    const prepared = await keptTables(workbench);
    expect(prepared).toHaveLength(3);

    // As the panel screen sends them: no parameters, the bar's default value, the snapshot chosen.
    for (const extra of [{}, { params: { bairro: 'Centro' } }, { snapshot: NEW_DATE }]) {
      const { queryId, events } = await openCell(workbench, 'painel.md', 'contagem', extra);
      expect(events.find((e) => e.kind === 'error')).toBeUndefined();
      expect(firstValue(await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 }))).toBe(3);
    }
    await openCell(workbench, 'painel.md', 'por_bairro');
    await openCell(workbench, 'a-lento.md', 'pesado');
    expect(await keptTables(workbench)).toEqual(prepared);

    // Other parameters or another snapshot are not prepared: they run.
    await openCell(workbench, 'painel.md', 'contagem', { params: { bairro: 'Jundiapeba' } });
    await openCell(workbench, 'painel.md', 'por_bairro', { snapshot: OLD_DATE });
    expect(await keptTables(workbench)).toHaveLength(5);
  });

  it('audits each prepared cell as a panel run that nobody asked for, with its document, cell and snapshot', async () => {
    const workbench = await open('auditada', { preparePanels: true });
    await workbench.panelsPrepared();
    const started = (await workbench.listAudit({ action: 'run_panel', limit: 100 })).filter((e) => e.status === 'started');
    expect(started.map((e) => `${e.document}#${e.cell}`).sort()).toEqual(['a-lento.md#pesado', 'painel.md#contagem', 'painel.md#por_bairro', 'quebrado.md#errada']);
    for (const entry of started) expect(entry).toMatchObject({ purpose: PREPARATION_PURPOSE, snapshot: NEW_DATE, user: workbench.privacy.user });
    const closing = (await workbench.listAudit({ action: 'run_panel', limit: 100 })).filter((e) => e.status !== 'started');
    expect(closing.map((e) => e.status).sort()).toEqual(['error', 'ok', 'ok', 'ok']);
  });

  it('prepares nothing unless asked (tests, the command line)', async () => {
    const workbench = await open('sem-preparo');
    expect(await workbench.panelsPrepared()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await keptTables(workbench)).toEqual([]);
    expect(await workbench.listAudit({ action: 'run_panel', limit: 10 })).toEqual([]);
  });

  it('lets a panel opened while its cell is being prepared wait for that run instead of running it twice', async () => {
    const workbench = await open('espera', { preparePanels: true });
    await preparationStarted(workbench, 'pesado');
    const { queryId, events } = await openCell(workbench, 'a-lento.md', 'pesado');
    expect(events.find((e) => e.kind === 'error')).toBeUndefined();
    expect(firstValue(await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 }))).toBe(57142858);
    await workbench.panelsPrepared();
    // Every run DuckDB makes keeps its rows in a new table, numbered in order: the three
    // prepared cells made r1 to r3, and the panel opened meanwhile made none.
    expect(await keptTables(workbench)).toEqual(['r1', 'r2', 'r3']);
  });

  it('cancels a panel that waits for its preparation at once; the preparation carries on and is kept', async () => {
    const workbench = await open('cancela', { preparePanels: true });
    await preparationStarted(workbench, 'pesado');
    const queryId = randomUUID();
    const events: QueryEvent[] = [];
    const finished = collectEvents(workbench, queryId, () => workbench.runCell({ text: LENTO, path: 'a-lento.md', cell: 'pesado', queryId }), (e) => events.push(e));
    await expect.poll(async () => (await workbench.listAudit({ action: 'run_panel', limit: 100 })).some((e) => e.queryId === queryId)).toBe(true);
    expect((await workbench.cancelQuery({ queryId })).cancelled).toBe(true);
    await finished;
    expect(events.find((e) => e.kind === 'error')).toMatchObject({ error: { code: 'cancelled' } });
    // Ended at once, not when the preparation's run did.
    const audited = await workbench.listAudit({ action: 'run_panel', limit: 100 });
    expect(audited.some((e) => e.cell === 'pesado' && e.status === 'ok')).toBe(false);
    await expect
      .poll(async () => (await workbench.listAudit({ action: 'run_panel', limit: 100 })).find((e) => e.queryId === queryId && e.status !== 'started')?.status)
      .toBe('cancelled');
    expect(await workbench.panelsPrepared()).toMatchObject({ prepared: 3 });
    const reopened = await openCell(workbench, 'a-lento.md', 'pesado');
    expect(reopened.events.find((e) => e.kind === 'error')).toBeUndefined();
    expect(await keptTables(workbench)).toHaveLength(3);
  });

  it('keeps no prepared answer larger than its limit', async () => {
    const queriesDir = await queriesWith('listagem', { 'listagem.md': LISTAGEM });
    const workbench = await open('grande', { queriesDir, preparePanels: { maxCells: 9_999 } });
    expect(await workbench.panelsPrepared()).toMatchObject({ cells: 2, prepared: 1, tooLarge: 1, failed: 0 });
    // Only the count is kept: the 5,000 × 2 listing was let go.
    expect(await keptTables(workbench)).toHaveLength(1);
  });

  it('stops a prepared cell at its time limit', async () => {
    const queriesDir = await queriesWith('lento', { 'a-lento.md': LENTO });
    const workbench = await open('tempo', { queriesDir, preparePanels: { timeoutMs: 1 } });
    expect(await workbench.panelsPrepared()).toMatchObject({ cells: 1, prepared: 0, failed: 1 });
    const closing = (await workbench.listAudit({ action: 'run_panel', limit: 100 })).find((e) => e.status !== 'started');
    expect(closing).toMatchObject({ cell: 'pesado', status: 'cancelled' });
    expect(closing?.error).toMatch(/tempo|limite/i);
  });

  it("binds the panel's comparison parameter (comparacao:) to the snapshot before, as the panel screen does", async () => {
    const comparing = `---
title: Comparativo
comparacao: comparar_com
params:
  comparar_com: { type: date, label: Comparar com }
---

\`\`\`sql contra
select cast($comparar_com as date) as anterior, count(*) as n from pessoa
\`\`\`
`;
    const queriesDir = await queriesWith('comparativo', { 'comparativo.md': comparing });
    const workbench = await open('comparativo', { queriesDir, preparePanels: true });
    expect(await workbench.panelsPrepared()).toMatchObject({ cells: 1, prepared: 1 });
    const [started] = (await workbench.listAudit({ action: 'run_panel', limit: 10 })).filter((e) => e.status === 'started');
    expect(started?.params).toEqual({ comparar_com: OLD_DATE });
    // The screen sends the date of "Comparar com" (DocumentView.tsx): answered from the preparation.
    const tables = await keptTables(workbench);
    const queryId = randomUUID();
    await collectEvents(workbench, queryId, () => workbench.runCell({ text: comparing, path: 'comparativo.md', cell: 'contra', queryId, params: { comparar_com: OLD_DATE } }));
    expect(await keptTables(workbench)).toEqual(tables);
    const page = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 });
    expect(decodeIpc(page.ipc).getChildAt(1)?.get(0)).toBe(6n);
  });

  it('stops preparing when the workbench closes', async () => {
    const { dataDir, tempRoot } = ready.fixture;
    const stateDir = path.join(ready.scratch, 'fecha');
    const auditLog = path.join(stateDir, 'auditoria', 'auditoria.jsonl');
    const workbench = await Workbench.open({ dataDir, tempRoot, queriesDir: ready.queriesDir, stateDir, auditLog, threads: 1, preparePanels: true });
    await preparationStarted(workbench, 'pesado');
    await workbench.close();
    const report = await workbench.panelsPrepared();
    expect(report?.prepared).toBeLessThan(3);
    // Nothing after the cell it was on: quebrado.md's cell was never started.
    expect(report).toMatchObject({ stopped: true, cells: 3 });
  });
});
