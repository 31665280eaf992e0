// VARIANT, GEOMETRY and INTERVALs beyond Arrow's nanosecond range, printed as DuckDB prints
// them: every value is rendered through the same path as the command line (DuckDB chunks ->
// Arrow -> rendererFor / the text writers) and compared with DuckDB's own `x::VARCHAR`.
// JSON follows the mapping documented in main/core/format/variant.ts (VARIANT), and a GEOMETRY
// or an INTERVAL is its DuckDB text as a JSON string.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rendererFor, type Flavor } from '../../main/core/format/values.ts';
import type { Data, Field } from 'apache-arrow';
import { csvField } from '../../main/core/format/csv.ts';
import { arrowSchemaFor } from '../../main/core/arrow/schema.ts';
import { chunkToRecordBatch } from '../../main/core/arrow/chunk-to-batch.ts';
import { openDuckDB } from '../arrow/support.ts';
import { firstColumn, renderedValues } from './render-text.ts';
import { renderText } from './render-text.ts';
import { runCli } from '../support/run-cli.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const rendered = (sql: string, flavor: Flavor) => renderedValues(connection, sql, flavor);
const column = (sql: string) => firstColumn(connection, sql);

/**
 * Renders `x` of `sql` as text (rendererFor) and as csv (the command line's writer) and
 * compares both, value by value, with DuckDB's x::VARCHAR.
 */
async function expectDuckDBText(sql: string): Promise<void> {
  const want = await column(`SELECT x::VARCHAR FROM (${sql})`);
  const got = await rendered(sql, 'text');
  expect(got.length).toBe(want.length);
  const wrong = got.flatMap((text, i) => (text === want[i] ? [] : [`${String(want[i])} -> ${String(text)}`]));
  expect(wrong.slice(0, 10)).toEqual([]);
  const csv = await renderText(connection, 'csv', sql);
  expect(csv).toBe(`x\r\n${want.map((text) => (text === null ? '' : csvField(text, ','))).join('\r\n')}\r\n`);
}

async function jsonValues(sql: string): Promise<unknown[]> {
  const lines = (await renderText(connection, 'json', sql)).trim().split('\n');
  return lines.map((line) => (JSON.parse(line) as { x: unknown }).x);
}

// One value of every type a VARIANT can hold, and the edges of each.
const VARIANT_SCALARS = [
  `true`, `false`, `(-128)::TINYINT`, `127::TINYINT`, `(-32768)::SMALLINT`, `(-2147483648)::INTEGER`, `(-9223372036854775808)::BIGINT`,
  `170141183460469231731687303715884105727::HUGEINT`, `(-170141183460469231731687303715884105728)::HUGEINT`,
  `255::UTINYINT`, `65535::USMALLINT`, `4294967295::UINTEGER`, `18446744073709551615::UBIGINT`, `340282366920938463463374607431768211455::UHUGEINT`,
  `1.5::FLOAT`, `0.1::FLOAT`, `'nan'::FLOAT`, `'-inf'::FLOAT`, `1.0::DOUBLE`, `1e20::DOUBLE`, `1e-7::DOUBLE`, `'-0.0'::DOUBLE`, `'nan'::DOUBLE`,
  `-('nan'::DOUBLE)`, `'inf'::DOUBLE`, `0.1::DOUBLE`, `5e-324::DOUBLE`,
  `1.50::DECIMAL(5,2)`, `-0.5::DECIMAL(4,4)`, `0.5::DECIMAL(4,4)`, `123456789.123::DECIMAL(18,3)`, `-12345678901234567890.123456789::DECIMAL(38,9)`, `7::DECIMAL(4,0)`,
  `''`, `'test'`, `'x, y'`, `'it''s'`, `'NULL'`, `' lead'`, `'ação 日本 👩‍💻'`, `'a\\b'`, `'{[()]}:='`,
  `'\\xAA\\x00ab'::BLOB`, `''::BLOB`, `'5f2b4d1c-6a3e-4f5e-8c7d-1a2b3c4d5e6f'::UUID`, `'00000000-0000-0000-0000-000000000000'::UUID`, `'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID`,
  `DATE '2024-02-29'`, `DATE '0044-03-15 (BC)'`, `DATE 'infinity'`, `TIME '23:59:59.999999'`, `'12:34:56.123456789'::TIME_NS`, `'01:02:03+05:30'::TIMETZ`,
  `TIMESTAMP '2024-01-01 10:00:00'`, `TIMESTAMP '1969-12-31 23:59:59.999999'`, `TIMESTAMP '2024-01-01 10:00:00.5'::TIMESTAMP_S`,
  `TIMESTAMP '2024-01-01 10:00:00.5'::TIMESTAMP_MS`, `'2024-01-01 10:00:00.123456789'::TIMESTAMP_NS`, `TIMESTAMP '-infinity'`,
  `TIMESTAMPTZ '2024-06-30 12:34:56.789+00'`,
  `INTERVAL '1 year 2 months 3 days 04:05:06.000007'`, `INTERVAL '-1 day'`, `INTERVAL '2562047788 hours'`,
  `'10110'::BIT`, `123456789012345678901234567890::VARINT`, `(-123456789012345678901234567890)::VARINT`, `0::VARINT`, `'POINT(1 2)'::GEOMETRY`,
  `'sad'::ENUM('sad', 'ok')`,
];

describe('VARIANT as DuckDB prints it', () => {
  it('a value of every type it can hold, alone', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES ${VARIANT_SCALARS.map((v) => `((${v})::VARIANT)`).join(', ')}, (NULL::VARIANT), ('null'::JSON::VARIANT)) t(x)`);
  });

  it('every such value inside a VARIANT object and array, where strings and times get quoted', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES ${VARIANT_SCALARS.map((v) => `({'k': (${v}), 'it''s': NULL, 'k y': [${v}]}::VARIANT)`).join(', ')}) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES ${VARIANT_SCALARS.map((v) => `([(${v}), NULL]::VARIANT)`).join(', ')}) t(x)`);
  });

  it('mixed values in one column, generated', async () => {
    await expectDuckDBText(`SELECT CASE i % 9
      WHEN 0 THEN (i * 1.5)::DOUBLE::VARIANT
      WHEN 1 THEN ('s, ' || i)::VARIANT
      WHEN 2 THEN {'a': i, 'b': 'x ' || i, 'c': [i, NULL], 'd': {'e': i % 2 = 0}}::VARIANT
      WHEN 3 THEN [i::VARCHAR, '', 'NULL']::VARIANT
      WHEN 4 THEN MAP {'k' || i: i * 1000000007}::VARIANT
      WHEN 5 THEN ('{"a": ' || i || ', "b": [true, null, "s, t", 1.25e3], "c": {}}')::JSON::VARIANT
      WHEN 6 THEN (DATE '2000-01-01' + i::INTEGER)::VARIANT
      WHEN 7 THEN ((i - 1000) / 7)::DECIMAL(12, 3)::VARIANT
      ELSE NULL END AS x FROM range(0, 3000) t(i)`);
  });

  it('lengths and counts past 127, written in more than one LEB128 byte: long strings, blobs, big arrays and objects', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (repeat('ç', 200)::VARIANT), (repeat('x', 20000)::VARIANT), (repeat('\\xAB', 300)::BLOB::VARIANT),
      (range(300)::BIGINT[]::VARIANT), (json_object(${Array.from({ length: 150 }, (_, i) => `'k${i}', ${i}`).join(', ')})::VARIANT),
      ([repeat('a, b', 40), 'c']::VARIANT)) t(x)`);
  });

  it('arrays: quoted only when every element has the same type, bare with a NULL or mixed types', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (['s, t', 'u']::VARIANT), (['s, t', NULL]::VARIANT), ('["s, t", 1]'::JSON::VARIANT), ('[["a, b"], ["c, d", null], []]'::JSON::VARIANT),
      ([DATE '2024-01-01'::VARIANT, 'x, y'::VARIANT]::VARIANT), ([TIMESTAMP '2024-01-01 10:00:00'::VARIANT, TIMESTAMP '2024-01-02 10:00:00'::VARIANT]::VARIANT),
      ([1::INTEGER::VARIANT, 2::BIGINT::VARIANT, 'a b'::VARIANT]::VARIANT), ([{'a': 'x, y'}::VARIANT, [' z']::VARIANT]::VARIANT),
      ([0.5::DECIMAL(4,4), -0.25::DECIMAL(4,4)]::VARIANT), ([NULL, NULL]::VARIANT), ([]::INTEGER[]::VARIANT), ('[{}, {"k": ""}]'::JSON::VARIANT)) t(x)`);
  });

  it('a VARIANT inside a STRUCT, a LIST and a MAP (key and value) is printed as it is, unquoted', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES
      ({'a': 'x, y'::VARIANT, 'b': 1::VARIANT, 'c': {'d': 'it''s'}::VARIANT, 'e': NULL::VARIANT}),
      ({'a': ''::VARIANT, 'b': 'NULL'::VARIANT, 'c': [1, 2]::VARIANT, 'e': 'null'::JSON::VARIANT})) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES ([1::VARIANT, 'x, y'::VARIANT, NULL, {'k': 'v w'}::VARIANT]), ([]::VARIANT[])) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (MAP {'k, j'::VARIANT: 'v, w'::VARIANT, 2::VARIANT: [1]::VARIANT}), (MAP {'a'::VARIANT: NULL::VARIANT})) t(x)`);
    await expectDuckDBText(`SELECT [{'v': (i * 3)::VARIANT}, {'v': ('t' || i)::VARIANT}] AS x FROM range(0, 50) t(i)`);
  });

  it('JSON: numbers, booleans, objects and arrays as JSON; other values as their DuckDB text in a JSON string', async () => {
    expect(await jsonValues(`SELECT * FROM (VALUES ('test'::VARIANT), (42::VARIANT), (1.5::DOUBLE::VARIANT), (true::VARIANT), (NULL::VARIANT),
      ({'a': 1, 'b': 'x, y', 'c': [true, NULL]}::VARIANT), (DATE '2024-01-02'::VARIANT), ('nan'::DOUBLE::VARIANT), (MAP {'k': 1}::VARIANT)) t(x)`))
      .toEqual(['test', 42, 1.5, true, null, { a: 1, b: 'x, y', c: [true, null] }, '2024-01-02', 'NaN', [{ key: 'k', value: 1 }]]);
    // Exact digits, as a column of the same type writes them in JSON: the JSON text itself.
    const line = (await renderText(connection, 'json', `SELECT 18446744073709551615::UBIGINT::VARIANT AS x, 1.0::DOUBLE::VARIANT AS y, 1.50::DECIMAL(5,2)::VARIANT AS z,
      0.5::DECIMAL(4,4)::VARIANT AS w, '-inf'::DOUBLE::VARIANT AS v, 0.1::FLOAT::VARIANT AS u`)).trim();
    expect(line).toBe('{"x":18446744073709551615,"y":1,"z":1.50,"w":0.5000,"v":"-Infinity","u":0.1}');
    const same = (await renderText(connection, 'json', `SELECT 18446744073709551615::UBIGINT AS x, 1.0::DOUBLE AS y, 1.50::DECIMAL(5,2) AS z,
      0.5::DECIMAL(4,4) AS w, '-inf'::DOUBLE AS v, 0.1::FLOAT AS u`)).trim();
    expect(line).toBe(same);
    expect(await jsonValues(`SELECT {'v': 'x'::VARIANT, 'w': [1::VARIANT, 'a'::VARIANT]} AS x`)).toEqual([{ v: 'x', w: [1, 'a'] }]);
  });

  it('a TIMESTAMPTZ inside, in UTC whatever the session zone, as DuckDB shows it (under America/Sao_Paulo)', async () => {
    const zone = 'America/Sao_Paulo';
    const local = await openDuckDB();
    await local.run(`SET TimeZone = '${zone}'`);
    const sql = `SELECT * FROM (VALUES (TIMESTAMPTZ '2018-11-04 02:30:00+00'::VARIANT), (TIMESTAMPTZ '2018-11-04 03:30:00+00'::VARIANT),
      ({'t': TIMESTAMPTZ '2019-02-17 01:59:59.5+00', 'n': [TIMESTAMPTZ '1900-01-01 00:00:00+00']}::VARIANT), (TIMESTAMPTZ 'infinity'::VARIANT)) t(x)`;
    const result = await local.stream(sql);
    const schema = arrowSchemaFor([{ name: 'x', type: result.columnType(0) }], zone);
    const render = rendererFor(schema.fields[0] as Field, 'text');
    const got: (string | null)[] = [];
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const batch = chunkToRecordBatch(chunk, schema);
      for (let row = 0; row < batch.numRows; row++) got.push(render(batch.data.children[0] as Data, row));
    }
    expect(got).toEqual((await local.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0]);
    // Unlike a TIMESTAMPTZ column, which DuckDB shows in the session zone (-02 / -03 here).
    expect(got[0]).toBe('2018-11-04 02:30:00+00');
  });

  it('csv-br: the value as DuckDB prints it', async () => {
    expect(await rendered(`SELECT * FROM (VALUES ('test'::VARIANT), ({'a': 'x'}::VARIANT)) t(x)`, 'br')).toEqual(['test', `{'a': x}`]);
  });
});

/** A deterministic coordinate of many magnitudes and signs, as WKT text. */
function coordinate(n: number): string {
  const special = ['0', '-0', '1', '-1', '0.5', '0.1', '1e15', '1e16', '1e20', '1e-7', '0.0001', '1e-5', '123456789012345678', '-2.5e-300', '1.7976931348623157e308'];
  if (n % 5 === 0) return special[(n / 5) % special.length] as string;
  const magnitude = ((n * 7919) % 41) - 20;
  const digits = ((n * 104729) % 999983) / 99991;
  return String((n % 2 ? -1 : 1) * digits * 10 ** magnitude);
}

function geometries(): string[] {
  let n = 1;
  const pt = (dims: number) => Array.from({ length: dims }, () => coordinate(n++)).join(' ');
  const line = (dims: number, count: number) => Array.from({ length: count }, () => pt(dims)).join(', ');
  const ring = (dims: number) => {
    const start = pt(dims);
    return `(${start}, ${line(dims, 2)}, ${start})`;
  };
  const out: string[] = [];
  for (const [tag, dims] of [['', 2], [' Z', 3], [' M', 3], [' ZM', 4]] as const) {
    for (let k = 0; k < 12; k++) {
      out.push(`POINT${tag} (${pt(dims)})`);
      out.push(`LINESTRING${tag} (${line(dims, 2 + (k % 3))})`);
      out.push(`POLYGON${tag} (${ring(dims)}${k % 2 ? `, ${ring(dims)}` : ''})`);
      out.push(`MULTIPOINT${tag} (${line(dims, 1 + (k % 3))})`);
      out.push(`MULTILINESTRING${tag} ((${line(dims, 2)}), (${line(dims, 3)}))`);
      out.push(`MULTIPOLYGON${tag} ((${ring(dims)}), (${ring(dims)}, ${ring(dims)}))`);
      out.push(`GEOMETRYCOLLECTION${tag} (POINT${tag} (${pt(dims)}), LINESTRING${tag} (${line(dims, 2)}), GEOMETRYCOLLECTION${tag} (POLYGON${tag} (${ring(dims)})))`);
    }
    for (const kind of ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION']) out.push(`${kind}${tag} EMPTY`);
    out.push(`MULTIPOINT${tag} (EMPTY, ${pt(dims)})`, `GEOMETRYCOLLECTION${tag} (POINT${tag} EMPTY, POLYGON${tag} EMPTY)`);
  }
  out.push('POINT (nan 1)', 'POINT (nan nan)', 'POINT (inf -inf)', 'LINESTRING (nan nan, 1 2)', 'POINT Z (1 2 nan)');
  return out;
}

describe('GEOMETRY as DuckDB prints it (WKT)', () => {
  it('every kind, in 2, 3 (Z or M) and 4 dimensions, EMPTY, with coordinates of every magnitude', async () => {
    const values = geometries();
    expect(values.length).toBeGreaterThan(350);
    await expectDuckDBText(`SELECT * FROM (VALUES ${values.map((wkt) => `('${wkt}'::GEOMETRY)`).join(', ')}, (NULL)) t(x)`);
  });

  it('points over a sweep of doubles', async () => {
    await expectDuckDBText(`SELECT ('POINT (' || ((i * 7919 % 20001) - 10000) * pow(10, (i % 60) - 30) || ' ' || (i / 3.0) || ')')::GEOMETRY AS x FROM range(0, 2000) t(i)`);
  });

  it('inside a LIST and a STRUCT, quoted as DuckDB quotes text there; with a CRS', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (['POINT (1 2)'::GEOMETRY, NULL, 'LINESTRING EMPTY'::GEOMETRY])) t(x)`);
    await expectDuckDBText(`SELECT {'g': 'POLYGON ((0 0, 1 0, 1 1, 0 0))'::GEOMETRY, 'n': 1} AS x`);
    await expectDuckDBText(`SELECT 'POINT (1 2)'::GEOMETRY('OGC:CRS84') AS x`);
  });

  it('inside an ARRAY (fixed size), whose elements DuckDB never quotes, like any text there', async () => {
    await expectDuckDBText(`SELECT ['LINESTRING (1 1, 0 2)'::GEOMETRY, 'POINT EMPTY'::GEOMETRY]::GEOMETRY[2] AS x`);
    await expectDuckDBText(`SELECT * FROM (VALUES (['a, b', '', 'NULL']::VARCHAR[3]), ([NULL, ' x', 'it''s']::VARCHAR[3])) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES ([['x, y']]::VARCHAR[1][1]), ([['z']]::VARCHAR[1][1])) t(x)`);
    await expectDuckDBText(`SELECT [{'a': 'x, y'}]::STRUCT(a VARCHAR)[1] AS x`);
    await expectDuckDBText(`SELECT [[TIMESTAMP '2024-01-01 10:00:00']]::TIMESTAMP[1][] AS x`);
  });

  it('JSON and csv-br: the WKT as a string', async () => {
    expect(await jsonValues(`SELECT 'POINT (1.5 2)'::GEOMETRY AS x`)).toEqual(['POINT (1.5 2)']);
    expect(await rendered(`SELECT 'POINT (1.5 2)'::GEOMETRY AS x`, 'br')).toEqual(['POINT (1.5 2)']);
  });
});

describe('INTERVAL beyond Arrow nanoseconds', () => {
  it('a time part of every size up to the 64-bit microsecond limit, both signs', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (INTERVAL '2562047788 hours'), (INTERVAL '-2562047788 hours'), (INTERVAL '2562047 hours'), (INTERVAL '2562048 hours'),
      (to_microseconds(9223372036854775807)), (to_microseconds(-9223372036854775807)), (to_microseconds(9223372036854776)),
      (to_months(2147483647) + to_days(2147483647) + to_microseconds(9223372036854775807)),
      (to_months(-2147483647) + to_days(-2147483647) + to_microseconds(-9223372036854775807)),
      (to_days(2147483647)), (to_months(-2147483648)), (INTERVAL '1 year 2 months 3 days 00:00:00.000001'), (INTERVAL '0 seconds'), (NULL)) t(x)`);
    await expectDuckDBText(`SELECT to_months(((i % 37) - 18)::INTEGER) + to_days(((i * 7 % 5) - 2)::INTEGER)
      + to_microseconds((((i * 7919) % 20001) - 10000)::BIGINT * 922337203685477) AS x FROM range(0, 2000) t(i)`);
  });

  it('nested in a LIST and a STRUCT; JSON and csv-br as text', async () => {
    await expectDuckDBText(`SELECT [INTERVAL '2562047788 hours', NULL, INTERVAL '1 day'] AS x`);
    await expectDuckDBText(`SELECT {'i': INTERVAL '-2562047788 hours 3 seconds', 'n': 1} AS x`);
    expect(await jsonValues(`SELECT INTERVAL '2562047788 hours' AS x`)).toEqual(['2562047788:00:00']);
    expect(await rendered(`SELECT INTERVAL '2562047788 hours' AS x`, 'br')).toEqual(['2562047788:00:00']);
  });
});

describe('the command line', () => {
  it('prints a VARIANT, a GEOMETRY and an INTERVAL past the nanosecond range as DuckDB does', async () => {
    const sql = `select 'test'::variant as v, {'a': 'x, y'}::variant as s, 'POINT(1 2)'::geometry as g, interval '2562047788 hours' as i`;
    const result = await runCli(['query', sql, '--data', inject('sampleRegistryDir'), '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`v,s,g,i\r\ntest,"{'a': 'x, y'}",POINT (1 2),2562047788:00:00\r\n`);
  });
});
