// A test file's workbench(es) over the tiny fixture registry (tests/engine/fixture.ts): its own
// scratch folder with a queries folder of the given documents, a deployment file when given,
// and a Workbench per user opened on demand; everything closed and removed after the file.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Workbench, type WorkbenchOptions } from '../../main/core/workbench.ts';
import { createFixture, type Fixture } from '../engine/fixture.ts';

export interface FixtureWorkbenches {
  fixture: Fixture;
  scratch: string;
  queriesDir: string;
  /** Opens a Workbench over the fixture (state in `scratch/<stateName>`); closed after the file. */
  open(stateName: string, options?: Partial<WorkbenchOptions>): Promise<Workbench>;
}

export interface FixtureWorkbenchesSetup {
  /** Name prefix of the scratch folder. */
  prefix: string;
  /** Files of the queries folder, by name. */
  documents?: Record<string, string>;
  /** `<data dir>/mirante.yaml`. */
  deployment?: string;
}

/** Call at the top of a test file; `use` receives the setup once it is ready. */
export function useFixtureWorkbenches(setup: FixtureWorkbenchesSetup, use: (ready: FixtureWorkbenches) => Promise<void> | void): void {
  const opened: Workbench[] = [];
  let fixture: Fixture | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    fixture = await createFixture();
    scratch = await mkdtemp(path.join(os.tmpdir(), setup.prefix));
    const queriesDir = path.join(scratch, 'queries');
    await mkdir(queriesDir);
    for (const [name, text] of Object.entries(setup.documents ?? {})) await writeFile(path.join(queriesDir, name), text);
    if (setup.deployment !== undefined) await writeFile(path.join(fixture.dataDir, 'mirante.yaml'), setup.deployment);
    const { dataDir, tempRoot } = fixture;
    const base = scratch;
    await use({
      fixture,
      scratch,
      queriesDir,
      open: async (stateName, options = {}) => {
        const workbench = await Workbench.open({ dataDir, queriesDir, stateDir: path.join(base, stateName), tempRoot, threads: 1, ...options });
        opened.push(workbench);
        return workbench;
      },
    });
  });
  afterAll(async () => {
    for (const workbench of opened) await workbench.close();
    await fixture?.cleanup();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
}
