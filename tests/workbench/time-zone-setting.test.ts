// The zone a user chooses in the status bar is kept with the workspace and used when the
// workbench next opens; a shell's explicit zone (--tz) wins; a name nobody knows is refused when
// saved, and one found in an old or hand-edited workspace file is passed over, never fatal.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../main/core/api/index.ts';
import { systemTimeZone } from '../../main/core/format/zone-offset.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-zone-setting-' }, (setup) => {
  ready = setup;
});

const workspace: Workspace = { tabs: [], activeTabId: null, locale: 'pt-BR', theme: 'light' };

describe('the time zone setting', () => {
  it('opens the next workbench in the saved zone, unless the shell names one', async () => {
    const first = await ready.open('escolhido');
    expect((await first.info()).timeZone).toBe(systemTimeZone());
    await first.saveWorkspace({ ...workspace, timeZone: ' America/Sao_Paulo ' });
    expect((await first.loadWorkspace())?.timeZone).toBe('America/Sao_Paulo');
    await first.close();

    const next = await ready.open('escolhido');
    expect((await next.info()).timeZone).toBe('America/Sao_Paulo');
    const forced = await ready.open('escolhido', { timeZone: 'Asia/Kolkata' });
    expect((await forced.info()).timeZone).toBe('Asia/Kolkata');
  });

  it('refuses to save a zone nobody knows, and opens in the system zone over a bad saved one', async () => {
    const workbench = await ready.open('ruim');
    await expect(workbench.saveWorkspace({ ...workspace, timeZone: 'Marte/Olympus' })).rejects.toMatchObject({ detail: { code: 'parameter' } });
    await workbench.close();
    await mkdir(path.join(ready.scratch, 'ruim'), { recursive: true });
    await writeFile(path.join(ready.scratch, 'ruim', 'workspace.json'), JSON.stringify({ ...workspace, timeZone: 'Marte/Olympus' }));
    const reopened = await ready.open('ruim');
    expect((await reopened.info()).timeZone).toBe(systemTimeZone());
  });
});
