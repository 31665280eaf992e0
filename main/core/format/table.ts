// A box table for a terminal, like the DuckDB CLI: names and types on top, numbers to the
// right, NULL shown as NULL, at most `maxRows` rows and the total count below ("N linhas").
import type { Data, RecordBatch, Schema } from 'apache-arrow';
import { duckdbTypeOf, isNumericField, rendererFor } from './values.ts';
import type { ValueRenderer } from './values.ts';
import type { TextWriter } from './writer.ts';

const MAX_CELL_WIDTH = 40;

export function createTableWriter(schema: Schema, maxRows: number): TextWriter {
  const renderers: ValueRenderer[] = schema.fields.map((field) => rendererFor(field, 'text'));
  const rightAligned = schema.fields.map((field) => isNumericField(field));
  const kept: string[][] = [];
  return {
    begin: () => '',
    batch(batch: RecordBatch) {
      const columns = batch.data.children as Data[];
      for (let row = 0; row < batch.numRows && kept.length < maxRows; row++) {
        kept.push(renderers.map((render, c) => cellText(render(columns[c] as Data, row))));
      }
      return '';
    },
    end(totalRows: number) {
      const header = schema.fields.map((field) => cellText(field.name));
      const types = schema.fields.map((field) => cellText(duckdbTypeOf(field).toLowerCase()));
      const widths = header.map((name, c) =>
        Math.max(displayWidth(name), displayWidth(types[c] as string), ...kept.map((row) => displayWidth(row[c] as string))));
      const line = (left: string, middle: string, right: string) =>
        left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
      const row = (cells: string[], alignRight: (c: number) => boolean) =>
        '│' + cells.map((cell, c) => ` ${pad(cell, widths[c] as number, alignRight(c))} `).join('│') + '│';
      const lines = [
        line('┌', '┬', '┐'),
        row(header, () => false),
        row(types, () => false),
        line('├', '┼', '┤'),
        ...kept.map((cells) => row(cells, (c) => rightAligned[c] === true)),
        line('└', '┴', '┘'),
      ];
      if (schema.fields.length === 0) lines.length = 0;
      const shown = kept.length < totalRows ? ` (mostrando ${kept.length})` : '';
      lines.push(`${totalRows} ${totalRows === 1 ? 'linha' : 'linhas'}${shown}`);
      return `${lines.join('\n')}\n`;
    },
  };
}

function cellText(text: string | null): string {
  if (text === null) return 'NULL';
  const flat = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const chars = [...flat];
  return chars.length > MAX_CELL_WIDTH ? `${chars.slice(0, MAX_CELL_WIDTH - 1).join('')}…` : flat;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

const ZERO_WIDTH: readonly [number, number][] = [[0x300, 0x36f], [0x200b, 0x200f], [0x20d0, 0x20ff], [0xfe00, 0xfe0f]];
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1faff], [0x20000, 0x3fffd],
];
const within = (ranges: readonly [number, number][], code: number) => ranges.some(([from, to]) => code >= from && code <= to);

/** Columns a terminal gives the text (wide CJK and emoji count two, joiners none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    width += within(ZERO_WIDTH, code) ? 0 : within(WIDE, code) ? 2 : 1;
  }
  return width;
}
