// The type round trip: DuckDB -> chunkToRecordBatch -> IPC bytes -> decodeIpc, value by value
// against DuckDB's own values (its value objects, and its VARCHAR text of each value).
import { beforeAll, describe, expect, it } from 'vitest';
import { DataType } from 'apache-arrow';
import type { Data, Table } from 'apache-arrow';
import type { DuckDBConnection } from '@duckdb/node-api';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import { ALL_TYPES, createAllTypesTable, openDuckDB, streamToBatches } from './support.ts';
import { fromArrow, fromDuckDB } from './canonical.ts';

let connection: DuckDBConnection;
let table: Table;

beforeAll(async () => {
  connection = await openDuckDB();
  await createAllTypesTable(connection);
  const { schema, batches } = await streamToBatches(connection, 'SELECT * FROM all_types ORDER BY id');
  table = decodeIpc(encodeIpcStream(schema, batches));
});

function columnData(name: string): { data: Data; field: (typeof table.schema.fields)[number] } {
  const index = table.schema.fields.findIndex((f) => f.name === name);
  const vector = table.getChildAt(index);
  if (!vector || vector.data.length !== 1) throw new Error(`column ${name} should be one Data`);
  return { data: vector.data[0] as Data, field: table.schema.fields[index] as (typeof table.schema.fields)[number] };
}

describe('Arrow round trip of every type', () => {
  it('keeps the schema: names, Arrow types and the DuckDB type in metadata', () => {
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(ALL_TYPES));
    const typeOf = (name: string) => table.schema.fields.find((f) => f.name === name);
    expect(typeOf('d38')?.metadata.get('duckdb_type')).toBe('DECIMAL(38,10)');
    expect(typeOf('e')?.metadata.get('duckdb_type')).toBe(`ENUM('sad', 'ok', 'happy')`);
    expect(typeOf('u')?.metadata.get('duckdb_type')).toBe('UUID');
    expect(typeOf('j')?.metadata.get('duckdb_type')).toBe('JSON');
    expect(String(typeOf('hi')?.type)).toBe('Decimal[38e0]');
    expect(String(typeOf('d4')?.type)).toBe('Decimal[4e+1]');
    expect(DataType.isDictionary(typeOf('e')?.type)).toBe(true);
    expect(String(typeOf('tstz')?.type)).toContain('UTC');
    expect(String(typeOf('iv')?.type)).toBe('Interval<MONTH_DAY_NANO>');
    expect(DataType.isMap(typeOf('m')?.type)).toBe(true);
    expect(DataType.isFixedSizeList(typeOf('a')?.type)).toBe(true);
    const listChild = (typeOf('ls')?.type as DataType).children[0];
    expect(listChild?.metadata.get('duckdb_type')).toBe('STRUCT("a" VARCHAR, "b" DOUBLE)');
  });

  it('gives back every value DuckDB holds, bit for bit', async () => {
    const reader = await connection.runAndReadAll('SELECT * FROM all_types ORDER BY id');
    const expected = reader.getColumns();
    expect(table.numRows).toBe(reader.currentRowCount);
    for (const [c, name] of Object.keys(ALL_TYPES).entries()) {
      const { data, field } = columnData(name);
      const duckColumn = expected[c] as Parameters<typeof fromDuckDB>[0][];
      for (let row = 0; row < table.numRows; row++) {
        const want = fromDuckDB(duckColumn[row] ?? null);
        const got = fromArrow(field, data, row);
        expect({ name, row, value: got }).toStrictEqual({ name, row, value: DataType.isUtf8(field.type) && want !== null ? String(want) : want });
      }
    }
  });

  it('renders each value as DuckDB itself casts it to VARCHAR', async () => {
    const names = Object.keys(ALL_TYPES);
    const reader = await connection.runAndReadAll(`SELECT ${names.map((n) => `${n}::VARCHAR`).join(', ')} FROM all_types ORDER BY id`);
    const texts = reader.getColumnsJS() as (string | null)[][];
    for (const [c, name] of names.entries()) {
      const { data, field } = columnData(name);
      const render = rendererFor(field, 'text');
      for (let row = 0; row < table.numRows; row++) {
        expect({ name, row, text: render(data, row) }).toStrictEqual({ name, row, text: texts[c]?.[row] ?? null });
      }
    }
  });

  it('keeps the numbers beyond 2^53 and 10^38 exact', () => {
    expect(fromArrow(columnData('bi').field, columnData('bi').data, 0)).toBe(9007199254740993n);
    expect(fromArrow(columnData('hi').field, columnData('hi').data, 1)).toBe(-170141183460469231731687303715884105728n);
    expect(fromArrow(columnData('uhi').field, columnData('uhi').data, 0)).toBe(340282366920938463463374607431768211455n);
    const d38 = columnData('d38');
    expect(rendererFor(d38.field, 'text')(d38.data, 0)).toBe('1234567890123456789012345678.0123456789');
  });
});
