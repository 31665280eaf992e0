// CSV (RFC 4180: CRLF, quotes doubled) in two dialects: plain `csv` and Excel-pt-BR `csv-br`.
import type { Data, RecordBatch, Schema } from 'apache-arrow';
import { rendererFor } from './values.ts';
import type { ValueRenderer } from './values.ts';
import type { TextWriter } from './writer.ts';

export interface CsvDialect {
  separator: ',' | ';';
  /** csv-br: BOM (so Excel reads UTF-8), decimal comma, dd/mm/aaaa, verdadeiro/falso. */
  brazilian: boolean;
}

/** A non-NULL value as a field; an empty string is `""` so it reads back apart from NULL (empty). */
export function csvField(text: string, separator: string): string {
  const needsQuotes = text === '' || text.includes(separator) || text.includes('"') || text.includes('\r') || text.includes('\n');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function createCsvWriter(schema: Schema, dialect: CsvDialect): TextWriter {
  const { separator } = dialect;
  const renderers: ValueRenderer[] = schema.fields.map((field) => rendererFor(field, dialect.brazilian ? 'br' : 'text'));
  return {
    begin() {
      const header = schema.fields.map((field) => (field.name === '' ? '' : csvField(field.name, separator))).join(separator);
      return `${dialect.brazilian ? '\uFEFF' : ''}${header}\r\n`;
    },
    batch(batch: RecordBatch) {
      const columns = batch.data.children as Data[];
      const lines: string[] = [];
      for (let row = 0; row < batch.numRows; row++) {
        let line = '';
        for (let c = 0; c < renderers.length; c++) {
          if (c > 0) line += separator;
          const text = (renderers[c] as ValueRenderer)(columns[c] as Data, row);
          if (text !== null) line += csvField(text, separator);
        }
        lines.push(line);
      }
      return lines.length ? `${lines.join('\r\n')}\r\n` : '';
    },
    end() {
      return '';
    },
  };
}
