// The way of a query from the UI: the first rows go out at once as Arrow, every row goes
// into the kept result, and the renderer reads further pages from there.
import type { QueryEvent } from '../api/index.ts';
import { arrowSchemaFor } from '../arrow/schema.ts';
import { chunkToRecordBatch } from '../arrow/chunk-to-batch.ts';
import { encodeIpcStream } from '../arrow/ipc.ts';
import type { StatementStream } from '../engine/engine.ts';
import type { ColumnClasses } from '../privacy/result-privacy.ts';
import type { CachedCell } from './cell-cache.ts';
import type { ResultStore } from './result-store.ts';

const PROGRESS_EVERY_MS = 250;
/** The first batch of a cached answer (kept with it, cell-cache.ts): as many rows as DuckDB's first chunk would carry. */
export const FIRST_BATCH_ROWS = 2048;

export interface KeptRunSummary {
  /** Rows of the last statement that ran to completion. */
  rowCount: number | null;
}

/** Keeps every statement of a query (its statements from the runner) and emits its events. */
export async function runKept(
  statements: AsyncIterable<StatementStream>,
  store: ResultStore,
  queryId: string,
  emit: (event: QueryEvent) => void,
  /** Per statement, the privacy class of result columns by name (privacy/result-privacy.ts). */
  classes: readonly ColumnClasses[] = [],
): Promise<KeptRunSummary> {
  const started = performance.now();
  let rowCount: number | null = null;
  for await (const statement of statements) {
    const { statementIndex } = statement;
    const schema = arrowSchemaFor(statement.columns, statement.timeZone);
    const kept = await store.create({ queryId, statementIndex }, statement.columns, schema);
    kept.classify(classes[statementIndex]);
    emit({ kind: 'columns', queryId, statementIndex, columns: kept.columns });
    let rows = 0;
    let lastProgress = performance.now();
    try {
      for await (const chunk of statement.chunks) {
        if (rows === 0) {
          const ipc = encodeIpcStream(schema, [chunkToRecordBatch(chunk, schema)]);
          emit({ kind: 'batch', queryId, statementIndex, ipc, rowsSoFar: chunk.rowCount });
        }
        kept.append(chunk);
        rows += chunk.rowCount;
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          emit({ kind: 'progress', queryId, statementIndex, rowsSoFar: rows, elapsedMs: now - started });
          lastProgress = now;
        }
      }
    } finally {
      // A cancelled statement keeps the rows it had: the user may still look at them.
      kept.finish();
    }
    await store.evictOverBudget(queryId);
    if (rows === 0) emit({ kind: 'batch', queryId, statementIndex, ipc: encodeIpcStream(schema, []), rowsSoFar: 0 });
    rowCount = rows;
    emit({ kind: 'done', queryId, statementIndex, rowCount: rows, elapsedMs: performance.now() - started });
  }
  return { rowCount };
}

/** A one-statement query answered from the cell cache (cell-cache.ts): the same events as a run, from the cached table. */
export async function answerKept(
  cached: CachedCell,
  store: ResultStore,
  queryId: string,
  emit: (event: QueryEvent) => void,
  classes: readonly ColumnClasses[] = [],
): Promise<KeptRunSummary> {
  const started = performance.now();
  const statementIndex = 0;
  const schema = arrowSchemaFor(cached.columns, store.timeZone);
  const kept = await store.createOver({ queryId, statementIndex }, cached, schema);
  kept.classify(classes[statementIndex]);
  emit({ kind: 'columns', queryId, statementIndex, columns: kept.columns });
  emit({ kind: 'batch', queryId, statementIndex, ipc: cached.firstBatch, rowsSoFar: Math.min(cached.rows, FIRST_BATCH_ROWS) });
  emit({ kind: 'done', queryId, statementIndex, rowCount: cached.rows, elapsedMs: performance.now() - started });
  return { rowCount: cached.rows };
}
