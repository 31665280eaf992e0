// CSV (RFC 4180: CRLF, quotes doubled) in two dialects: plain `csv` and Excel-pt-BR `csv-br`.
// A file a spreadsheet may open gets the formula guard (formula-guard.ts); standard output
// keeps DuckDB's values byte for byte.
import type { Data, RecordBatch, Schema } from 'apache-arrow';
import { isTextField, safeCsvText } from './formula-guard.ts';
import { rendererFor } from './values.ts';
import type { ValueRenderer } from './values.ts';
import type { TextWriter } from './writer.ts';

export interface CsvDialect {
  separator: ',' | ';';
  /** csv-br: BOM (so Excel reads UTF-8), decimal comma, dd/mm/aaaa, verdadeiro/falso. */
  brazilian: boolean;
  /** For a file: every header and text value guarded and quoted. */
  guardFormulas?: boolean;
}

/** A non-NULL value as a field; an empty string is `""` so it reads back apart from NULL (empty). */
export function csvField(text: string, separator: string): string {
  const needsQuotes = text === '' || text.includes(separator) || text.includes('"') || text.includes('\r') || text.includes('\n');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line (BOM first for csv-br): DuckDB's COPY writes the rows, this module the header. */
export function csvHeader(names: readonly string[], dialect: CsvDialect): string {
  const field = (name: string) => (dialect.guardFormulas ? safeCsvText(name) : name === '' ? '' : csvField(name, dialect.separator));
  return `${dialect.brazilian ? '\uFEFF' : ''}${names.map(field).join(dialect.separator)}\r\n`;
}

export function createCsvWriter(schema: Schema, dialect: CsvDialect): TextWriter {
  const { separator } = dialect;
  const fields = schema.fields.map((field) => {
    const render = rendererFor(field, dialect.brazilian ? 'br' : 'text');
    const guarded = dialect.guardFormulas === true && isTextField(field);
    return { render, cell: guarded ? safeCsvText : (text: string) => csvField(text, separator) };
  });
  return {
    begin() {
      return csvHeader(schema.fields.map((field) => field.name), dialect);
    },
    batch(batch: RecordBatch) {
      const columns = batch.data.children as Data[];
      const lines: string[] = [];
      for (let row = 0; row < batch.numRows; row++) {
        let line = '';
        for (let c = 0; c < fields.length; c++) {
          if (c > 0) line += separator;
          const field = fields[c] as { render: ValueRenderer; cell: (text: string) => string };
          const text = field.render(columns[c] as Data, row);
          if (text !== null) line += field.cell(text);
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
