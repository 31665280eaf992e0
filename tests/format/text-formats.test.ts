// The text formats, read back by DuckDB itself: csv and json give the same values, csv-br
// parses with pt-BR settings, and the table shows what a terminal user needs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TextFormat } from '../../main/core/format/index.ts';
import { ALL_TYPES, createAllTypesTable, openDuckDB } from '../arrow/support.ts';
import { renderText } from './render-text.ts';

let connection: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  connection = await openDuckDB();
  await createAllTypesTable(connection);
  dir = mkdtempSync(join(tmpdir(), 'mirante-format-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const render = (format: TextFormat, sql: string, maxTableRows?: number): Promise<string> => renderText(connection, format, sql, maxTableRows);

async function rows(sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

const columnsSpec = (types: Record<string, string>) => `{${Object.entries(types).map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
const names = Object.keys(ALL_TYPES);

/** `column@id` for every value that did not come back the same, and any row lost or added. */
async function differences(readBack: string, exclude: string[] = []): Promise<string[]> {
  const compared = names.filter((name) => name !== 'id' && !exclude.includes(name));
  const mismatch = compared.map((name) => `CASE WHEN a.${name} IS DISTINCT FROM b.${name} THEN '${name}@' || a.id END`).join(', ');
  const sql = `SELECT list_filter([${mismatch}], x -> x IS NOT NULL) AS bad, a.id IS NULL OR b.id IS NULL AS unmatched
    FROM all_types a FULL JOIN ${readBack} b ON a.id = b.id`;
  const found = (await connection.runAndReadAll(sql)).getRowsJS() as [string[], boolean][];
  return found.flatMap(([bad, unmatched]) => (unmatched ? ['unmatched row'] : bad));
}

describe('csv', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'all.csv');
    writeFileSync(file, await render('csv', 'SELECT * FROM all_types ORDER BY id'));
  });

  it('is RFC 4180: header, CRLF line ends, quotes doubled, empty string apart from NULL', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${names.join(',')}\r\n`)).toBe(true);
    expect(text.split('\r\n')).toHaveLength(7); // header, 5 rows, the empty rest
    expect(text).toContain('"a moderately long string of text, with ""quotes"" and; semicolons"');
    expect(text).toContain('\r\n3,,,,'); // the all-NULL row: empty fields
    expect(text).toContain(',"",'); // the empty string
  });

  it('holds, field by field, the text DuckDB gives each value', async () => {
    const readBack = await rows(`SELECT * FROM read_csv('${file}', header = true, all_varchar = true, allow_quoted_nulls = false, delim = ',', quote = '"', escape = '"') ORDER BY id::INTEGER`);
    const expected = await rows(`SELECT ${names.map((n) => `${n}::VARCHAR`).join(', ')} FROM all_types ORDER BY id`);
    expect(readBack).toStrictEqual(expected);
  });

  it('reads back into the original types with the same values', async () => {
    const readBack = `read_csv('${file}', header = true, allow_quoted_nulls = false, columns = ${columnsSpec(ALL_TYPES)})`;
    expect(await differences(readBack)).toEqual([]);
  });
});

describe('json lines', () => {
  let file: string;
  let lines: string[];
  beforeAll(async () => {
    file = join(dir, 'all.jsonl');
    const text = await render('json', 'SELECT * FROM all_types ORDER BY id');
    writeFileSync(file, text);
    lines = text.trimEnd().split('\n');
  });

  it('writes one JSON object per row with exact digits and no float rounding', async () => {
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const [first, second, , fourth] = lines as [string, string, string, string];
    expect(first).toContain('"bi":9007199254740993,');
    expect(first).toContain('"d38":1234567890123456789012345678.0123456789,');
    expect(first).toContain('"uhi":340282366920938463463374607431768211455,');
    expect(first).toContain('"big":123456789012345678901234567890123456789012345678901234567890}');
    expect(second).toContain('"big":-98765432109876543210987654321098765432109876543210}');
    expect(second).toContain('"hi":-170141183460469231731687303715884105728,');
    expect(second).toContain('"d18":-0.0500,');
    expect(second).toContain('"d":"-Infinity"');
    expect(fourth).toContain('"f":"NaN"');
    expect(first).toContain('"dt":"9999-12-31"');
    expect(first).toContain('"ts":"2024-02-29T23:59:59.123456"');
    expect(first).toContain('"tstz":"2024-06-30T12:34:56.789Z"');
    expect(first).toContain('"iv":"1 year 2 months 3 days 04:05:06.000007"');
    expect(first).toContain('"b":"\\\\x00\\\\xFFab"');
    expect(first).toContain('"j":{"k": [1, 2.5, "x"]}');
    expect(first).toContain(`"ls":[{"a":"x,y","b":1.5},{"a":null,"b":"NaN"}]`);
    expect(first).toContain('"s":{"x":1,"y":"it\'s"}');
    expect(first).toContain('"m":{"k":1,"j":null}');
    expect(first).toContain('"mi":[{"key":1,"value":"um"},{"key":2,"value":null}]');
    const jsonTexts = (await rows('SELECT j::VARCHAR FROM all_types ORDER BY id')).map((row) => row[0] as string | null);
    for (const [row, line] of lines.entries()) {
      const text = jsonTexts[row];
      expect(JSON.parse(line).j).toEqual(text === null || text === undefined ? null : JSON.parse(text));
    }
    expect(JSON.parse(lines[2] as string)).toEqual(Object.fromEntries(names.map((n) => [n, n === 'id' ? 3 : null])));
  });

  it('writes every integer and decimal as the exact digits DuckDB has', async () => {
    const exact = ['ti', 'si', 'i', 'bi', 'uti', 'usi', 'ui', 'ubi', 'hi', 'uhi', 'd4', 'd9', 'd18', 'd38', 'big'];
    const expected = await rows(`SELECT ${exact.map((n) => `${n}::VARCHAR`).join(', ')} FROM all_types ORDER BY id`);
    for (const [row, line] of lines.entries()) {
      for (const [c, name] of exact.entries()) {
        const token = new RegExp(`"${name}":(-?[0-9.]+|null)[,}]`).exec(line)?.[1];
        expect({ row, name, token }).toStrictEqual({ row, name, token: (expected[row]?.[c] as string | null) ?? 'null' });
      }
    }
  });

  it('reads back with DuckDB read_json into the same values', async () => {
    // DuckDB's JSON reader parses fractional numbers as doubles, so DECIMAL(18,4) and (38,10)
    // cannot come back exact through it: their digits are checked in the test above instead.
    // A MAP with non-text keys is written as [{key, value}], which read_json does not map back.
    // read_json reads no BIT or VARINT: those come in as text (the digits as written) and are cast.
    // BLOB travels as DuckDB's escaped text, which the VARCHAR -> BLOB cast reads back.
    const types = { ...ALL_TYPES, mi: 'JSON', bits: 'VARCHAR', big: 'VARCHAR', d18: 'JSON', d38: 'JSON', b: 'VARCHAR' };
    const readBack = `(SELECT * REPLACE (
        CASE WHEN mi IS NULL THEN NULL ELSE map_from_entries(CAST(mi AS STRUCT(key INTEGER, value VARCHAR)[])) END AS mi,
        bits::BIT AS bits, big::VARINT AS big, b::BLOB AS b)
      FROM read_json('${file}', format = 'newline_delimited', columns = ${columnsSpec(types)}))`;
    // JSON values are embedded as JSON (re-serialised by the reader): compared as parsed values above.
    expect(await differences(readBack, ['d18', 'd38', 'j'])).toEqual([]);
  });
});

describe('csv-br', () => {
  let text: string;
  let file: string;
  beforeAll(async () => {
    await connection.run(`CREATE TABLE br AS SELECT * FROM (VALUES
      (1, 1234.5::DOUBLE, 1234.5600::DECIMAL(18,4), DATE '2026-10-31', TIMESTAMP '2026-10-31 08:09:10.5', true, 'ação; "citação"'),
      (2, -0.25::DOUBLE, -0.0001::DECIMAL(18,4), DATE '1969-12-31', TIMESTAMP '1999-01-02 03:04:05', false, 'x'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL)) t(id, d, dec, dt, ts, ok, v)`);
    text = await render('csv-br', 'SELECT * FROM br ORDER BY id');
    file = join(dir, 'br.csv');
    writeFileSync(file, text);
  });

  it('uses a BOM, ;, decimal comma, dd/mm/aaaa and verdadeiro/falso', () => {
    expect(text.startsWith('\uFEFFid;d;dec;dt;ts;ok;v\r\n')).toBe(true);
    expect(text).toContain('1;1234,5;1234,5600;31/10/2026;31/10/2026 08:09:10,500000;verdadeiro;"ação; ""citação"""\r\n');
    expect(text).toContain('2;-0,25;-0,0001;31/12/1969;02/01/1999 03:04:05;falso;x\r\n');
    expect(text).toContain('3;;;;;;\r\n');
  });

  it('reads back with DuckDB set for pt-BR', async () => {
    const readBack = await rows(`SELECT id, d, dec, dt,
        strptime(ts, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M:%S,%f']) AS ts,
        CASE ok WHEN 'verdadeiro' THEN true WHEN 'falso' THEN false END AS ok, v
      FROM read_csv('${file}', header = true, delim = ';', decimal_separator = ',', dateformat = '%d/%m/%Y',
        columns = {'id': 'INTEGER', 'd': 'DOUBLE', 'dec': 'DECIMAL(18,4)', 'dt': 'DATE', 'ts': 'VARCHAR', 'ok': 'VARCHAR', 'v': 'VARCHAR'})
      ORDER BY id`);
    const toText = (table: unknown[][]) => JSON.stringify(table, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(toText(readBack)).toBe(toText(await rows('SELECT * FROM br ORDER BY id')));
  });
});

describe('table', () => {
  it('shows names, types, right-aligned numbers, NULL and the row count', async () => {
    const out = await render('table', 'SELECT id, v, d18, l FROM all_types ORDER BY id', 3);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]?.startsWith('┌')).toBe(true);
    expect(lines[1]).toMatch(/^│ id +│ v +│ d18 +│ l +│$/);
    expect(lines[2]).toMatch(/^│ integer +│ varchar +│ decimal\(18,4\) +│ integer\[\] +│$/);
    expect(lines[4]).toMatch(/^│ +1 │ ação 日本 👩‍💻 +│ +99999999999999\.9999 │ \[1, NULL, 3\] +│$/);
    expect(lines[6]).toContain('│ NULL ');
    expect(lines).toHaveLength(9); // top, names, types, rule, 3 rows, bottom, count
    expect(lines[8]).toBe('5 linhas (mostrando 3)');
  });

  it('says "1 linha" and draws an empty result', async () => {
    expect((await render('table', 'SELECT 1 AS x')).trimEnd().split('\n').at(-1)).toBe('1 linha');
    expect((await render('table', 'SELECT 1 AS x WHERE false')).trimEnd().split('\n').at(-1)).toBe('0 linhas');
  });
});
