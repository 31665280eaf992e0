// Test support: a query's result written by one of the command line's text writers, whole.
import type { DuckDBConnection } from '@duckdb/node-api';
import { createTextWriter } from '../../main/core/format/index.ts';
import type { TextFormat } from '../../main/core/format/index.ts';
import type { Data, Field } from 'apache-arrow';
import { rendererFor, type Flavor } from '../../main/core/format/values.ts';
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

/** The first column of `sql`, each value rendered by `rendererFor` in `flavor` (null for NULL). */
export async function renderedValues(connection: DuckDBConnection, sql: string, flavor: Flavor): Promise<(string | null)[]> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const render = rendererFor(schema.fields[0] as Field, flavor);
  return batches.flatMap((batch) => Array.from({ length: batch.numRows }, (_, row) => render(batch.data.children[0] as Data, row)));
}

/** The first column of `sql` as DuckDB's Node client reads it. */
export async function firstColumn(connection: DuckDBConnection, sql: string): Promise<(string | null)[]> {
  return (await connection.runAndReadAll(sql)).getColumnsJS()[0] as (string | null)[];
}
