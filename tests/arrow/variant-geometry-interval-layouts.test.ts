// VARIANT, GEOMETRY and wide INTERVALs in every vector layout DuckDB hands over (many chunks,
// NULLs off byte boundaries, rows a filter picked, list entries reversed or sliced, arrays),
// read back through Arrow and through an IPC stream (what the grid receives) as DuckDB's own
// text. And what the Arrow schema says each is.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Data, Field, StructRow } from 'apache-arrow';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

async function expectSameAsDuckDB(sql: string): Promise<void> {
  const want = (await connection.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0] as (string | null)[];
  const { schema, batches } = await streamToBatches(connection, sql);
  const render = rendererFor(schema.fields[0] as Field, 'text');
  const read = (all: readonly { data: { children: unknown[] }; numRows: number }[]) =>
    all.flatMap((b) => Array.from({ length: b.numRows }, (_, row) => render(b.data.children[0] as Data, row)));
  expect({ sql, got: read(batches) }).toStrictEqual({ sql, got: want });
  expect({ sql, got: read(decodeIpc(encodeIpcStream(schema, batches)).batches) }).toStrictEqual({ sql, got: want });
}

/** The value of row `i` (an SQL expression over it) of each type, NULL every few rows. */
const VARIANT = (i: string) => `CASE ${i} % 6 WHEN 0 THEN NULL WHEN 1 THEN ('t, ' || ${i})::VARIANT WHEN 2 THEN {'n': ${i}, 's': [${i}::VARCHAR, 'a b']}::VARIANT
  WHEN 3 THEN (${i} * 0.25)::DOUBLE::VARIANT WHEN 4 THEN 'null'::JSON::VARIANT ELSE [${i}, NULL]::VARIANT END`;
const GEOMETRY = (i: string) => `CASE WHEN ${i} % 5 = 0 THEN NULL WHEN ${i} % 5 = 1 THEN 'POINT EMPTY'::GEOMETRY
  ELSE ('LINESTRING (' || ${i} || ' ' || (${i} / 8) || ', 0 -' || ${i} || ')')::GEOMETRY END`;
const INTERVAL = (i: string) => `CASE WHEN ${i} % 7 = 0 THEN NULL ELSE to_months((${i} % 13)::INTEGER) + to_microseconds(((${i} * 7919) % 9000 - 4500)::BIGINT * 1000000000000000) END`;

describe.each([['VARIANT', VARIANT], ['GEOMETRY', GEOMETRY], ['INTERVAL', INTERVAL]] as const)('%s', (name, value) => {
  it('in many chunks, with NULLs', async () => {
    await expectSameAsDuckDB(`SELECT ${value('i')} AS x FROM range(0, 5000) t(i)`);
  });

  it('in the rows a filter picked', async () => {
    await expectSameAsDuckDB(`SELECT x FROM (SELECT i, ${value('i')} AS x FROM range(0, 3000) t(i)) WHERE i % 3 = 1`);
  });

  it('in lists laid out in any order, in arrays and in structs', async () => {
    await expectSameAsDuckDB(`SELECT list_reverse([${value('i')}, NULL, ${value('(i + 1)')}]) AS x FROM range(0, 200) t(i)`);
    await expectSameAsDuckDB(`SELECT (list_reverse([${value('i')}, ${value('(i + 2)')}, ${value('(i + 3)')}]))[2:] AS x FROM range(0, 200) t(i)`);
    await expectSameAsDuckDB(`SELECT [${value('i')}, ${value('(i + 1)')}]::${name}[2] AS x FROM range(0, 100) t(i)`);
    await expectSameAsDuckDB(`SELECT {'v': ${value('i')}, 'n': i} AS x FROM range(0, 100) t(i)`);
  });
});

describe('the Arrow schema', () => {
  it('VARIANT: a struct of its DuckDB text and its JSON; GEOMETRY: WKT text; INTERVAL: months, days and microseconds', async () => {
    const sql = `SELECT {'a': 'x, y', 'b': [1, 2]}::VARIANT AS v, 'POINT (1 2)'::GEOMETRY AS g, INTERVAL '2562047788 hours' AS i`;
    const { schema, batches } = await streamToBatches(connection, sql);
    expect(schema.fields.map((f) => [f.name, String(f.type), f.metadata.get('duckdb_type')])).toEqual([
      ['v', 'Struct<{text:Utf8, json:Utf8}>', 'VARIANT'],
      ['g', 'Utf8', 'GEOMETRY'],
      ['i', 'Interval<MONTH_DAY_NANO>', 'INTERVAL'],
    ]);
    // What the grid reads from the IPC stream.
    const batch = decodeIpc(encodeIpcStream(schema, batches)).batches[0];
    const variant = batch?.getChildAt(0)?.get(0) as StructRow<{ text: never; json: never }>;
    expect(variant.toJSON()).toEqual({ text: `{'a': 'x, y', 'b': [1, 2]}`, json: '{"a":"x, y","b":[1,2]}' });
    expect(batch?.getChildAt(1)?.get(0)).toBe('POINT (1 2)');
    const micros = 2562047788n * 3600n * 1000000n;
    expect(Array.from(batch?.getChildAt(2)?.get(0) as Int32Array)).toEqual([0, 0, Number(BigInt.asIntN(32, micros)), Number(micros >> 32n)]);
  });
});
