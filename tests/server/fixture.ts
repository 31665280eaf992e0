// A real core over the SF 0.01 registry and a real web server on a free loopback port. The
// state, the curated-queries folder and the audit log are private to the fixture, so what a
// test sends (even fuzzed bodies of saveDocument or exports) lands in a temporary folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { startServer, type RunningServer, type ServeOptions } from '../../main/server/server.ts';

export interface TestServer {
  workbench: Workbench;
  server: RunningServer;
  /** Another server over the same core (a second run, or another service on loopback). */
  startAnother(options?: Partial<ServeOptions>): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-server-test-'));
  const staticRoot = path.join(dir, 'static');
  const queriesDir = path.join(dir, 'queries');
  await mkdir(staticRoot);
  await mkdir(queriesDir);
  await writeFile(path.join(staticRoot, 'index.html'), '<!doctype html><title>Mirante</title>');
  const workbench = await Workbench.open({
    dataDir: inject('sampleRegistryDir'),
    stateDir: path.join(dir, 'state'),
    queriesDir,
    auditLog: path.join(dir, 'auditoria', 'auditoria.jsonl'),
  });
  const others: RunningServer[] = [];
  const server = await startServer(workbench, { port: 0, staticRoot, ...options });
  return {
    workbench,
    server,
    async startAnother(more = {}) {
      const another = await startServer(workbench, { port: 0, staticRoot, ...more });
      others.push(another);
      return another;
    },
    async close() {
      for (const another of others) await another.close();
      await server.close();
      await workbench.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
