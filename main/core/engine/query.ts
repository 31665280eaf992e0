// The way of a query: a new connection of its own, the chosen snapshot on its search_path,
// every statement prepared and allowed before any runs, then each statement bound and
// streamed chunk by chunk, so the first chunk leaves as soon as DuckDB yields it.
import type { DuckDBConnection, DuckDBDataChunk, DuckDBPreparedStatement, DuckDBResult, DuckDBType } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import type { QueryConnections } from './connection-pool.ts';
import type { RunQueryRequest } from '../api/index.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { toWorkbenchError } from './errors.ts';
import type { ErrorContext } from './errors.ts';
import { bindParameters } from './parameters.ts';
import type { RunningQuery } from './running.ts';
import { destroyPrepared, prepareScript, type PreparedScript } from './statements.ts';
import { prepareAsText, typeAsRead, unreadableColumns } from './unreadable-types.ts';
import { statementSpans } from '../sql/lexer.ts';

export interface ResultColumnType {
  name: string;
  type: DuckDBType;
}

export interface StatementStream {
  statementIndex: number;
  columns: ResultColumnType[];
  /** The IANA zone the engine shows TIMESTAMPTZ values in. */
  timeZone: string;
  /** Drain (or `.return()`) before asking for the next statement. */
  chunks: AsyncGenerator<DuckDBDataChunk>;
}

export type QueryRequest = RunQueryRequest & { queryId: string };

function resultColumns(result: DuckDBResult): ResultColumnType[] {
  const columns: ResultColumnType[] = [];
  for (let index = 0; index < result.columnCount; index += 1) {
    columns.push({ name: result.columnName(index), type: typeAsRead(result, index) });
  }
  return columns;
}

/** Turns any failure into a WorkbenchError, preferring the reason the query was stopped. */
function failure(error: unknown, query: RunningQuery, context: ErrorContext): Error {
  if (query.stopReason !== undefined) return query.stoppedError();
  return toWorkbenchError(error, context);
}

/**
 * node-api 1.5.6 ends a stream that DuckDB stopped with an error exactly like a finished one
 * (an empty chunk; the error stays in `duckdb_result_error`, which it does not expose). The
 * query runs in a transaction of its own, and an error aborts it: after the last chunk, a probe
 * tells a finished stream from a failed one; the statement then runs again, materialised, to
 * give DuckDB's own error (a failure is deterministic) instead of rows silently cut short.
 */
async function ensureStreamEnded(connection: DuckDBConnection, statement: DuckDBPreparedStatement): Promise<void> {
  try {
    await connection.run('SELECT 1');
    return;
  } catch {
    await connection.run('ROLLBACK').catch(() => undefined);
  }
  await connection.run('BEGIN TRANSACTION');
  await statement.run();
  throw new WorkbenchError({ code: 'data', message: 'A consulta foi interrompida por um erro do DuckDB enquanto os resultados eram lidos.' });
}

async function* streamChunks(
  result: DuckDBResult,
  query: RunningQuery,
  context: ErrorContext,
  ended: () => Promise<void>,
): AsyncGenerator<DuckDBDataChunk> {
  for (;;) {
    query.throwIfStopped();
    let chunk: DuckDBDataChunk | null;
    try {
      chunk = await result.fetchChunk();
    } catch (error) {
      throw failure(error, query, context);
    }
    // An interrupted stream ends with an empty chunk, exactly like a finished one.
    if (chunk === null || chunk.rowCount === 0) {
      query.throwIfStopped();
      try {
        await ended();
      } catch (error) {
        throw failure(error, query, context);
      }
      return;
    }
    yield chunk;
  }
}

/** The statement run again with the columns node-api cannot read cast to VARCHAR (unreadable-types.ts). */
async function streamAsText(
  connection: DuckDBConnection,
  script: string,
  prepared: PreparedScript,
  statementIndex: number,
  result: DuckDBResult,
  unreadable: readonly number[],
  request: QueryRequest,
  made: DuckDBPreparedStatement[],
): Promise<DuckDBResult> {
  const spans = statementSpans(script);
  const span = spans.length === prepared.statements.length ? spans[statementIndex] : undefined;
  if (!span) {
    const names = unreadable.map((index) => result.columnName(index)).join(', ');
    throw new WorkbenchError({ code: 'not_implemented', message: `O Mirante não lê o tipo da coluna ${names}: converta-a com ::VARCHAR.`, statementIndex });
  }
  const asText = await prepareAsText(connection, script.slice(span.start, span.end), result, unreadable);
  made.push(asText); // destroyed with the script's own statements, once its result is read
  await bindParameters(connection, asText, request.params, statementIndex);
  return asText.stream();
}

export async function* executeQuery(
  connections: QueryConnections,
  query: RunningQuery,
  request: QueryRequest,
  snapshot: SnapshotLayout,
  timeZone: string,
): AsyncGenerator<StatementStream> {
  const script = request.sql;
  const connection = await connections.acquire(snapshot).catch((error: unknown) => {
    throw failure(error, query, { script });
  });
  query.attach(connection);
  let prepared: Awaited<ReturnType<typeof prepareScript>> | undefined;
  const asText: DuckDBPreparedStatement[] = [];
  let finishedCleanly = false;
  let abandoned = false;
  try {
    prepared = await prepareScript(connection, script).catch((error: unknown) => {
      throw failure(error, query, { script });
    });
    await connection.run('BEGIN TRANSACTION');
    // Bind every statement before running any: a missing parameter in the last one runs nothing.
    for (const [statementIndex, statement] of prepared.statements.entries()) {
      await bindParameters(connection, statement, request.params, statementIndex);
      query.throwIfStopped();
    }
    for (const [statementIndex, statement] of prepared.statements.entries()) {
      const context: ErrorContext = { script, statementIndex, statementStarts: prepared.starts };
      query.throwIfStopped();
      let result: DuckDBResult;
      let streamed = statement;
      try {
        result = await statement.stream();
        const unreadable = unreadableColumns(result);
        if (unreadable.length > 0) {
          result = await streamAsText(connection, script, prepared, statementIndex, result, unreadable, request, asText);
          streamed = asText.at(-1) as DuckDBPreparedStatement;
        }
      } catch (error) {
        throw failure(error, query, context);
      }
      const chunks = streamChunks(result, query, context, () => ensureStreamEnded(connection, streamed));
      let drained = false;
      let chunkError: unknown;
      const tracked = (async function* tracking(): AsyncGenerator<DuckDBDataChunk> {
        try {
          yield* chunks;
          drained = true;
        } catch (error) {
          chunkError = error;
          throw error;
        }
      })();
      yield { statementIndex, columns: resultColumns(result), timeZone, chunks: tracked };
      if (chunkError !== undefined) throw chunkError;
      // A statement run while this stream is open would silently truncate it: close it first.
      if (!drained) {
        await tracked.return(undefined);
        abandoned = true;
      }
    }
    if (!abandoned) await connection.run('COMMIT');
    finishedCleanly = !abandoned;
  } finally {
    if (prepared) destroyPrepared([...prepared.statements, ...asText]);
    connections.release(snapshot, connection, finishedCleanly && query.stopReason === undefined);
  }
}
