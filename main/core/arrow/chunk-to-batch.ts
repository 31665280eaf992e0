// A DuckDB data chunk -> an Arrow record batch of the result's schema (copied out of DuckDB).
import bindings from '@duckdb/node-bindings';
import { DuckDBLogicalType } from '@duckdb/node-api';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { RecordBatch, Struct, makeData } from 'apache-arrow';
import type { Field, Schema } from 'apache-arrow';
import { buildData } from './build-data.ts';
import { rowRange } from './raw-vector.ts';

export function chunkToRecordBatch(chunk: DuckDBDataChunk, schema: Schema): RecordBatch {
  const length = chunk.rowCount;
  const columnCount = chunk.columnCount;
  if (columnCount !== schema.fields.length) {
    throw new Error(`chunk has ${columnCount} columns, schema has ${schema.fields.length}`);
  }
  const rows = rowRange(0, length);
  const children = schema.fields.map((field: Field, i: number) => {
    const vector = bindings.data_chunk_get_vector(chunk.chunk, i);
    const duckType = DuckDBLogicalType.create(bindings.vector_get_column_type(vector)).asType();
    return buildData(vector, length, duckType, field, rows);
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
}
