// How a query ended, for its closing audit entry: rows of its last statement and ok, error or
// cancelled. A consumer that stops reading before the end (the grid cancelled, a first-rows
// preview) counts as cancelled.
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { toApiError } from '../api/index.ts';

export class RunOutcome {
  status: 'ok' | 'error' | 'cancelled' = 'cancelled';
  rows: number | null = null;
  error: unknown;

  succeeded(): void {
    this.status = 'ok';
  }

  failed(error: unknown): void {
    this.error = error;
    const code = toApiError(error).code;
    this.status = code === 'cancelled' || code === 'timeout' ? 'cancelled' : 'error';
  }

  /** Passes a statement's chunks through, counting its rows. */
  async *counting(chunks: AsyncGenerator<DuckDBDataChunk>): AsyncGenerator<DuckDBDataChunk> {
    this.rows = 0;
    for await (const chunk of chunks) {
      this.rows += chunk.rowCount;
      yield chunk;
    }
  }
}
