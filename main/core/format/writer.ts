import type { RecordBatch } from 'apache-arrow';

/** Streams one result as text: `begin()`, then `batch()` for each batch, then `end(rows)`. */
export interface TextWriter {
  begin(): string;
  batch(batch: RecordBatch): string;
  end(totalRows: number): string;
}
