// Arrow IPC stream bytes: the one encoder of result bytes and the one decoder.
import { RecordBatchReader, RecordBatchStreamWriter, Table } from 'apache-arrow';
import type { RecordBatch, Schema } from 'apache-arrow';

/** Schema, dictionaries and batches as one Arrow IPC *stream* (valid with no batches too). */
export function encodeIpcStream(schema: Schema, batches: readonly RecordBatch[]): Uint8Array {
  const writer = new RecordBatchStreamWriter();
  writer.reset(undefined, schema);
  for (const batch of batches) writer.write(batch);
  writer.finish();
  return writer.toUint8Array(true);
}

/**
 * One IPC stream, or several complete streams of the same schema (one per `batch` event),
 * as one table.
 */
export function decodeIpc(bytes: Uint8Array | readonly Uint8Array[]): Table {
  const streams = bytes instanceof Uint8Array ? [bytes] : bytes;
  let schema: Schema | undefined;
  const batches: RecordBatch[] = [];
  for (const stream of streams) {
    const reader = RecordBatchReader.from(stream);
    reader.open();
    schema ??= reader.schema;
    for (const batch of reader) batches.push(batch);
  }
  if (!schema) throw new Error('decodeIpc needs at least one IPC stream');
  return new Table(schema, batches);
}
