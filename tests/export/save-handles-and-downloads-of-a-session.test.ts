// Where a session's exports end up (workbench-exports.ts): a panel written through the save
// dialog's handle uses the handle up, as a result's export does, so a client cannot write
// twice with one grant; and the downloads nobody took (files of personal data in the temp
// folder) are gone once the session closes. Real DuckDB over the sample registry, real files.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResultStore } from '../../main/core/results/result-store.ts';
import { WorkbenchExports } from '../../main/core/export/workbench-exports.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';

let workbench: Workbench;
let dir: string;

const exportsOf = (wb: Workbench) => (wb as unknown as { exports: WorkbenchExports }).exports;
const resultsOf = (wb: Workbench) => (wb as unknown as { parts: { results: ResultStore } }).parts.results;

const PANEL = ['---', 'title: Bairros', '---', '', '```sql bairros', "select * from (values (1, 'Centro'), (2, 'Jundiapeba')) t(id, bairro)", '```', ''].join('\n');

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'mirante-handles-downloads-')));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(dir, 'state'), threads: 1 });
});

afterAll(async () => {
  await workbench?.close();
});

describe('a save handle', () => {
  it('is used up by the panel export it carried: the file is written once, the same handle is then refused', async () => {
    const files = path.join(dir, 'arquivos');
    await mkdir(files);
    const target = path.join(files, 'bairros.xlsx');
    const handle = grantSave(workbench, target);
    const { exportId } = await workbench.exportDocument({ text: PANEL, format: 'xlsx', saveTarget: handle });
    const status = await exportsOf(workbench).settled(exportId);
    expect(status).toMatchObject({ state: 'done', path: target, sheets: [{ name: 'bairros', rows: 2 }] });
    expect((await refusal(workbench.exportDocument({ text: PANEL, format: 'xlsx', saveTarget: handle }))).code).toBe('not_allowed');
    expect(() => exportsOf(workbench).exportDocument({ text: PANEL, format: 'xlsx', saveTarget: handle, source: { kind: 'free' } })).toThrow();
    expect(await readdir(files)).toEqual(['bairros.xlsx']);
  });
});

describe('the downloads of a session', () => {
  it("nobody took are removed, with the session's downloads folder, when the session closes", async () => {
    const root = path.join(dir, 'downloads');
    await mkdir(root, { mode: 0o700 });
    const exports = new WorkbenchExports(workbench.engine, workbench.runner, resultsOf(workbench), () => undefined, { downloadsRoot: root });
    const { queryId } = await runAndCollect(workbench, { sql: "select 'Maria da Silva' as nome" });
    const status = await exports.settled(exports.exportResult({ queryId, statementIndex: 0, format: 'csv' }).exportId);
    expect(status.state).toBe('done');
    const file = status.path as string;
    expect(file.startsWith(path.join(root, `pid-${process.pid}`))).toBe(true);
    expect(existsSync(file)).toBe(true);
    await exports.close();
    expect(existsSync(file)).toBe(false);
    // This instance's folder goes with them; the process's own (shared by its instances) stays, empty.
    expect(await readdir(path.join(root, `pid-${process.pid}`))).toEqual([]);
  });
});
