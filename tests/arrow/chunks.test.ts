// Many chunks, validity masks, small streamed chunks, empty results, several IPC streams.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Vector } from 'apache-arrow';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import type { Data } from 'apache-arrow';
import { createAllTypesTable, openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const MANY_ROWS = `
  SELECT i,
         CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END AS a,
         CASE WHEN i % 5 = 0 THEN NULL ELSE 'linha ' || i || repeat('x', i % 20) END AS s,
         CASE WHEN i % 11 = 0 THEN NULL ELSE [i, NULL, i + 1] END AS l,
         {'k': CASE WHEN i % 3 = 0 THEN NULL ELSE i END} AS st,
         i % 2 = 0 AS even
  FROM range(100000) t(i)`;

describe('streams of many chunks', () => {
  it('turns 100k rows in many chunks, with NULLs everywhere, into the same values', async () => {
    const { schema, batches, chunks } = await streamToBatches(connection, `${MANY_ROWS} ORDER BY i`);
    expect(chunks).toBeGreaterThan(10);
    const table = decodeIpc(encodeIpcStream(schema, batches));
    expect(table.numRows).toBe(100000);
    expect(table.batches.length).toBe(chunks);
    const expected = (await connection.runAndReadAll(`${MANY_ROWS} ORDER BY i`)).getColumnsJS();
    const names = ['i', 'a', 's', 'l', 'st', 'even'];
    for (const [c, name] of names.entries()) {
      const got = [...(table.getChild(name) ?? [])] as unknown[];
      const want = expected[c] as unknown[];
      const normalise = (value: unknown): unknown => {
        if (value === null || value === undefined) return null;
        if (typeof value === 'bigint') return Number(value);
        if (value instanceof Vector) return [...value].map(normalise);
        if (typeof value === 'object' && 'toJSON' in (value as object)) return normalise((value as { toJSON(): unknown }).toJSON());
        if (Array.isArray(value)) return value.map(normalise);
        if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, normalise(v)]));
        return value;
      };
      for (let row = 0; row < 100000; row += 1) {
        if (normalise(got[row]) === normalise(want[row])) continue;
        expect({ name, row, value: normalise(got[row]) }).toStrictEqual({ name, row, value: normalise(want[row]) });
      }
    }
    expect(table.getChild('a')?.nullCount).toBe(Math.ceil(100000 / 7));
  });

  it('handles the small chunks of a streamed filter', async () => {
    const sql = `SELECT * FROM (${MANY_ROWS}) WHERE i % 13 = 1`;
    const { schema, batches } = await streamToBatches(connection, sql);
    const table = decodeIpc(encodeIpcStream(schema, batches));
    const count = (await connection.runAndReadAll(`SELECT count(*)::INTEGER, sum(a)::DOUBLE, sum(length(s))::DOUBLE FROM (${sql})`)).getRowsJS()[0] as number[];
    expect(table.numRows).toBe(count[0]);
    let sum = 0;
    for (const value of table.getChild('a') ?? []) sum += Number(value ?? 0);
    expect(sum).toBe(count[1]);
    let lengths = 0;
    for (const value of table.getChild('s') ?? []) lengths += (value as string | null)?.length ?? 0;
    expect(lengths).toBe(count[2]);
  });

  it('gives a valid IPC stream with the schema for an empty result', async () => {
    await createAllTypesTable(connection, 'all_types_empty');
    const { schema, batches } = await streamToBatches(connection, 'SELECT * FROM all_types_empty WHERE false');
    expect(batches).toHaveLength(0);
    const bytes = encodeIpcStream(schema, batches);
    const table = decodeIpc(bytes);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => [f.name, String(f.type), f.metadata.get('duckdb_type')]))
      .toEqual(schema.fields.map((f) => [f.name, String(f.type), f.metadata.get('duckdb_type')]));
  });

  it('decodes several IPC streams (one per batch event) as one table, dictionaries included', async () => {
    const { schema, batches } = await streamToBatches(connection, `SELECT i, (['sad', 'ok', 'happy'])[1 + i % 3]::mood AS e FROM range(5000) t(i) ORDER BY i`);
    expect(batches.length).toBeGreaterThan(1);
    const streams = batches.map((batch) => encodeIpcStream(schema, [batch]));
    const table = decodeIpc(streams);
    expect(table.numRows).toBe(5000);
    const moods = [...(table.getChild('e') ?? [])] as string[];
    expect([moods[0], moods[1], moods[2], moods[4999]]).toEqual(['sad', 'ok', 'happy', 'ok']);
  });

  it('follows list entries however DuckDB lays them out (slices, reversals, unnest, nesting)', async () => {
    const queries = [
      `SELECT l[2:] AS x FROM (SELECT i, [i, i + 1, i + 2] AS l FROM range(5000) t(i)) WHERE i % 3 = 0`,
      `SELECT list_reverse([i, NULL, i * 2]) AS x FROM range(5000) t(i)`,
      `SELECT unnest([[1, 2], [3]]) AS x FROM range(3000)`,
      `SELECT [{'a': [i], 'b': MAP {i: [i::VARCHAR]}}] AS x FROM range(3000) t(i) WHERE i % 7 <> 0`,
      `SELECT CASE WHEN i % 2 = 0 THEN [i] END AS x FROM range(3000) t(i)`,
      `SELECT [[i, i]::INTEGER[2], NULL] AS x FROM range(3000) t(i)`,
    ];
    for (const sql of queries) {
      const { schema, batches } = await streamToBatches(connection, sql);
      const table = decodeIpc(encodeIpcStream(schema, batches));
      const render = rendererFor(table.schema.fields[0] as (typeof table.schema.fields)[number], 'text');
      const got: (string | null)[] = [];
      for (const batch of table.batches) for (let row = 0; row < batch.numRows; row++) got.push(render(batch.data.children[0] as Data, row));
      const want = (await connection.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0] as (string | null)[];
      expect({ sql, got }).toStrictEqual({ sql, got: want });
    }
  });
});
