// Values where the Arrow conversion changes how it reads DuckDB's memory: strings of 12 bytes
// (inline) and 13 (behind a pointer), list children that start at any row (validity bits not
// on a byte boundary), lists whose entries are scattered, fixed-size arrays inside them, maps,
// enums nested as text, the rarer types written as text, and intervals too long for Arrow's
// nanoseconds (kept in DuckDB's microseconds). Each value must read back as DuckDB's own text of it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Data, Field } from 'apache-arrow';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
  await connection.run(`CREATE TYPE humor AS ENUM ('triste', 'ok', 'feliz')`);
});

/** Every value of column `x`, rendered from the Arrow bytes (before and after IPC). */
async function arrowTexts(sql: string): Promise<{ batch: (string | null)[]; ipc: (string | null)[] }> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const render = rendererFor(schema.fields[0] as Field, 'text');
  const read = (all: readonly { data: { children: unknown[] }; numRows: number }[]) =>
    all.flatMap((b) => Array.from({ length: b.numRows }, (_, row) => render(b.data.children[0] as Data, row)));
  return { batch: read(batches), ipc: read(decodeIpc(encodeIpcStream(schema, batches)).batches) };
}

async function duckdbTexts(sql: string): Promise<(string | null)[]> {
  return (await connection.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0] as (string | null)[];
}

async function expectSameAsDuckDB(sql: string): Promise<void> {
  const want = await duckdbTexts(sql);
  const { batch, ipc } = await arrowTexts(sql);
  expect({ sql, got: batch }).toStrictEqual({ sql, got: want });
  expect({ sql, got: ipc }).toStrictEqual({ sql, got: want });
}

describe('strings', () => {
  it('reads 12 bytes inline and 13 behind a pointer, multi-byte characters included', async () => {
    await expectSameAsDuckDB(`SELECT * FROM (VALUES ('123456789012'), ('1234567890123'), ('ação1234567'), ('ação12345678'), (''), (NULL), ('x')) t(x)`);
    await expectSameAsDuckDB(`SELECT repeat('y', i) AS x FROM range(0, 40) t(i)`);
  });

  it('writes UUIDs as their text, the top bit and every dash in place', async () => {
    await expectSameAsDuckDB(`SELECT * FROM (VALUES
      ('00000000-0000-0000-0000-000000000000'::UUID), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID),
      ('7fffffff-ffff-ffff-8000-000000000001'::UUID), ('80000000-0000-0000-7fff-ffffffffffff'::UUID),
      ('0123abcd-4567-89ef-fedc-ba9876543210'::UUID), (NULL)) t(x)`);
  });

  it('writes enums nested in lists and structs as their text', async () => {
    await expectSameAsDuckDB(`SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE [(['triste', 'ok', 'feliz'])[1 + i % 3]::humor, NULL] END AS x FROM range(20) t(i)`);
    await expectSameAsDuckDB(`SELECT {'h': (['triste', 'ok', 'feliz'])[1 + i % 3]::humor} AS x FROM range(7) t(i)`);
  });

  it('reads enum codes of each width DuckDB uses (1 byte to 255 values, 2 to 65,535, 4 past that), top level and nested', async () => {
    for (const size of [300, 70_000]) {
      await connection.run(`CREATE TYPE grande_${size} AS ENUM (SELECT 'v' || i FROM range(${size}) t(i))`);
      await expectSameAsDuckDB(`SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE ('v' || (i * 7919 % ${size}))::grande_${size} END AS x FROM range(600) t(i)`);
      await expectSameAsDuckDB(`SELECT [('v' || (${size} - 1 - i))::grande_${size}] AS x FROM range(40) t(i)`);
    }
  });

  it('writes the types Arrow has no home for as DuckDB prints them', async () => {
    await expectSameAsDuckDB(`SELECT * FROM (VALUES ('01:02:03+05:30'::TIMETZ), ('23:59:59.999999-03'::TIMETZ), (NULL)) t(x)`);
    await expectSameAsDuckDB(`SELECT * FROM (VALUES ('10110'::BIT), ('0'::BIT), (NULL)) t(x)`);
    await expectSameAsDuckDB(`SELECT * FROM (VALUES ('123456789012345678901234567890'::VARINT), ('-1'::VARINT), (NULL)) t(x)`);
    await expectSameAsDuckDB(`SELECT * FROM (VALUES (union_value(n := 7)::UNION(n INTEGER, s VARCHAR)), (union_value(s := 'um')::UNION(n INTEGER, s VARCHAR)), (NULL)) t(x)`);
    await expectSameAsDuckDB(`SELECT CASE WHEN i % 2 = 0 THEN NULL ELSE ['01:02:03+05'::TIMETZ] END AS x FROM range(5) t(i)`);
  });
});

describe('lists, arrays and maps', () => {
  it('reads list children that start at any row, NULLs on and off byte boundaries', async () => {
    for (const skip of [1, 3, 5, 7, 9]) {
      await expectSameAsDuckDB(`SELECT l[${skip + 1}:] AS x FROM (SELECT [CASE WHEN (i + j) % 3 = 0 THEN NULL ELSE i * 100 + j END FOR j IN range(12)] AS l FROM range(30) t(i))`);
    }
  });

  it('follows entries that are not laid end to end (reversed, sliced, filtered)', async () => {
    await expectSameAsDuckDB(`SELECT list_reverse(l) AS x FROM (SELECT [i, NULL, i + 1, i + 2] AS l FROM range(300) t(i))`);
    await expectSameAsDuckDB(`SELECT CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN [] ELSE list_filter(range(i % 9), v -> v % 2 = 0) END AS x FROM range(200) t(i)`);
    await expectSameAsDuckDB(`SELECT l[2:3] AS x FROM (SELECT [{'a': i, 'b': i::VARCHAR}, NULL, {'a': -i, 'b': NULL}] AS l FROM range(100) t(i))`);
  });

  it('reads fixed-size arrays on their own, inside scattered lists and with NULL arrays', async () => {
    await expectSameAsDuckDB(`SELECT a AS x FROM (SELECT i, [i, NULL, i * 2]::INTEGER[3] AS a FROM range(50) t(i)) UNION ALL SELECT NULL::INTEGER[3]`);
    await expectSameAsDuckDB(`SELECT list_reverse([[i, i + 1]::INTEGER[2], NULL, [-i, 0]::INTEGER[2]]) AS x FROM range(100) t(i)`);
    await expectSameAsDuckDB(`SELECT [['a' || i, NULL]::VARCHAR[2]] AS x FROM range(20) t(i)`);
  });

  it('reads maps with text and number keys, NULL values, empty and NULL maps, and maps in scattered lists', async () => {
    await expectSameAsDuckDB(`SELECT CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN MAP {} ELSE MAP {'k' || i: i, 'z': NULL} END AS x FROM range(40) t(i)`);
    await expectSameAsDuckDB(`SELECT MAP {i: 'um', -i - 1: NULL} AS x FROM range(10) t(i)`);
    await expectSameAsDuckDB(`SELECT list_reverse([MAP {'a': i}, NULL, MAP {'b': -i}]) AS x FROM range(50) t(i)`);
  });
});

describe('intervals', () => {
  it('keeps months, days and microseconds apart, as DuckDB holds them', async () => {
    await expectSameAsDuckDB(`SELECT * FROM (VALUES (INTERVAL '2562047 hours'), (INTERVAL '-2562047 hours'), (INTERVAL '1 year 2 months 3 days 00:00:00.000001'), (INTERVAL '0 seconds'), (NULL)) t(x)`);
    await expectSameAsDuckDB(`SELECT * FROM (VALUES (to_microseconds(9223372036854775)), (to_microseconds(-9223372036854775))) t(x)`);
  });

  it('keeps a time part too long for Arrow nanoseconds (past about 292 years), up to the int64 microsecond limit', async () => {
    await expectSameAsDuckDB(`SELECT * FROM (VALUES (INTERVAL '2562048 hours'), (INTERVAL '-2562048 hours'), (to_microseconds(9223372036854776)), (to_microseconds(-9223372036854776)),
      (INTERVAL '2562047788 hours'), (INTERVAL '-2562047788 hours'), (to_microseconds(9223372036854775807)), (to_microseconds(-9223372036854775807)),
      (to_months(2147483647) + to_days(-2147483648)), (NULL)) t(x)`);
    const { schema } = await streamToBatches(connection, `SELECT INTERVAL '1 day' AS x`);
    expect(String(schema.fields[0]?.type)).toBe('Interval<MONTH_DAY_NANO>');
    expect(schema.fields[0]?.metadata.get('interval_unit')).toBe('us');
  });
});
