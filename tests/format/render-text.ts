// Test support: a query's result written by one of the command line's text writers, whole.
import type { DuckDBConnection } from '@duckdb/node-api';
import { createTextWriter } from '../../main/core/format/index.ts';
import type { TextFormat } from '../../main/core/format/index.ts';
import { streamToBatches } from '../arrow/support.ts';

export async function renderText(connection: DuckDBConnection, format: TextFormat, sql: string, maxTableRows?: number): Promise<string> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const writer = createTextWriter(format, schema, maxTableRows ? { maxTableRows } : undefined);
  let out = writer.begin();
  let rows = 0;
  for (const batch of batches) {
    out += writer.batch(batch);
    rows += batch.numRows;
  }
  return out + writer.end(rows);
}
