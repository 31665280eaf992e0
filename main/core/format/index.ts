// The text formats of the `mirante` command (README.md, "The `mirante` command").
import type { Schema } from 'apache-arrow';
import { createCsvWriter } from './csv.ts';
import { createJsonLinesWriter } from './json-lines.ts';
import { createTableWriter } from './table.ts';
import type { TextWriter } from './writer.ts';

export type TextFormat = 'table' | 'csv' | 'csv-br' | 'json';
export type { TextWriter } from './writer.ts';
export { rendererFor, isNumericField } from './values.ts';
export type { Flavor, ValueRenderer } from './values.ts';

export const TEXT_FORMATS: readonly TextFormat[] = ['table', 'csv', 'csv-br', 'json'];

export interface TextWriterOptions {
  maxTableRows?: number;
  /** A file a spreadsheet may open: CSV headers and text guarded against formulas (formula-guard.ts). */
  guardFormulas?: boolean;
}

export function createTextWriter(format: TextFormat, schema: Schema, options: TextWriterOptions = {}): TextWriter {
  const guardFormulas = options.guardFormulas === true;
  switch (format) {
    case 'csv': return createCsvWriter(schema, { separator: ',', brazilian: false, guardFormulas });
    case 'csv-br': return createCsvWriter(schema, { separator: ';', brazilian: true, guardFormulas });
    case 'json': return createJsonLinesWriter(schema);
    case 'table': return createTableWriter(schema, options.maxTableRows ?? 40);
  }
}
