// The web mode's download of an export: behind the guard, served once, then deleted; and the
// web API never takes a path to write to (downloads only: no save dialog grants a handle here).
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { startServer, type RunningServer } from '../../main/server/server.ts';
import { callApi, openSession, rawRequest } from '../server/http-client.ts';
import { runAndCollect } from '../workbench/collect-events.ts';

let workbench: Workbench;
let server: RunningServer;

beforeAll(async () => {
  const staticRoot = await mkdtemp(path.join(os.tmpdir(), 'mirante-static-'));
  await writeFile(path.join(staticRoot, 'index.html'), '<!doctype html><title>Mirante</title>');
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(staticRoot, 'state') });
  server = await startServer(workbench, { port: 0, staticRoot });
});

afterAll(async () => {
  await server?.close();
  await workbench?.close();
});

describe('GET /downloads/<exportId>', () => {
  it('needs the session cookie, sends the file once as an attachment, then deletes it', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: `select 'ação' as s, 1 as n` });
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv', fileName: 'relatório' });
    const status = await workbench.exportSettled(exportId);
    expect(status.download).toBe(`/downloads/${exportId}`);
    const pathOf = status.path as string;

    const anonymous = await rawRequest(server.port, { path: status.download as string, headers: { Host: server.host } });
    expect(anonymous.status).toBe(401);

    const headers = { Host: server.host, Cookie: await openSession(server) };
    const first = await rawRequest(server.port, { path: status.download as string, headers });
    expect(first.status).toBe(200);
    // Headers and text quoted (and guarded) for spreadsheets; numbers as they are.
    expect(first.body).toBe('"s","n"\r\n"ação",1\r\n');
    expect(first.headers['content-disposition']).toBe(`attachment; filename="relat_rio.csv"; filename*=UTF-8''relat%C3%B3rio.csv`);
    // Deleted right after the response ends (the client may see the end first).
    for (let i = 0; i < 100 && existsSync(pathOf); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(pathOf)).toBe(false);

    const second = await rawRequest(server.port, { path: status.download as string, headers });
    expect(second.status).toBe(404);
  });
});

describe('POST /api/exportResult from a browser', () => {
  it('refuses a destination path and any save handle (the web mode grants none); nothing is written', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: `select '=1+1' as s` });
    const target = await mkdtemp(path.join(os.tmpdir(), 'mirante-web-destination-'));
    const cookie = await openSession(server);
    const post = (body: unknown) => callApi(server, cookie, 'exportResult', body);
    for (const placement of [
      { destination: path.join(target, 'x.csv') },
      { destination: '../../../tmp/x.csv' },
      { saveTarget: path.join(target, 'x.csv') },
      { saveTarget: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    ]) {
      const answer = await post({ queryId, statementIndex: 0, format: 'csv', ...placement });
      expect(JSON.parse(answer.body), JSON.stringify(placement)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
    expect(await readdir(target)).toEqual([]);
  });
});
