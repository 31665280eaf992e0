import { randomUUID } from 'node:crypto';
import type { RecordBatch, Table } from 'apache-arrow';
import { WorkbenchError } from '../core/api/index.ts';
import type { QueryRunner } from '../core/queries/query-runner.ts';
import type { Workbench } from '../core/workbench.ts';
import { decodeIpc, encodeIpcStream } from '../core/arrow/ipc.ts';
import { streamArrow } from '../core/arrow-stream.ts';

const ROWS_PER_MESSAGE = 65_536;

export interface CoreRun {
  rows: number;
  ipcBytes: number;
  tables: Table[];
}

/**
 * The query path every consumer of a whole result uses (CLI, exports): the runner (role,
 * audit entries, time limit), engine chunks → Arrow batches → IPC bytes in messages of ~64k
 * rows → decoded tables.
 */
export async function runCorePath(runner: QueryRunner, sql: string): Promise<CoreRun> {
  const run: CoreRun = { rows: 0, ipcBytes: 0, tables: [] };
  for await (const statement of streamArrow(runner.statements({ action: 'query', source: { kind: 'free' }, sql, queryId: randomUUID() }))) {
    let pending: RecordBatch[] = [];
    let pendingRows = 0;
    const flush = () => {
      const ipc = encodeIpcStream(statement.schema, pending);
      const table = decodeIpc(ipc);
      run.ipcBytes += ipc.byteLength;
      run.rows += table.numRows;
      run.tables.push(table);
      pending = [];
      pendingRows = 0;
    };
    for await (const batch of statement.batches) {
      pending.push(batch);
      pendingRows += batch.numRows;
      if (pendingRows >= ROWS_PER_MESSAGE) flush();
    }
    if (pendingRows > 0) flush();
  }
  return run;
}

/** ms from submit to the first batch decoded, the way the UI receives it; the query is then cancelled. */
export function firstBatchMs(workbench: Workbench, sql: string): Promise<number> {
  const queryId = randomUUID();
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let firstMs = -1;
    const off = workbench.onQueryEvent((event) => {
      if (event.queryId !== queryId) return;
      if (event.kind === 'batch' && firstMs < 0) {
        decodeIpc(event.ipc);
        firstMs = performance.now() - start;
        void workbench.cancelQuery({ queryId });
      } else if (event.kind === 'error' && event.error.code !== 'cancelled') {
        off();
        reject(new WorkbenchError(event.error));
      } else if (event.kind === 'finished') {
        off();
        void workbench.releaseResult({ queryId });
        resolve(firstMs);
      }
    });
    void workbench.runQuery({ sql, queryId });
  });
}
