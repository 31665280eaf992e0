// The Arrow conversion can take a vector's rows in two ways: a range (`start .. start+count-1`),
// which is how every result chunk of DuckDB 1.5 arrives, and a row index (rows scattered over
// the vector: list entries not laid end to end, which a later DuckDB may stream as dictionary
// vectors of lists). Nothing DuckDB streams today reaches the second way, so these tests drive
// it on real DuckDB memory: the rows picked through an index (reversed, repeated, scattered,
// none) and through ranges that start off a byte boundary must read exactly as the same rows
// of the whole chunk, for every type, through Arrow and through an IPC stream.
import { beforeAll, describe, expect, it } from 'vitest';
import bindings from '@duckdb/node-bindings';
import { DuckDBLogicalType } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { RecordBatch, Schema, Struct, makeData } from 'apache-arrow';
import type { Data, Field } from 'apache-arrow';
import { buildData } from '../../main/core/arrow/build-data.ts';
import { chunkToRecordBatch } from '../../main/core/arrow/chunk-to-batch.ts';
import { rowRange } from '../../main/core/arrow/raw-vector.ts';
import type { Rows } from '../../main/core/arrow/raw-vector.ts';
import { arrowSchemaFor } from '../../main/core/arrow/schema.ts';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import { ALL_TYPES, createAllTypesTable, openDuckDB } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
  await createAllTypesTable(connection);
  // 13 copies of the five rows in a scrambled order: NULLs and values past the first byte of
  // every validity mask, lists whose entries sit at every offset of their child.
  await connection.run(`CREATE TABLE many AS SELECT a.* FROM all_types a, range(13) r(k) ORDER BY (a.id * 7 + k * 5) % 17, k, a.id`);
});

/** Row selections over a chunk of `n` rows, each named for the failure message. */
function selectionsOver(n: number): [string, Rows][] {
  const index = (rows: number[]): Rows => ({ start: 0, count: rows.length, index: Int32Array.from(rows) });
  const all = Array.from({ length: n }, (_, r) => r);
  return [
    ['every row, reversed', index([...all].reverse())],
    ['scattered, with repeats', index(all.map((r) => (r * 7 + 3) % n).concat([n - 1, 0, n - 1]))],
    ['every third row', index(all.filter((r) => r % 3 === 1))],
    ['one row', index([Math.floor(n / 2)])],
    ['no rows', index([])],
    ['a range from row 3', rowRange(3, n - 3)],
    ['a range of 10 rows from row 13', rowRange(13, 10)],
    ['a range from row 8', rowRange(8, n - 8)],
  ];
}

function picked(rows: Rows): number[] {
  return Array.from({ length: rows.count }, (_, k) => (rows.index ? (rows.index[k] as number) : rows.start + k));
}

function texts(field: Field, data: Data): (string | null)[] {
  const render = rendererFor(field, 'text');
  return Array.from({ length: data.length }, (_, row) => render(data, row));
}

/** One column's Data through an IPC stream and back, as the renderer would receive it. */
function throughIpc(field: Field, data: Data): Data {
  const schema = new Schema([field]);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: data.length, nullCount: 0, children: [data] }));
  return decodeIpc(encodeIpcStream(schema, [batch])).batches[0]?.data.children[0] as Data;
}

async function expectPickedRowsAsTheWhole(sql: string): Promise<void> {
  const result = await connection.stream(sql);
  const columns = Array.from({ length: result.columnCount }, (_, i) => ({ name: result.columnName(i), type: result.columnType(i) }));
  const schema = arrowSchemaFor(columns);
  const chunk = await result.fetchChunk();
  if (!chunk) throw new Error(`no chunk for ${sql}`);
  const n = chunk.rowCount;
  expect(n).toBeGreaterThan(24);
  const whole = chunkToRecordBatch(chunk, schema);
  schema.fields.forEach((field, c) => {
    const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
    const duckType = DuckDBLogicalType.create(bindings.vector_get_column_type(vector)).asType() as DuckDBType;
    const wholeTexts = texts(field, whole.data.children[c] as Data);
    for (const [selection, rows] of selectionsOver(n)) {
      const want = picked(rows).map((row) => wholeTexts[row] ?? null);
      const data = buildData(vector, n, duckType, field, rows);
      const got = { column: field.name, selection, nulls: data.nullCount, values: texts(field, data), ipc: texts(field, throughIpc(field, data)) };
      expect(got).toStrictEqual({ column: field.name, selection, nulls: want.filter((v) => v === null).length, values: want, ipc: want });
    }
  });
}

describe('rows picked through an index read as the same rows of the whole chunk', () => {
  it(`every type of the every-type table (${Object.keys(ALL_TYPES).length} columns)`, async () => {
    await expectPickedRowsAsTheWhole(`SELECT * FROM many`);
  });

  it('lists of lists, lists of structs of lists, arrays of lists and maps of lists', async () => {
    await expectPickedRowsAsTheWhole(
      `SELECT [l, NULL, [i::INTEGER]] AS ll, [{'k': l, 'v': v}, NULL] AS ls, [l, l, NULL]::INTEGER[][3] AS al,
              CASE WHEN i % 4 = 0 THEN NULL ELSE MAP {coalesce(v, '-'): l} END AS ml, [[v, NULL], []] AS lv
       FROM (SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE range(i % 4)::INTEGER[] END AS l,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE repeat('texto ', (i % 4)::INTEGER) || i END AS v
             FROM range(40) t(i))`,
    );
  });

  it('VARIANT, GEOMETRY and booleans with NULLs off byte boundaries', async () => {
    await expectPickedRowsAsTheWhole(
      `SELECT CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN ('t, ' || i)::VARIANT WHEN 2 THEN {'n': i, 's': [i::VARCHAR, 'a b']}::VARIANT
                WHEN 3 THEN (i * 0.25)::DOUBLE::VARIANT WHEN 4 THEN 'null'::JSON::VARIANT ELSE [i, NULL]::VARIANT END AS va,
              CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN 'POINT EMPTY'::GEOMETRY
                ELSE ('LINESTRING (' || i || ' ' || (i / 8) || ', 0 -' || i || ')')::GEOMETRY END AS g,
              CASE WHEN i % 7 = 3 THEN NULL ELSE i % 2 = 0 END AS b,
              CASE WHEN i % 9 = 2 THEN NULL ELSE repeat('ç', (i % 20)::INTEGER) END AS s
       FROM range(50) t(i)`,
    );
  });
});
