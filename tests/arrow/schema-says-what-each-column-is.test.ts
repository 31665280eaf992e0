// The Arrow schema of a result: unique names (apache-arrow merges fields of the same name), the
// DuckDB type of every field and nested child in its metadata, which fields may hold NULL, and
// enum indices of DuckDB's own width (one byte up to 255 values, two past that). And the two
// refusals of the IPC layer: decoding nothing, and a chunk that does not fit the schema.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DataType, Schema } from 'apache-arrow';
import type { Dictionary, Field } from 'apache-arrow';
import { chunkToRecordBatch } from '../../main/core/arrow/chunk-to-batch.ts';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { DUCKDB_TYPE_KEY, arrowSchemaFor, uniqueNames } from '../../main/core/arrow/schema.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

function typeText(field: Field | undefined): string | undefined {
  return field?.metadata.get(DUCKDB_TYPE_KEY);
}

describe('names', () => {
  it('repeats become name_1, name_2, skipping names already taken', () => {
    expect(uniqueNames(['a', 'a', 'b', 'a'])).toEqual(['a', 'a_1', 'b', 'a_2']);
    expect(uniqueNames(['a', 'a_1', 'a', 'a'])).toEqual(['a', 'a_1', 'a_2', 'a_3']);
    expect(uniqueNames(['a_1', 'a', 'a'])).toEqual(['a_1', 'a', 'a_2']);
    expect(uniqueNames([])).toEqual([]);
  });

  it('a result with repeated names keeps every column and its values', async () => {
    const { schema, batches } = await streamToBatches(connection, `SELECT 1 AS a, 'x' AS a, 2.5 AS a`);
    expect(schema.fields.map((f) => f.name)).toEqual(['a', 'a_1', 'a_2']);
    const table = decodeIpc(encodeIpcStream(schema, batches));
    expect([table.getChildAt(0)?.get(0), table.getChildAt(1)?.get(0)]).toEqual([1, 'x']);
  });
});

describe('types and nullability', () => {
  it('records the DuckDB type, aliases such as JSON included, on every field and nested child', async () => {
    const { schema } = await streamToBatches(connection, `SELECT '{}'::JSON AS j, [1]::BIGINT[] AS l, {'k': '"v"'}::STRUCT(k JSON) AS s, MAP {'a': 1::SMALLINT} AS m, [1, 2]::INTEGER[2] AS arr`);
    const [j, l, s, m, arr] = schema.fields as [Field, Field, Field, Field, Field];
    expect(schema.fields.map(typeText)).toEqual(['JSON', 'BIGINT[]', 'STRUCT("k" VARCHAR)', 'MAP(VARCHAR, SMALLINT)', 'INTEGER[2]']);
    expect(typeText(j)).toBe('JSON');
    expect(typeText(l.type.children[0])).toBe('BIGINT');
    expect(typeText(s.type.children[0])).toBe('JSON');
    expect(typeText(arr.type.children[0])).toBe('INTEGER');
    const entries = m.type.children[0] as Field;
    expect(entries.name).toBe('entries');
    expect((entries.type as DataType).children.map((child: Field) => [child.name, typeText(child), child.nullable])).toEqual([
      ['key', 'VARCHAR', false],
      ['value', 'SMALLINT', true],
    ]);
    expect(entries.nullable).toBe(false);
    expect([l.type.children[0]?.name, arr.type.children[0]?.name, entries.name]).toEqual(['item', 'item', 'entries']);
    expect(schema.fields.every((field) => field.nullable)).toBe(true);
    expect(l.type.children[0]?.nullable).toBe(true);
  });

  it('gives a top-level enum a dictionary with indices of DuckDB width, and a nested one text', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `'v${i}'`).join(', ');
    await connection.run(`CREATE TYPE poucos AS ENUM ('a', 'b', 'c')`);
    await connection.run(`CREATE TYPE muitos AS ENUM (${many})`);
    const sql = `SELECT ('v' || (i * 7 % 300))::muitos AS muitos, (['a', 'b', 'c'])[1 + i % 3]::poucos AS poucos, [('v' || i)::muitos] AS lista FROM range(300) t(i)`;
    const { schema, batches } = await streamToBatches(connection, sql);
    const [muitos, poucos, lista] = schema.fields as [Field, Field, Field];
    expect(String((muitos.type as Dictionary).indices)).toBe('Uint16');
    expect(String((poucos.type as Dictionary).indices)).toBe('Uint8');
    expect(DataType.isUtf8((lista.type as DataType).children[0]?.type)).toBe(true);
    const table = decodeIpc(encodeIpcStream(schema, batches));
    const want = (await connection.runAndReadAll(`SELECT muitos::VARCHAR, poucos::VARCHAR, lista::VARCHAR FROM (${sql})`)).getColumnsJS() as string[][];
    expect([...(table.getChild('muitos') ?? [])]).toEqual(want[0]);
    expect([...(table.getChild('poucos') ?? [])]).toEqual(want[1]);
    expect([...(table.getChild('lista') ?? [])].map((v) => `[${[...(v as Iterable<string>)].join(', ')}]`)).toEqual(want[2]);
  });
});

describe('nanosecond time and enum dictionaries', () => {
  it('gives each DuckDB type the Arrow type of its own width and sign', async () => {
    const expected: [string, string][] = [
      ['1::TINYINT', 'Int8'], ['1::SMALLINT', 'Int16'], ['1::INTEGER', 'Int32'], ['1::BIGINT', 'Int64'],
      ['1::UTINYINT', 'Uint8'], ['1::USMALLINT', 'Uint16'], ['1::UINTEGER', 'Uint32'], ['1::UBIGINT', 'Uint64'],
      ['1::FLOAT', 'Float32'], ['1::DOUBLE', 'Float64'], ["DATE '2020-01-01'", 'Date32<DAY>'], ['true', 'Bool'], ["'a'", 'Utf8'],
    ];
    const { schema } = await streamToBatches(connection, `select ${expected.map(([value], i) => `${value} as c${i}`).join(', ')}`);
    expect(schema.fields.map((field) => String(field.type))).toEqual(expected.map(([, arrow]) => arrow));
  });

  it('writes a MAP as a list of non-null entries holding a non-null key and a nullable value', async () => {
    const { schema } = await streamToBatches(connection, `select map {'k': 1} as m`);
    const entries = (schema.fields[0]?.type as DataType).children[0] as Field;
    expect(String(schema.fields[0]?.type)).toBe('Map<{key:Utf8, value:Int32}>');
    expect([entries.name, entries.nullable]).toEqual(['entries', false]);
    expect((entries.type as DataType).children.map((child: Field) => [child.name, child.nullable])).toEqual([['key', false], ['value', true]]);
  });

  it('keeps TIME_NS as nanosecond time', async () => {
    const { schema, batches } = await streamToBatches(connection, `SELECT '12:34:56.123456789'::TIME_NS AS t FROM range(3)`);
    expect(String(schema.fields[0]?.type)).toBe('Time64<NANOSECOND>');
    expect(decodeIpc(encodeIpcStream(schema, batches)).numRows).toBe(3);
  });

  it('gives an enum of more than 65,535 values 32-bit indices', async () => {
    await connection.run(`CREATE TYPE imensa AS ENUM (SELECT 'v' || i FROM range(70000) t(i))`);
    const sql = `SELECT ('v' || (i * 9973 % 70000))::imensa AS x FROM range(5000) t(i)`;
    const { schema, batches } = await streamToBatches(connection, sql);
    expect(String((schema.fields[0]?.type as Dictionary).indices)).toBe('Uint32');
    const want = (await connection.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0];
    expect([...(decodeIpc(encodeIpcStream(schema, batches)).getChild('x') ?? [])]).toEqual(want);
  });

  it('sends an enum dictionary once in an IPC stream of many batches', async () => {
    await connection.run(`CREATE TYPE unica AS ENUM ('marcador-de-dicionario-unico', 'outro')`);
    const { schema, batches } = await streamToBatches(connection, `SELECT (['marcador-de-dicionario-unico', 'outro'])[1 + i % 2]::unica AS x FROM range(10000) t(i)`);
    expect(batches.length).toBeGreaterThan(2);
    // The enum's values are also in the schema's metadata (its DuckDB type): one batch and many
    // carry the marker the same number of times.
    const count = (bytes: Uint8Array) => {
      const text = Buffer.from(bytes);
      let found = 0;
      for (let at = text.indexOf('marcador-de-dicionario-unico'); at >= 0; at = text.indexOf('marcador-de-dicionario-unico', at + 1)) found += 1;
      return found;
    };
    expect(count(encodeIpcStream(schema, batches))).toBe(count(encodeIpcStream(schema, batches.slice(0, 1))));
    expect(count(encodeIpcStream(schema, batches.slice(0, 1)))).toBe(2);
  });
});

describe('refusals', () => {
  it('decoding no IPC stream at all', () => {
    expect(() => decodeIpc([])).toThrow('decodeIpc needs at least one IPC stream');
  });

  it('a chunk whose columns do not match the schema', async () => {
    const result = await connection.stream('SELECT 1 AS a, 2 AS b');
    const chunk = await result.fetchChunk();
    if (!chunk) throw new Error('no chunk');
    const oneColumn = arrowSchemaFor([{ name: 'a', type: result.columnType(0) }]);
    expect(() => chunkToRecordBatch(chunk, oneColumn)).toThrow('chunk has 2 columns, schema has 1');
    expect(() => chunkToRecordBatch(chunk, new Schema([]))).toThrow('chunk has 2 columns, schema has 0');
  });
});
