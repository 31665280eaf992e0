// The Electron shell when the workbench cannot open: a native dialog saying why and where the
// data was looked for, then the process exits (it used to stay up with no window). The error
// is a real one from opening the core on a folder with no registry; the two Electron calls
// are recorded (the Electron binary cannot be downloaded on the machines that run the tests).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { STARTUP_FAILURE_TITLE, reportStartupFailure } from '../../main/electron/startup-failure.ts';
import { projectRoot } from '../support/run-cli.ts';

describe('Electron start-up failure', () => {
  it('shows why the workbench could not open, where the data was looked for, and exits', async () => {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mirante-sem-dados-')), 'nao-existe');
    const failure = await Workbench.open({ dataDir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeDefined();
    const calls: string[] = [];
    reportStartupFailure({ showErrorBox: (title, content) => calls.push(`${title}\n${content}`), exit: (code) => calls.push(`exit ${code}`) }, failure, dataDir);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain(STARTUP_FAILURE_TITLE);
    expect(calls[0]).toContain(dataDir);
    expect(calls[0]).toContain('MIRANTE_DATA');
    expect(calls[1]).toBe('exit 1');
  });

  it('is what main.ts does when opening fails', () => {
    const main = readFileSync(path.join(projectRoot, 'main/electron/main.ts'), 'utf8');
    expect(main).toMatch(/start\(\)\.catch\(\(error: unknown\) => reportStartupFailure\(/);
    expect(main).toContain('dialog.showErrorBox(title, content)');
    expect(main).toContain('app.exit(code)');
  });
});
