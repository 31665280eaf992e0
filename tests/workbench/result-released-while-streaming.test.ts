// A result released while its query still streams (a tab closed mid-run): what is left of
// the run writes nowhere, the query can still be cancelled and says so, its tables are gone,
// and the next query runs as usual.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueryEvent } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { collectEvents, runAndCollect } from './collect-events.ts';

let workbench: Workbench;

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-released-streaming-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir, threads: 1 });
});

afterAll(async () => {
  await workbench?.close();
});

async function keptTables(): Promise<string[]> {
  const connection = await workbench.engine.appConnection();
  try {
    const reader = await connection.runAndReadAll("select table_name from duckdb_tables() where schema_name = 'resultados' order by 1");
    return reader.getRows().map((row) => String(row[0]));
  } finally {
    connection.closeSync();
  }
}

describe('a result released while it streams', () => {
  it('ends as cancelled when cancelled, leaves no table, and the next query runs', async () => {
    const before = await keptTables();
    const queryId = 'fechado-no-meio';
    let released: Promise<unknown> | undefined;
    let cancelled: Promise<unknown> | undefined;
    const events = await collectEvents(
      workbench,
      queryId,
      () => workbench.runQuery({ sql: 'select i, i % 7 as r from range(20000000000) t(i)', queryId }),
      (event: QueryEvent) => {
        if (event.kind === 'progress' && released === undefined) {
          released = workbench.releaseResult({ queryId }).then(async (result) => {
            // Rows still arrive after the release; then the user's cancel stops the query.
            await new Promise((resolve) => setTimeout(resolve, 100));
            cancelled = workbench.cancelQuery({ queryId });
            return result;
          });
        }
      },
    );
    expect(await released).toEqual({ released: true });
    expect(await cancelled).toEqual({ cancelled: true });
    const errors = events.filter((event): event is Extract<QueryEvent, { kind: 'error' }> => event.kind === 'error');
    expect(errors.map((event) => event.error.code)).toEqual(['cancelled']);
    expect(await keptTables()).toEqual(before);
    expect((await refusal(workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 1 }))).code).toBe('not_found');
    const next = await runAndCollect(workbench, { sql: 'select 42 as resposta' });
    expect(next.events.filter((event) => event.kind === 'done')).toHaveLength(1);
  });
});
