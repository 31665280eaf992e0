// Snapshot selection: unqualified names and data_referencia() follow the chosen snapshot
// (default the newest) through the query connection's search_path; older snapshots stay
// reachable qualified.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/engine/engine.ts';
import { discoverSnapshots, schemaForDate } from '../../main/core/registry/snapshots.ts';
import { useFixtureEngine, errorOf, NEW_DATE, NEW_PESSOAS, OLD_DATE, OLD_PESSOAS, rowsOf, runAll } from '../engine/fixture.ts';
import type { Fixture } from '../engine/fixture.ts';

let fixture: Fixture;
let engine: Engine;
useFixtureEngine(
  (opened) => ({ fixture, engine } = opened),
  async ({ dataDir }) => {
    // Noise discovery must ignore: not a date, not a calendar date, an empty snapshot, a stray file.
    await mkdir(path.join(dataDir, 'snapshots', 'rascunho'));
    await mkdir(path.join(dataDir, 'snapshots', '2026-02-31'));
    await mkdir(path.join(dataDir, 'snapshots', '2026-12-31'));
    await writeFile(path.join(dataDir, 'snapshots', NEW_DATE, 'LEIAME.txt'), 'notas');
  },
);

describe('snapshot discovery', () => {
  it('finds dated folders with Parquet tables, ascending, files and folders of files', async () => {
    const snapshots = await discoverSnapshots(fixture.dataDir);
    expect(snapshots.map((snapshot) => [snapshot.date, snapshot.schema])).toEqual([
      [OLD_DATE, 's_2026_09_30'],
      [NEW_DATE, 's_2026_10_31'],
    ]);
    const tables = snapshots[1]?.tables ?? [];
    expect(tables.map((table) => table.name)).toEqual(['familia', 'pessoa']);
    expect(tables[0]?.source).toBe(path.join(fixture.dataDir, 'snapshots', NEW_DATE, 'familia', '*.parquet'));
    expect(schemaForDate('2026-01-05')).toBe('s_2026_01_05');
  });

  it('a data dir without snapshots is not_found', async () => {
    await expect(discoverSnapshots(path.join(fixture.root, 'nada'))).rejects.toMatchObject({ detail: { code: 'not_found' } });
  });

  it('exposes the snapshots and the newest as default', () => {
    expect(engine.snapshots()).toEqual([
      { date: OLD_DATE, schema: 's_2026_09_30', tables: ['familia', 'pessoa'] },
      { date: NEW_DATE, schema: 's_2026_10_31', tables: ['familia', 'pessoa'] },
    ]);
    expect(engine.defaultSnapshot()).toBe(NEW_DATE);
  });
});

describe('snapshot selection', () => {
  it('unqualified names read the newest snapshot by default', async () => {
    expect(await rowsOf(engine, 'select count(*), data_referencia() from pessoa')).toEqual([[NEW_PESSOAS, NEW_DATE]]);
  });

  it('a chosen snapshot changes the counts and data_referencia()', async () => {
    const rows = await rowsOf(engine, 'select count(*), data_referencia() from pessoa', { snapshot: OLD_DATE });
    expect(rows).toEqual([[OLD_PESSOAS, OLD_DATE]]);
    expect(await rowsOf(engine, 'select count(*) from familia', { snapshot: OLD_DATE })).toEqual([[OLD_PESSOAS * 2]]);
  });

  it('older snapshots stay reachable qualified, for comparisons', async () => {
    const rows = await rowsOf(
      engine,
      `select (select count(*) from pessoa) - (select count(*) from s_2026_09_30.pessoa) as novos,
              s_2026_09_30.data_referencia() as antes`,
    );
    expect(rows).toEqual([[NEW_PESSOAS - OLD_PESSOAS, OLD_DATE]]);
  });

  it('the choice is per query: concurrent queries on two snapshots do not mix', async () => {
    const [old, recent] = await Promise.all([
      runAll(engine, { sql: 'select count(*) from pessoa', snapshot: OLD_DATE }),
      runAll(engine, { sql: 'select count(*) from pessoa' }),
    ]);
    expect(old[0]?.rows).toEqual([[OLD_PESSOAS]]);
    expect(recent[0]?.rows).toEqual([[NEW_PESSOAS]]);
  });

  it('an unknown snapshot is not_found, listing the known ones', async () => {
    const error = await errorOf(engine, { sql: 'select 1', snapshot: '2026-12-31' });
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(`${OLD_DATE}, ${NEW_DATE}`);
    expect(() => engine.catalog('1999-01-01')).toThrow(/não encontrado/);
  });
});
