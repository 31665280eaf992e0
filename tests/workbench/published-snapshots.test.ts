// A snapshot published while the workbench runs shows up without a restart: the next info()
// lists it (and makes it the default), queries run on it, masked as every other; a folder
// that cannot be read is left out until it can, and never breaks the ones already open.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_DATE, NEW_PESSOAS } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { runAndCollect } from './collect-events.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-published-' }, (setup) => {
  ready = setup;
});

const snapshotsDir = () => path.join(ready.fixture.dataDir, 'snapshots');

describe('snapshots published while the workbench runs', () => {
  it('are listed by the next info, become the default, and answer masked queries', async () => {
    const workbench = await ready.open('published');
    const before = await workbench.info();
    expect(before.snapshots.map((s) => s.date)).not.toContain('2026-11-30');
    // A staging folder (a publish in progress) is not a snapshot.
    await cp(path.join(snapshotsDir(), NEW_DATE), path.join(snapshotsDir(), '.staging-2026-11-30-123'), { recursive: true });
    await cp(path.join(snapshotsDir(), NEW_DATE), path.join(snapshotsDir(), '2026-11-30'), { recursive: true });
    const after = await workbench.info();
    expect(after.snapshots.map((s) => s.date)).toEqual([...before.snapshots.map((s) => s.date), '2026-11-30']);
    expect(after.defaultSnapshot).toBe('2026-11-30');
    const { queryId, events } = await runAndCollect(workbench, { sql: 'select nome, data_referencia() as d from pessoa order by pessoa_id', snapshot: '2026-11-30' });
    expect(events.some((e) => e.kind === 'error')).toBe(false);
    const page = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
    expect(page.numRows).toBe(NEW_PESSOAS);
    expect(page.getChildAt(0)?.get(0)).toBe('A. C.');
    expect((await workbench.catalog({ snapshot: '2026-11-30' })).map((t) => t.name)).toContain('pessoa');
  });

  it('leave out a folder that cannot be read until it can, without touching the others', async () => {
    const workbench = await ready.open('unreadable');
    const broken = path.join(snapshotsDir(), '2026-12-31');
    await mkdir(broken);
    await writeFile(path.join(broken, 'pessoa.parquet'), 'isto não é um arquivo Parquet');
    const info = await workbench.info();
    expect(info.snapshots.map((s) => s.date)).not.toContain('2026-12-31');
    const { events } = await runAndCollect(workbench, { sql: 'select count(*) from pessoa', snapshot: NEW_DATE });
    expect(events.some((e) => e.kind === 'error')).toBe(false);
    // Fixed (a real publish would have renamed a whole folder into place): taken in next time.
    await cp(path.join(snapshotsDir(), NEW_DATE, 'pessoa.parquet'), path.join(broken, 'pessoa.parquet'));
    expect((await workbench.info()).snapshots.map((s) => s.date)).toContain('2026-12-31');
  });
});
