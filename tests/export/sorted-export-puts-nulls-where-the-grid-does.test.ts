// How a sorted result is ordered. The grid's pages (results/kept-result.ts) and the export of a
// sorted result (export/kept-export.ts) take their ORDER BY from one place
// (results/sort-order.ts): NULLs last, ascending and descending, ties in the result's own
// order, text in Portuguese order. A file exported "as the grid shows it" must have its rows in
// exactly the grid's order.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SortKey } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';

let workbench: Workbench;
let dir: string;
let queryId: string;

// id is the result's order; v has NULLs first, in the middle and last; g ties (1 twice, NULL
// twice); nome is text that byte order sorts wrong (capitals before small letters, accented
// letters after z).
const SQL = `select * from (values (1, NULL, 1, 'Conjunto'), (2, 20, NULL, 'César'), (3, 10, 1, 'avião'), (4, NULL, NULL, NULL), (5, 30, 2, 'Ávila'), (6, 10, 3, 'Zé')) t(id, v, g, nome)`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-nulls-last-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(dir, 'state'), threads: 1 });
  ({ queryId } = await runAndCollect(workbench, { sql: SQL }));
});

afterAll(async () => {
  await workbench?.close();
});

async function gridIds(sort: SortKey[]): Promise<number[]> {
  const page = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 100, sort });
  return [...(decodeIpc(page.ipc).getChild('id') ?? [])].map(Number);
}

async function exportedIds(sort: SortKey[]): Promise<number[]> {
  const destination = path.join(dir, `ordem-${sort.map((k) => `${k.column}${k.direction}`).join('-')}.json`);
  const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'json', saveTarget: grantSave(workbench, destination), sort });
  expect((await workbench.exportSettled(exportId)).state).toBe('done');
  return (await readFile(destination, 'utf8')).trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: number }).id);
}

const CASES: [string, SortKey[], number[]][] = [
  ['ascending', [{ column: 1, direction: 'asc' }], [3, 6, 2, 5, 1, 4]],
  ['descending', [{ column: 1, direction: 'desc' }], [5, 2, 3, 6, 1, 4]],
  ['by two keys, NULLs last in each', [{ column: 2, direction: 'desc' }, { column: 1, direction: 'asc' }], [6, 5, 3, 1, 2, 4]],
  // pt-BR order, as users expect it: avião, Ávila, César, Conjunto, Zé (bytes: Conjunto, César, Zé, avião, Ávila).
  ['text in Portuguese order', [{ column: 3, direction: 'asc' }], [3, 5, 2, 1, 6, 4]],
  ['text in Portuguese order, descending', [{ column: 3, direction: 'desc' }], [6, 1, 2, 5, 3, 4]],
];

describe('a sorted result', () => {
  for (const [name, sort, expected] of CASES) {
    it(`the grid puts them last, ${name}`, async () => {
      expect(await gridIds(sort)).toEqual(expected);
    });

    it(`the export puts them where the grid does, ${name}`, async () => {
      expect(await exportedIds(sort)).toEqual(expected);
    });
  }

  it('without a sort both keep the result order', async () => {
    expect(await gridIds([])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await exportedIds([])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
