// JSON Lines: one object per row; numbers keep their exact digits (see values.ts).
import type { Data, RecordBatch, Schema } from 'apache-arrow';
import { rendererFor } from './values.ts';
import type { ValueRenderer } from './values.ts';
import { jsonString } from './text-escapes.ts';
import type { TextWriter } from './writer.ts';

export function createJsonLinesWriter(schema: Schema): TextWriter {
  const keys = schema.fields.map((field) => `${jsonString(field.name)}:`);
  const renderers: ValueRenderer[] = schema.fields.map((field) => rendererFor(field, 'json'));
  return {
    begin: () => '',
    batch(batch: RecordBatch) {
      const columns = batch.data.children as Data[];
      let out = '';
      for (let row = 0; row < batch.numRows; row++) {
        const parts: string[] = [];
        for (let c = 0; c < renderers.length; c++) {
          parts.push(keys[c] + ((renderers[c] as ValueRenderer)(columns[c] as Data, row) ?? 'null'));
        }
        out += `{${parts.join(',')}}\n`;
      }
      return out;
    },
    end: () => '',
  };
}
