// Running queries by id: cancel and the time limit both interrupt the query's connection.
// An interrupted stream ends with an EMPTY chunk instead of rejecting, so the query must
// remember why it was stopped and say so, never end as if it had finished.
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { interruptMessage } from './errors.ts';

export type StopReason = 'cancelled' | 'timeout';

export class RunningQuery {
  readonly queryId: string;
  readonly timeoutMs: number | undefined;
  private reason: StopReason | undefined;
  private connection: DuckDBConnection | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(queryId: string, timeoutMs: number | undefined) {
    this.queryId = queryId;
    this.timeoutMs = timeoutMs;
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => this.stop('timeout'), Math.max(0, timeoutMs));
      this.timer.unref();
    }
  }

  get stopReason(): StopReason | undefined {
    return this.reason;
  }

  /** A connection runs it now. */
  get attached(): boolean {
    return this.connection !== undefined;
  }

  /** The connection to interrupt from now on (interrupting at once if already stopped). */
  attach(connection: DuckDBConnection): void {
    this.connection = connection;
    if (this.reason !== undefined) connection.interrupt();
  }

  stop(reason: StopReason): void {
    this.reason ??= reason;
    this.connection?.interrupt();
  }

  stoppedError(): WorkbenchError {
    const code = this.reason ?? 'cancelled';
    return new WorkbenchError({ code, message: interruptMessage(code, this.timeoutMs) });
  }

  throwIfStopped(): void {
    if (this.reason !== undefined) throw this.stoppedError();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.connection = undefined;
  }
}

export class RunningQueries {
  private readonly byId = new Map<string, RunningQuery>();

  start(queryId: string, timeoutMs: number | undefined): RunningQuery {
    if (this.byId.has(queryId)) {
      throw new WorkbenchError({ code: 'internal', message: `Já existe uma consulta em andamento com o id ${queryId}.` });
    }
    const query = new RunningQuery(queryId, timeoutMs);
    this.byId.set(queryId, query);
    return query;
  }

  /** True if that query was running (it then stops as soon as DuckDB notices). */
  cancel(queryId: string): boolean {
    const query = this.byId.get(queryId);
    if (query === undefined) return false;
    query.stop('cancelled');
    return true;
  }

  cancelAll(): void {
    for (const query of this.byId.values()) query.stop('cancelled');
  }

  isExecuting(queryId: string): boolean {
    return this.byId.get(queryId)?.attached === true;
  }

  finish(query: RunningQuery): void {
    query.dispose();
    if (this.byId.get(query.queryId) === query) this.byId.delete(query.queryId);
  }
}
