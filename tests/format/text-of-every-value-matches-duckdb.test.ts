// The text of a value, as the command prints it and csv writes it, is DuckDB's own VARCHAR of
// that value: checked over sweeps of dates (BC, leap days, the ends of every month and era),
// timestamps in each unit and time zone, times, intervals of every sign and part, floats of
// every magnitude, decimals of every width and BLOB bytes. And csv-br's dates read dd/mm/aaaa
// with every fraction digit kept, as strftime writes them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Flavor } from '../../main/core/format/values.ts';
import { openDuckDB } from '../arrow/support.ts';
import { firstColumn, renderedValues } from './render-text.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const rendered = (sql: string, flavor: Flavor) => renderedValues(connection, sql, flavor);
const column = (sql: string) => firstColumn(connection, sql);

/** Renders `x` of `sql` as text and compares it, value by value, with DuckDB's x::VARCHAR. */
async function expectDuckDBText(sql: string): Promise<void> {
  const got = await rendered(sql, 'text');
  const want = await column(`SELECT x::VARCHAR FROM (${sql})`);
  expect(got.length).toBe(want.length);
  const wrong = got.flatMap((text, i) => (text === want[i] ? [] : [`${String(want[i])} -> ${String(text)}`]));
  expect(wrong.slice(0, 10)).toEqual([]);
}

describe('text as DuckDB prints it', () => {
  it('dates from 4713 BC to 294247 AD, every 97 days, each month end and the infinities', async () => {
    await expectDuckDBText(`SELECT DATE '4713-01-01 (BC)' + (i * 97)::INTEGER AS x FROM range(0, 7000) t(i)`);
    await expectDuckDBText(`SELECT ((DATE '1999-01-01' + to_months(i))::DATE - 1) AS x FROM range(0, 400) t(i)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (DATE '0001-01-01'), (DATE '0001-12-31 (BC)'), (DATE '0002-03-01 (BC)'), (DATE '1970-01-01'), (DATE '1969-12-31'),
      (DATE '2000-02-29'), (DATE '1900-02-28'), (DATE '2100-03-01'), (DATE '294247-01-10'), (DATE 'infinity'), (DATE '-infinity'), (NULL)) t(x)`);
  });

  it('timestamps in seconds, milliseconds, microseconds and nanoseconds, before and after 1970, with a zone', async () => {
    const base = `TIMESTAMP '1969-12-31 23:59:58' + to_microseconds((i * 7919 * 1000003) % 100000000000000 - 50000000000000)`;
    await expectDuckDBText(`SELECT ${base} AS x FROM range(0, 3000) t(i)`);
    await expectDuckDBText(`SELECT (${base})::TIMESTAMP_S AS x FROM range(0, 500) t(i)`);
    await expectDuckDBText(`SELECT (${base})::TIMESTAMP_MS AS x FROM range(0, 500) t(i)`);
    await expectDuckDBText(`SELECT make_timestamp_ns(((i * 7919 * 1000003) % 10000000000000000)::BIGINT * 100003 - 500000000000000000) AS x FROM range(0, 500) t(i)`);
    await expectDuckDBText(`SELECT (${base})::TIMESTAMPTZ AS x FROM range(0, 500) t(i)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (TIMESTAMP '0044-03-15 (BC) 12:00:00'), (TIMESTAMP '1970-01-01 00:00:00'), (TIMESTAMP '1969-12-31 23:59:59.999999'),
      (TIMESTAMP '2024-02-29 00:00:00.000001'), (TIMESTAMP 'infinity'), (TIMESTAMP '-infinity'), (NULL)) t(x)`);
  });

  it('times of day, to the microsecond and the nanosecond, and 24:00:00', async () => {
    await expectDuckDBText(`SELECT TIME '00:00:00' + to_microseconds((i * 104729 * 1000003) % 86400000000) AS x FROM range(0, 2000) t(i)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (TIME '24:00:00'), (TIME '00:00:00'), (TIME '12:00:00.5'), (TIME '23:59:59.000001'), (NULL)) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES ('12:34:56.123456789'::TIME_NS), ('00:00:00.000000001'::TIME_NS), ('23:59:59'::TIME_NS)) t(x)`);
  });

  it('intervals with every part present or absent, of either sign, singular and plural', async () => {
    await expectDuckDBText(`SELECT to_months(((i % 37) - 18)::INTEGER) + to_days(((i * 7 % 5) - 2)::INTEGER) + to_microseconds(((i * 7919) % 200000000000) - 100000000000) AS x FROM range(0, 2000) t(i)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (INTERVAL '1 year'), (INTERVAL '-1 year'), (INTERVAL '1 month'), (INTERVAL '1 day'), (INTERVAL '-1 day'), (INTERVAL '0 seconds'),
      (INTERVAL '13 months'), (INTERVAL '-13 months'), (INTERVAL '1 year 1 day'), (INTERVAL '-0.000001 seconds'), (INTERVAL '100 hours')) t(x)`);
  });

  it('floats and doubles of every magnitude, with their shortest digits', async () => {
    await expectDuckDBText(`SELECT (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) * pow(10, (i % 45) - 22) * (1 + (i * 7919 % 1000) / 997.0) AS x FROM range(0, 3000) t(i)`);
    // FLOAT with at most 7 significant digits and below 2^24 (see the known differences below).
    await expectDuckDBText(`SELECT (((i * 7919 % 2000001) - 1000000) / pow(10, i % 13))::FLOAT AS x FROM range(0, 3000) t(i)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (0.0::DOUBLE), ('-0.0'::DOUBLE), (1e15::DOUBLE), (1e16::DOUBLE), (1e-4::DOUBLE), (1e-5::DOUBLE), (123456789012345680000::DOUBLE),
      ('nan'::DOUBLE), ('inf'::DOUBLE), ('-inf'::DOUBLE), (5e-324::DOUBLE), (1.7976931348623157e308::DOUBLE), (0.1::DOUBLE), (NULL)) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (16777216::FLOAT), (1e-45::FLOAT), (3.4028235e38::FLOAT), (0.1::FLOAT), ('-0.0'::FLOAT), (1e15::FLOAT), (1e16::FLOAT)) t(x)`);
  });

  it('an unnamed STRUCT prints as a row, (1, a), alone and nested', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (row(1, 'a')), (row(NULL, 'b c')), (NULL)) t(x)`);
    await expectDuckDBText(`SELECT [row(1, 2.5), row(3, NULL)] AS x`);
    await expectDuckDBText(`SELECT {'a': row(1, 'x'), 'b': [row('y', [1, 2])]} AS x`);
    // In JSON an array: an object would repeat the same empty key.
    expect(await rendered(`SELECT row(1, 'a', NULL) AS x`, 'json')).toEqual(['[1,"a",null]']);
    expect(await rendered(`SELECT {'k': row(2, 'b')} AS x`, 'json')).toEqual(['{"k":[2,"b"]}']);
  });

  it('a NaN with its sign bit set prints -nan, as DuckDB prints it, in doubles and floats', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (-('nan'::DOUBLE)), ('nan'::DOUBLE), (-('nan'::DOUBLE)), (1.5::DOUBLE)) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (-('nan'::FLOAT)), ('nan'::FLOAT), (2.5::FLOAT), (-('nan'::FLOAT))) t(x)`);
  });

  // Known differences from DuckDB's text, found by these sweeps (docs/MUTATION.md): the values
  // read back the same, the digits differ. `it.fails` until they are fixed; then make them `it`.
  it.fails('KNOWN DIFFERENCE: a FLOAT whose shortest digits tie (142126.375) prints 142126.38, DuckDB 142126.375', async () => {
    await expectDuckDBText(`SELECT 142126.375::FLOAT AS x`);
  });

  it.fails('KNOWN DIFFERENCE: a FLOAT past 2^24 prints its shortest digits (1046138430.0), DuckDB every integer digit (1046138432.0)', async () => {
    await expectDuckDBText(`SELECT 1046138432::FLOAT AS x`);
  });

  it('DECIMAL(p,p) without the leading zero, as DuckDB prints it; JSON and csv-br keep it', async () => {
    await expectDuckDBText(`SELECT * FROM (VALUES (0.5::DECIMAL(4,4)), (0::DECIMAL(4,4)), (-0.5::DECIMAL(4,4)), (0.0001::DECIMAL(4,4)), (-0.9999::DECIMAL(4,4)), (NULL)) t(x)`);
    await expectDuckDBText(`SELECT * FROM (VALUES (0.5::DECIMAL(1,1)), (-0.5::DECIMAL(18,18)), (0.25::DECIMAL(38,38))) t(x)`);
    expect(await rendered(`SELECT -0.5::DECIMAL(4,4) AS x`, 'json')).toEqual(['-0.5000']);
    expect(await rendered(`SELECT 0.5::DECIMAL(4,4) AS x`, 'br')).toEqual(['0,5000']);
  });

  it('decimals of every storage width, negative and below one', async () => {
    for (const type of ['DECIMAL(4,1)', 'DECIMAL(4,3)', 'DECIMAL(9,0)', 'DECIMAL(9,3)', 'DECIMAL(18,2)', 'DECIMAL(18,17)', 'DECIMAL(38,0)', 'DECIMAL(38,37)']) {
      const [, width = 0, scale = 0] = /\((\d+),(\d+)\)/.exec(type)?.map(Number) ?? [];
      const max = `pow(10, ${width - scale})::DOUBLE`;
      await expectDuckDBText(`SELECT (((i * 7919 % 20001) - 10000) / 10000.0 * ${max} * 0.99)::${type} AS x FROM range(0, 500) t(i)`);
    }
  });

  it('BLOB bytes: printable ASCII as is, everything else and \\ \' " as \\xAB', async () => {
    await expectDuckDBText(`SELECT from_hex(lpad(to_hex(i), 2, '0') || lpad(to_hex(255 - i), 2, '0')) AS x FROM range(0, 256) t(i)`);
  });
});

describe('csv-br dates and timestamps', () => {
  it('dd/mm/aaaa for every year from 1 to 9999, ISO with (BC) before that', async () => {
    const sql = `SELECT DATE '0001-01-01' + (i * 97)::INTEGER AS x FROM range(0, 37600) t(i)`;
    expect(await rendered(sql, 'br')).toEqual(await column(`SELECT strftime(x, '%d/%m/%Y') FROM (${sql})`));
    expect(await rendered(`SELECT DATE '0010-06-15 (BC)' AS x`, 'br')).toEqual(['0010-06-15 (BC)']);
  });

  it('timestamps with a comma and all six fraction digits, none when whole', async () => {
    const sql = `SELECT TIMESTAMP '1969-12-31 23:59:58' + to_microseconds((i * 7919 * 1000003) % 100000000000000 - 50000000000000) AS x FROM range(0, 2000) t(i)`;
    const want = await column(`SELECT strftime(x, '%d/%m/%Y %H:%M:%S') || CASE WHEN microsecond(x) % 1000000 = 0 THEN '' ELSE ',' || lpad((microsecond(x) % 1000000)::VARCHAR, 6, '0') END FROM (${sql})`);
    expect(await rendered(sql, 'br')).toEqual(want);
    expect(await rendered(`SELECT '2026-10-31 08:09:10.5+00'::TIMESTAMPTZ AS x`, 'br')).toEqual(['31/10/2026 08:09:10,500000']);
    expect(await rendered(`SELECT TIME '08:09:10.25' AS x`, 'br')).toEqual(['08:09:10,25']);
  });

  it('booleans as verdadeiro and falso, numbers with a decimal comma', async () => {
    expect(await rendered(`SELECT * FROM (VALUES (true), (false), (NULL)) t(x)`, 'br')).toEqual(['verdadeiro', 'falso', null]);
    expect(await rendered(`SELECT * FROM (VALUES (-1234.5::DECIMAL(9,2)), (0.05::DECIMAL(9,2))) t(x)`, 'br')).toEqual(['-1234,50', '0,05']);
  });
});
