import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { ResultColumn } from './api/index.ts';
import type { StatementStream } from './engine/engine.ts';
import { arrowSchemaFor } from './arrow/schema.ts';
import { chunkToRecordBatch } from './arrow/chunk-to-batch.ts';

/** One statement's result as Arrow: its columns, schema and record batches as DuckDB yields them. */
export interface ArrowStatement {
  statementIndex: number;
  columns: ResultColumn[];
  schema: Schema;
  batches: AsyncGenerator<RecordBatch>;
}

/** The statements of a query (from the runner) as Arrow, one chunk at a time. */
export async function* streamArrow(statements: AsyncIterable<StatementStream>): AsyncGenerator<ArrowStatement> {
  for await (const statement of statements) {
    const schema = arrowSchemaFor(statement.columns, statement.timeZone);
    yield {
      statementIndex: statement.statementIndex,
      columns: statement.columns.map((c) => ({ name: c.name, type: c.type.toString() })),
      schema,
      batches: convertChunks(statement.chunks, schema),
    };
  }
}

async function* convertChunks(
  chunks: AsyncGenerator<DuckDBDataChunk>,
  schema: Schema,
): AsyncGenerator<RecordBatch> {
  try {
    for await (const chunk of chunks) {
      if (chunk.rowCount > 0) yield chunkToRecordBatch(chunk, schema);
    }
  } finally {
    await chunks.return(undefined);
  }
}
