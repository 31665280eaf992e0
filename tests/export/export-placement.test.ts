// Where an export may write (finding: "exports write where the client says"). The core takes
// no path from any client and any role: `destination` is refused, only a handle the desktop
// shell granted after its save dialog is taken (once), and no export writes into the data dir,
// the snapshots, the audit log's folder or the state folder, even through a granted path or a
// symlink. Each attack runs on real files; before and after, every byte and mtime is compared.
import { existsSync } from 'node:fs';
import { lstat, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApiError } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { NEW_DATE, type Fixture } from '../engine/fixture.ts';
import { collect } from '../privacy/support.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';
import { treeState } from '../support/tree-state.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';

const PANEL = ['---', 'title: Contagem', '---', '', '```sql contagem', 'select count(*) as n_pessoas from pessoa', '```', ''].join('\n');

let fixture: Fixture;
let scratch: string;
let auditLog: string;
let analyst: Workbench;
let viewer: Workbench;
let viewerResult: string;
let analystResult: string;

/**
 * The data dir's state, less what the audit writer itself touches as it appends (the log, its
 * lock, its anchor, their folder's mtime): the log is checked apart (same file, only appended
 * to); the key and everything else must not change.
 */
async function dataState(): Promise<Map<string, string>> {
  const state = await treeState(fixture.dataDir);
  const folder = path.relative(fixture.dataDir, path.dirname(auditLog));
  for (const name of ['', 'auditoria.jsonl', 'auditoria.jsonl.lock', 'ancora-auditoria']) state.delete(path.join(folder, name));
  return state;
}

useFixtureWorkbenches(
  { prefix: 'mirante-export-placement-', documents: { 'painel.md': PANEL }, deployment: 'papel_padrao: analista\nusuarios:\n  maria: consulta\n' },
  async (ready) => {
    ({ fixture, scratch } = ready);
    auditLog = path.join(fixture.dataDir, 'auditoria', 'auditoria.jsonl');
    analyst = await ready.open('estado-analista', { user: 'joao' });
    viewer = await ready.open('estado-consulta', { user: 'maria' });
    // A kept result for each (consulta runs the saved panel by path); the audit log now exists.
    viewerResult = (await collect(viewer, (queryId) => viewer.runCell({ text: '', path: 'painel.md', cell: 'contagem', queryId }))).queryId;
    analystResult = (await runAndCollect(analyst, { sql: 'select 1 as n' })).queryId;
    // The run's audit entry is written as it finishes.
    for (let i = 0; i < 200 && !existsSync(auditLog); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!existsSync(auditLog)) throw new Error('o registro de auditoria não foi criado');
  },
);

describe('a path from a client', () => {
  it('is refused (not_allowed) from any role: the audit log, a snapshot folder, `..` paths, a new folder; nothing is created or changed', async () => {
    const snapshot = path.join(fixture.dataDir, 'snapshots', NEW_DATE);
    const attacks = [
      { format: 'csv' as const, destination: auditLog },
      { format: 'parquet' as const, destination: path.join(snapshot, 'plantada.parquet') },
      { format: 'parquet' as const, destination: path.join(snapshot, 'pessoa.parquet') },
      { format: 'csv' as const, destination: `${scratch}/saida/../../${path.relative(path.dirname(scratch), fixture.dataDir)}/auditoria/x.csv` },
      { format: 'csv' as const, destination: '../../auditoria/auditoria.jsonl' },
      { format: 'xlsx' as const, destination: path.join(scratch, 'pasta-nova', 'sub', 'x.xlsx') },
      { format: 'json' as const, destination: path.join(scratch, 'estado-consulta', 'historico.jsonl') },
    ];
    const log = await readFile(auditLog);
    const logInode = (await stat(auditLog)).ino;
    const dataBefore = await dataState();
    const scratchBefore = await treeState(scratch);
    const refusals: ApiError[] = [];
    for (const [workbench, queryId] of [[viewer, viewerResult], [analyst, analystResult]] as const) {
      for (const attack of attacks) {
        refusals.push(await refusal(workbench.exportResult({ queryId, statementIndex: 0, ...attack } as never)));
      }
      refusals.push(await refusal(workbench.exportDocument({ text: PANEL, path: 'painel.md', format: 'xlsx', destination: auditLog } as never)));
    }
    expect(refusals.map((r) => r.code)).toEqual(Array(refusals.length).fill('not_allowed'));
    // Give a wrongly started job every chance to write before looking.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await treeState(scratch)).toEqual(scratchBefore);
    expect(await dataState()).toEqual(dataBefore);
    // The audit log is the same file, only ever appended to (never replaced by an export).
    expect((await lstat(auditLog)).isFile()).toBe(true);
    expect((await stat(auditLog)).ino).toBe(logInode);
    expect((await readFile(auditLog)).subarray(0, log.length).equals(log)).toBe(true);
  });

  it('an unknown, forged or used handle is refused too, and the web mode (no grant) only downloads', async () => {
    for (const saveTarget of ['x', auditLog, '', 'A'.repeat(32)]) {
      expect((await refusal(viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'csv', saveTarget }))).code).toBe('not_allowed');
    }
    const download = await viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'csv' });
    const status = await viewer.exportSettled(download.exportId);
    expect(status.state).toBe('done');
    expect(status.download).toBe(`/downloads/${download.exportId}`);
  });
});

describe('a path the save dialog granted', () => {
  it('is written once, mode 0600; the handle cannot be used again', async () => {
    const chosen = path.join(scratch, 'relatorio.csv');
    const saveTarget = grantSave(viewer, chosen);
    const { exportId } = await viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'csv', saveTarget });
    const status = await viewer.exportSettled(exportId);
    expect(status).toMatchObject({ state: 'done', path: chosen, fileName: 'relatorio.csv' });
    expect(status.download).toBeUndefined();
    expect(await readFile(chosen, 'utf8')).toMatch(/^"n_pessoas"\r\n\d+\r\n$/);
    expect((await stat(chosen)).mode & 0o777).toBe(0o600);
    expect((await refusal(viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'csv', saveTarget }))).code).toBe('not_allowed');
    // Another handle granted in another Workbench (another session) means nothing here.
    const elsewhere = grantSave(analyst, path.join(scratch, 'outro.csv'));
    expect((await refusal(viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'csv', saveTarget: elsewhere }))).code).toBe('not_allowed');
  });

  // The state folder and an audit log outside the data dir: private-files.test.ts, on ExportJobs
  // with the roots the Workbench passes (protectedRoots).
  it('is refused inside the data dir, a snapshot, the audit folder, through a symlink too, or in a missing folder; nothing is created or changed', async () => {
    const link = path.join(scratch, 'atalho-snapshots');
    await symlink(path.join(fixture.dataDir, 'snapshots'), link);
    const linkToAudit = path.join(scratch, 'atalho-auditoria');
    await symlink(path.dirname(auditLog), linkToAudit);
    const dataBefore = await dataState();
    const scratchBefore = await treeState(scratch);
    const log = await readFile(auditLog);
    const logInode = (await stat(auditLog)).ino;
    const refused: [string, string][] = [
      [path.join(fixture.dataDir, 'x.csv'), 'not_allowed'],
      [auditLog, 'not_allowed'],
      [path.join(fixture.dataDir, 'snapshots', NEW_DATE, 'plantada.parquet'), 'not_allowed'],
      [path.join(link, NEW_DATE, 'plantada.parquet'), 'not_allowed'],
      [path.join(linkToAudit, 'auditoria.jsonl'), 'not_allowed'],
      [path.join(scratch, 'pasta-nova', 'x.csv'), 'not_found'],
    ];
    const codes: string[] = [];
    for (const [file] of refused) {
      const format = file.endsWith('.parquet') ? 'parquet' : 'csv';
      codes.push((await refusal(viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format, saveTarget: grantSave(viewer, file) }))).code);
    }
    expect(codes).toEqual(refused.map(([, code]) => code));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await treeState(scratch)).toEqual(scratchBefore);
    expect(await dataState()).toEqual(dataBefore);
    expect((await stat(auditLog)).ino).toBe(logInode);
    expect((await readFile(auditLog)).subarray(0, log.length).equals(log)).toBe(true);
  });

  it('replaces a symlink planted under the final name instead of writing through it', async () => {
    const victim = path.join(scratch, 'vitima.txt');
    await writeFile(victim, 'intocado');
    const victimBefore = await stat(victim);
    const chosen = path.join(scratch, 'planilha.xlsx');
    await symlink(victim, chosen);
    // The old predictable partial name, planted too.
    await symlink(victim, `${chosen}.partial`);
    const { exportId } = await viewer.exportResult({ queryId: viewerResult, statementIndex: 0, format: 'xlsx', saveTarget: grantSave(viewer, chosen) });
    expect((await viewer.exportSettled(exportId)).state).toBe('done');
    expect(await readFile(victim, 'utf8')).toBe('intocado');
    expect((await stat(victim)).mtimeMs).toBe(victimBefore.mtimeMs);
    const written = await lstat(chosen);
    expect(written.isFile()).toBe(true);
    expect(written.mode & 0o777).toBe(0o600);
    expect((await readFile(chosen)).subarray(0, 2).toString()).toBe('PK');
  });
});
