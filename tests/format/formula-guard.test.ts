// The formula guard's rule (docs/FORMULA-GUARD.md): which text gets the apostrophe, the same
// rule in JavaScript (Node's CSV writer) and in RE2 (DuckDB's COPY), and what the CSV writer
// does with it in a file versus on standard output.
import { quotedString } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { csvHeader } from '../../main/core/format/csv.ts';
import { FORMULA_START_RE2, formulaGuardSql, guardFormula, isTextField, needsFormulaGuard, safeCsvText } from '../../main/core/format/formula-guard.ts';
import { createTextWriter } from '../../main/core/format/index.ts';
import { openDuckDB, streamToBatches } from '../arrow/support.ts';

const GUARDED = [
  '=1+1', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', // OWASP's list
  ' =1+1', '   +1', '\t=1', '\n=1', '\u000b=1', '\u00a0=1', '\u2003=1', '\u3000=1', '\u200b=1', '\ufeff=1', '\u0000=1', // before a sign
  '\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(1)', '\ufe661', '\ufe621', '\ufe631', ' \uff1d1', // full-width and small forms
  '-', '=', '-5', // short and numeric-looking text: a spreadsheet would take it for a number or formula
];
const LEFT_ALONE = ['', 'a=1', 'ação', '1-2', "'=1", '[=1]', '{=1}', ' a', 'x\t=1', '\u2212 1', '%1', '#1', '|1', '(=1)'];

describe('formula guard rule', () => {
  it('guards what a spreadsheet could run, and leaves the rest as it is', () => {
    for (const text of GUARDED) expect(guardFormula(text), JSON.stringify(text)).toBe(`'${text}`);
    for (const text of LEFT_ALONE) expect(guardFormula(text), JSON.stringify(text)).toBe(text);
    expect(needsFormulaGuard("'=1")).toBe(false);
  });

  it('is the same rule in DuckDB (RE2) as in Node, for every Unicode code point before a sign and on its own', async () => {
    const connection = await openDuckDB();
    // chr(0) cannot be in a DuckDB string; surrogates are not characters.
    const points = `range(1, 1114112) t(cp) WHERE cp NOT BETWEEN 55296 AND 57343`;
    const skipped = (await connection.runAndReadAll(`SELECT cp FROM ${points} AND regexp_matches(chr(cp::INTEGER) || '=1', '${FORMULA_START_RE2}') ORDER BY cp`)).getRows().map((r) => Number(r[0]));
    const first = (await connection.runAndReadAll(`SELECT cp FROM ${points} AND regexp_matches(chr(cp::INTEGER) || 'x', '${FORMULA_START_RE2}') ORDER BY cp`)).getRows().map((r) => Number(r[0]));
    connection.closeSync();
    const jsSkipped: number[] = [];
    const jsFirst: number[] = [];
    for (let cp = 1; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (needsFormulaGuard(`${char}=1`)) jsSkipped.push(cp);
      if (needsFormulaGuard(`${char}x`)) jsFirst.push(cp);
    }
    expect(skipped).toEqual(jsSkipped);
    expect(first).toEqual(jsFirst);
    // Sanity: the sets hold what the rule says, not everything or nothing.
    expect(first).toEqual([9, 13, 0x2b, 0x2d, 0x3d, 0x40, 0xfe62, 0xfe63, 0xfe66, 0xff0b, 0xff0d, 0xff1d, 0xff20]);
    for (const cp of [0x20, 0xa0, 0x200b, 0x3000, 0xfeff, 0x0b, 0x85, 0xe0001]) expect(skipped, cp.toString(16)).toContain(cp);
    for (const cp of [0x41, 0x27, 0x2212, 0xe9]) expect(skipped, cp.toString(16)).not.toContain(cp);
  });
});

describe('which columns are text a user chose', () => {
  it('text, JSON, enums, BLOBs and nested values are; numbers, booleans, dates, times, intervals, NULL and composed text are not', async () => {
    const connection = await openDuckDB();
    try {
      const { schema } = await streamToBatches(
        connection,
        `select 'a' as varchar_, '{}'::json as json_, 'x'::enum('x') as enum_, 'b'::blob as blob_, [1] as list_, {'a': 1} as struct_, map {'k': 1} as map_, union_value(t := 'a') as union_,
                1 as int_, 1.5::double as double_, 1.5::decimal(4,1) as decimal_, true as bool_, date '2026-01-01' as date_, time '10:00' as time_,
                timestamp '2026-01-01' as timestamp_, timestamptz '2026-01-01' as timestamptz_, interval 1 day as interval_, NULL as null_,
                uuid() as uuid_, timetz '10:00:00+03' as timetz_, '101'::bit as bit_, 1::varint as varint_`,
      );
      const text = schema.fields.filter((field) => isTextField(field)).map((field) => field.name);
      expect(text).toEqual(['varchar_', 'json_', 'enum_', 'blob_', 'list_', 'struct_', 'map_', 'union_']);
    } finally {
      connection.closeSync();
    }
  });

  it("DuckDB's own COPY guards with the same rule, a value at a time", async () => {
    const connection = await openDuckDB();
    try {
      // (NUL cannot sit in a DuckDB string literal.)
      const values = [...GUARDED, ...LEFT_ALONE].filter((value) => !value.includes('\u0000'));
      const list = values.map((value, i) => `(${i}, ${quotedString(value)})`).join(', ');
      const reader = await connection.runAndReadAll(`select ${formulaGuardSql('v')} as guarded from (values ${list}) t(i, v) order by i`);
      expect(reader.getRowsJS().map(([guarded]) => guarded)).toEqual(values.map(guardFormula));
    } finally {
      connection.closeSync();
    }
  });
});

describe('CSV in a file versus on standard output', () => {
  // A text column, a number, a UUID (text DuckDB composes: never guarded) and a UNION of text.
  const SQL = `select * from (values ('=1+1', -5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, union_value(t := '@x')),
    ('ok', 2, NULL, union_value(t := 'y')), (NULL, 3, NULL, NULL)) t("=cmd", n, id, u)`;

  async function write(format: 'csv' | 'csv-br', guardFormulas: boolean): Promise<string> {
    const connection = await openDuckDB();
    const { schema, batches } = await streamToBatches(connection, SQL);
    connection.closeSync();
    const writer = createTextWriter(format, schema, guardFormulas ? { guardFormulas } : {});
    return writer.begin() + batches.map((batch) => writer.batch(batch)).join('');
  }

  it('a file: headers and text guarded and quoted; numbers and UUIDs as they are', async () => {
    expect(await write('csv', true)).toBe(`"'=cmd","n","id","u"\r\n"'=1+1",-5,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,"'@x"\r\n"ok",2,,"y"\r\n,3,,\r\n`);
    expect(await write('csv-br', true)).toBe(`\uFEFF"'=cmd";"n";"id";"u"\r\n"'=1+1";-5;a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11;"'@x"\r\n"ok";2;;"y"\r\n;3;;\r\n`);
  });

  it('standard output: DuckDB’s values byte for byte', async () => {
    expect(await write('csv', false)).toBe('=cmd,n,id,u\r\n=1+1,-5,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,@x\r\nok,2,,y\r\n,3,,\r\n');
  });

  it('a value that starts with U+FEFF keeps it (it used to be dropped as if it were a byte order mark)', async () => {
    const connection = await openDuckDB();
    const { schema, batches } = await streamToBatches(connection, `select chr(65279) || 'x' as s`);
    connection.closeSync();
    const writer = createTextWriter('csv', schema);
    expect(writer.begin() + batches.map((batch) => writer.batch(batch)).join('')).toBe('s\r\n\ufeffx\r\n');
  });

  it('quotes inside a guarded cell are doubled; an empty header stays a quoted empty field', () => {
    expect(safeCsvText('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvHeader(['', 'a;b'], { separator: ';', brazilian: false, guardFormulas: true })).toBe('"";"a;b"\r\n');
  });
});
