// The box table `mirante query` prints by default (format/table.ts), like the DuckDB CLI: names
// and types on top, numbers to the right, NULL as NULL, control characters escaped, long text
// cut with "…", wide characters counted as two columns, at most N rows and the count below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createTableWriter, displayWidth } from '../../main/core/format/table.ts';
import { openDuckDB, streamToBatches } from '../arrow/support.ts';
import { renderText } from './render-text.ts';

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDB();
});
afterAll(() => connection?.closeSync());

const printed = (sql: string, maxRows: number): Promise<string> => renderText(connection, 'table', sql, maxRows);

describe('the terminal table', () => {
  it('draws names, types and rows in a box, numbers right-aligned, text left', async () => {
    const text = await printed("select * from (values (1, 'a'), (250, NULL), (NULL, 'linha\tcom\ncontrole\r')) t(n, texto)", 10);
    expect(text).toBe(
      [
        '┌─────────┬────────────────────────┐',
        '│ n       │ texto                  │',
        '│ integer │ varchar                │',
        '├─────────┼────────────────────────┤',
        '│       1 │ a                      │',
        '│     250 │ NULL                   │',
        '│    NULL │ linha\\tcom\\ncontrole\\r │',
        '└─────────┴────────────────────────┘',
        '3 linhas',
        '',
      ].join('\n'),
    );
  });

  it('cuts text past 40 characters with "…" and keeps 40 exactly', async () => {
    const text = await printed(`select repeat('x', 40) as quarenta, repeat('y', 41) as quarenta_e_um`, 10);
    const row = text.split('\n')[4] as string;
    expect(row).toBe(`│ ${'x'.repeat(40)} │ ${'y'.repeat(39)}… │`);
  });

  it('counts wide characters as two columns and combining marks as none, so the borders line up', async () => {
    const text = await printed("select * from (values ('日本'), ('e\u0301'), ('🙂x'), ('abcd')) t(palavra)", 10);
    const lines = text.split('\n').slice(0, 9);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(lines[4]).toBe('│ 日本    │');
    expect(lines[5]).toBe('│ e\u0301       │');
    expect(displayWidth('日本🙂')).toBe(6);
    expect(displayWidth('a\u200bb\ufe0f')).toBe(2);
    expect(displayWidth('\u1100\ud7a3\uac00\uffe6\u{20000}')).toBe(10);
    expect(displayWidth('\u10ff\u115f\u1160\u2e7f\ua4d0')).toBe(5 + 1);
  });

  it('shows at most maxRows rows across batches and says how many of the total it shows', async () => {
    const text = await printed('select range as n from range(5000)', 3);
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(1, 3)).toEqual(['│ n      │', '│ bigint │']);
    expect(lines.slice(4, 7)).toEqual(['│      0 │', '│      1 │', '│      2 │']);
    expect(lines.at(-2)).toBe('└────────┘');
    expect(lines.at(-1)).toBe('5000 linhas (mostrando 3)');
    expect(await printed('select 1 as um', 10)).toMatch(/\n1 linha\n$/);
  });

  it('prints only the count when there are no columns', async () => {
    const { schema } = await streamToBatches(connection, 'select 1 as n');
    const writer = createTableWriter(schema.select([]), 10);
    expect(writer.end(0)).toBe('0 linhas\n');
  });
});
