// Exports and the queries still running under them (kept-tables.ts): a result still streaming
// is not exported (its file would hold the rows that happened to be there, and count them as
// the whole), and cancelling a panel's export stops the cell DuckDB is running instead of
// letting it finish. Real DuckDB over the sample registry.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import type { WorkbenchExports } from '../../main/core/export/workbench-exports.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { collectEvents } from '../workbench/collect-events.ts';

let workbench: Workbench;
let dir: string;

const exportsOf = (wb: Workbench) => (wb as unknown as { exports: WorkbenchExports }).exports;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-exports-while-running-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(dir, 'state'), threads: 1 });
});

afterAll(async () => {
  await workbench?.close();
});

describe('an export and a running query', () => {
  it('a result still streaming is refused (not_allowed) in every format, and nothing starts', async () => {
    const queryId = 'ainda-chegando';
    const refusals: Promise<unknown>[] = [];
    await collectEvents(
      workbench,
      queryId,
      () => workbench.runQuery({ sql: 'select i, i % 7 as r from range(20000000000) t(i)', queryId }),
      (event: QueryEvent) => {
        if (event.kind === 'progress' && refusals.length === 0) {
          for (const format of ['csv', 'csv-br', 'parquet', 'json', 'xlsx'] as const) {
            refusals.push(refusal(workbench.exportResult({ queryId, statementIndex: 0, format })));
          }
          void Promise.allSettled(refusals).then(() => workbench.cancelQuery({ queryId }));
        }
      },
    );
    expect(refusals).toHaveLength(5);
    for (const refused of await Promise.all(refusals)) {
      expect(refused).toEqual({ code: 'not_allowed', message: 'Aguarde o fim da consulta para exportar o resultado.' });
    }
  });

  it("cancelling a panel's export stops the cell DuckDB is running: cancelled in seconds, not when the cell would end", async () => {
    // Minutes on one thread if left to finish.
    const panel = ['---', 'title: Lenta', '---', '', '```sql lenta', 'select sum(hash(i)) from range(50000000000) t(i)', '```', ''].join('\n');
    const { exportId } = await workbench.exportDocument({ text: panel, format: 'xlsx' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = Date.now();
    expect(await workbench.cancelExport({ exportId })).toEqual({ cancelled: true });
    const status = await exportsOf(workbench).settled(exportId);
    expect(status.state).toBe('cancelled');
    expect(status.path).toBeUndefined();
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    // The engine is free again.
    const connection = await workbench.engine.appConnection();
    try {
      expect((await connection.runAndReadAll('select 42')).getRows()).toEqual([[42]]);
    } finally {
      connection.closeSync();
    }
  }, 30_000);
});
