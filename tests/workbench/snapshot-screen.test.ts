// The Retratos screen's two calls. snapshotOverview: each snapshot's rows per table (from the
// Parquet metadata), size, and, for one published by `mirante snapshot import` (the real
// command), who published it, from where and the validation's verdict; a manifest that cannot
// be read is said. diffSnapshots: a table compared between two snapshots as a kept query with
// three results, the rows masked and classed like the table's columns. Both for analysts only.
import { randomUUID } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { NEW_DATE, NEW_PESSOAS, OLD_DATE, OLD_PESSOAS } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runCli } from '../support/run-cli.ts';
import { collectEvents } from './collect-events.ts';

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-snapshot-screen-', deployment: 'papel_padrao: analista\nusuarios:\n  maria: consulta\n' }, (setup) => {
  ready = setup;
});

async function diff(workbench: Workbench, request: { table: string; from: string; to: string }): Promise<{ queryId: string; events: QueryEvent[] }> {
  const queryId = randomUUID();
  const events = await collectEvents(workbench, queryId, () => workbench.diffSnapshots({ ...request, queryId }));
  return { queryId, events };
}

describe('the Retratos screen', () => {
  it('lists each snapshot with its rows per table and size, and the manifest of one published by import', async () => {
    const workbench = await ready.open('overview');
    const before = await workbench.snapshotOverview({});
    expect(before.map((s) => s.date)).toEqual([OLD_DATE, NEW_DATE]);
    expect(before.map((s) => s.tables.find((t) => t.name === 'pessoa')?.rows)).toEqual([OLD_PESSOAS, NEW_PESSOAS]);
    // familia is a folder of two Parquet parts: both counted.
    expect(before[1]?.tables.find((t) => t.name === 'familia')?.rows).toBe(2 * NEW_PESSOAS);
    expect(before.every((s) => s.bytes > 0 && s.publication === undefined && s.manifestProblem === undefined)).toBe(true);

    const source = path.join(ready.fixture.dataDir, 'snapshots', NEW_DATE);
    // The fixture's familia is a folder of parts, not one file: a blocking finding, published by force.
    const motivo = 'Teste: a família chega em partes neste mês';
    const imported = await runCli(['snapshot', 'import', '--from', source, '--date', '2026-11-30', '--data', ready.fixture.dataDir, '--force', '--motivo', motivo]);
    expect(imported.code, imported.stderr).toBe(0);
    const published = (await workbench.snapshotOverview({})).find((s) => s.date === '2026-11-30');
    expect(published?.tables.find((t) => t.name === 'pessoa')?.rows).toBe(NEW_PESSOAS);
    expect(published?.publication).toMatchObject({ user: os.userInfo().username, from: source, blocking: 1, forced: motivo });
    expect(published?.publication?.findings).toContainEqual({ rule: 'tabela_ausente', table: 'familia', count: 1, severity: 'bloqueante' });
    expect(published?.publication?.reports.length).toBeGreaterThan(0);
  });

  it('says when a manifest cannot be read', async () => {
    const workbench = await ready.open('broken-manifest');
    const folder = path.join(ready.fixture.dataDir, 'snapshots', '2026-12-31');
    await cp(path.join(ready.fixture.dataDir, 'snapshots', NEW_DATE), folder, { recursive: true });
    await writeFile(path.join(folder, 'manifesto.json'), '{"publishedAt": 1');
    const overview = (await workbench.snapshotOverview({})).find((s) => s.date === '2026-12-31');
    expect(overview?.publication).toBeUndefined();
    expect(overview?.manifestProblem).toMatch(/manifesto\.json malformado/);
  });

  it('compares a table between two snapshots as three kept results, rows masked and classed', async () => {
    const workbench = await ready.open('diff');
    const { queryId, events } = await diff(workbench, { table: 'pessoa', from: OLD_DATE, to: NEW_DATE });
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
    expect(events.filter((e) => e.kind === 'done').map((e) => (e as { rowCount: number }).rowCount)[0]).toBe(1);
    const summary = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 })).ipc).get(0)?.toJSON();
    expect(summary).toMatchObject({ tabela: 'pessoa', incluidas: BigInt(NEW_PESSOAS - OLD_PESSOAS), removidas: 0n });
    const rows = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 2, offset: 0, limit: 10 })).ipc);
    const names = [...(rows.getChild('nome_depois') ?? [])];
    expect(names.filter((name) => name !== null)).toEqual(['B. G.', 'C. S.']);
    const columns = events.find((e): e is Extract<QueryEvent, { kind: 'columns' }> => e.kind === 'columns' && e.statementIndex === 2)?.columns;
    expect(columns?.find((c) => c.name === 'nome_depois')?.privacy).toBe('identificador');
    // Personal data: exporting the rows asks for a purpose, as any result of them does.
    expect((await refusal(workbench.exportResult({ queryId, statementIndex: 2, format: 'csv' }))).message).toMatch(/finalidade/i);
  });

  it('is refused to consulta, before anything runs', async () => {
    const viewer = await ready.open('consulta', { user: 'maria' });
    expect((await refusal(viewer.snapshotOverview({}))).code).toBe('not_allowed');
    expect((await refusal(viewer.diffSnapshots({ table: 'pessoa', from: OLD_DATE, to: NEW_DATE }))).code).toBe('not_allowed');
  });

  it('imports a month from the workbench: validates, refuses to publish past a blocking finding, publishes with a reason into its own audit log', async () => {
    const workbench = await ready.open('import');
    const from = path.join(ready.fixture.dataDir, 'snapshots', NEW_DATE);
    const checked = await workbench.importMonth({ from, date: '2027-01-31', publish: false });
    expect(checked).toMatchObject({ published: false, notPublished: 'validacao', blocking: 1 });
    expect(checked.findings).toContainEqual(expect.objectContaining({ rule: 'tabela_ausente', table: 'familia', severity: 'bloqueante', message: expect.stringContaining('familia') }));
    expect(checked.tables.find((t) => t.table === 'pessoa')?.rows).toBe(NEW_PESSOAS);
    expect((await workbench.info()).snapshots.map((s) => s.date)).not.toContain('2027-01-31');

    expect(await workbench.importMonth({ from, date: '2027-01-31', publish: true })).toMatchObject({ published: false, notPublished: 'bloqueado' });
    const published = await workbench.importMonth({ from, date: '2027-01-31', publish: true, motivo: 'Família chega em partes; aprovado pela coordenação' });
    expect(published.published).toBe(true);
    // Taken in at once: listed without asking for info first, and queryable.
    expect(workbench.engine.snapshots().map((s) => s.date)).toContain('2027-01-31');
    const log = await readFile(workbench.privacy.audit.paths.log, 'utf8');
    expect(log).toContain(published.manifestSha256);
    // A published month is never imported again.
    expect((await refusal(workbench.importMonth({ from, date: '2027-01-31', publish: true }))).message).toMatch(/2027-01-31/);
  });

  it('refuses a relative folder, a second import at once, and consulta', async () => {
    const workbench = await ready.open('import-refusals');
    expect((await refusal(workbench.importMonth({ from: 'recebidos/2026-11', date: '2027-02-28', publish: false }))).code).toBe('parameter');
    const from = path.join(ready.fixture.dataDir, 'snapshots', NEW_DATE);
    const first = workbench.importMonth({ from, date: '2027-02-28', publish: false });
    expect((await refusal(workbench.importMonth({ from, date: '2027-02-28', publish: false }))).code).toBe('not_allowed');
    expect((await first).notPublished).toBe('validacao');
    const viewer = await ready.open('import-consulta', { user: 'maria' });
    expect((await refusal(viewer.importMonth({ from, date: '2027-02-28', publish: false }))).code).toBe('not_allowed');
  });
});
