// Test support: a plain in-memory DuckDB, a result streamed chunk by chunk into Arrow batches,
// and the table holding every type the Arrow mapping promises to keep.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import { arrowSchemaFor } from '../../main/core/arrow/schema.ts';
import { chunkToRecordBatch } from '../../main/core/arrow/chunk-to-batch.ts';

export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return connection;
}

export async function streamToBatches(connection: DuckDBConnection, sql: string): Promise<{ schema: Schema; batches: RecordBatch[]; chunks: number }> {
  const result = await connection.stream(sql);
  const columns = Array.from({ length: result.columnCount }, (_, i) => ({ name: result.columnName(i), type: result.columnType(i) }));
  const schema = arrowSchemaFor(columns);
  const batches: RecordBatch[] = [];
  let chunks = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    chunks++;
    batches.push(chunkToRecordBatch(chunk, schema));
  }
  return { schema, batches, chunks };
}

/** Column name -> SQL type of the every-type table (the order of its columns). */
export const ALL_TYPES: Record<string, string> = {
  id: 'INTEGER',
  bool: 'BOOLEAN',
  ti: 'TINYINT', si: 'SMALLINT', i: 'INTEGER', bi: 'BIGINT',
  uti: 'UTINYINT', usi: 'USMALLINT', ui: 'UINTEGER', ubi: 'UBIGINT',
  hi: 'HUGEINT', uhi: 'UHUGEINT',
  f: 'FLOAT', d: 'DOUBLE',
  d4: 'DECIMAL(4,1)', d9: 'DECIMAL(9,2)', d18: 'DECIMAL(18,4)', d38: 'DECIMAL(38,10)',
  dt: 'DATE', ts: 'TIMESTAMP', ts_s: 'TIMESTAMP_S', ts_ms: 'TIMESTAMP_MS', ts_ns: 'TIMESTAMP_NS',
  tstz: 'TIMESTAMPTZ', tm: 'TIME', ttz: 'TIMETZ', iv: 'INTERVAL',
  v: 'VARCHAR', b: 'BLOB', u: 'UUID', e: 'mood', j: 'JSON',
  l: 'INTEGER[]', ls: 'STRUCT(a VARCHAR, b DOUBLE)[]', s: 'STRUCT(x INTEGER, y VARCHAR)',
  m: 'MAP(VARCHAR, INTEGER)', mi: 'MAP(INTEGER, VARCHAR)', a: 'INTEGER[3]', le: 'mood[]',
  bits: 'BIT', big: 'VARINT',
};

const ROWS: string[][] = [
  // id, bool, ti, si, i, bi, uti, usi, ui, ubi, hi, uhi, f, d, d4, d9, d18, d38,
  // dt, ts, ts_s, ts_ms, ts_ns, tstz, tm, ttz, iv, v, b, u, e, j, l, ls, s, m, mi, a, le, bits, big
  ['1', 'true', '127', '32767', '2147483647', '9007199254740993', '255', '65535', '4294967295', '18446744073709551615',
    '170141183460469231731687303715884105727', '340282366920938463463374607431768211455', '1.1', '0.1', '999.9', '9999999.99', '99999999999999.9999', '1234567890123456789012345678.0123456789',
    `'9999-12-31'`, `'2024-02-29 23:59:59.123456'`, `'2024-01-01 00:00:01'`, `'2024-01-01 00:00:01.5'`, `'2024-01-01 00:00:01.123456789'`, `'2024-06-30 12:34:56.789+00'`, `'23:59:59.999999'`, `'01:02:03+05:30'`, `'1 year 2 months 3 days 04:05:06.000007'`,
    `'ação 日本 👩‍💻'`, `'\\x00\\xFFab'::BLOB`, `'5f2b4d1c-6a3e-4f5e-8c7d-1a2b3c4d5e6f'`, `'sad'`, `'{"k": [1, 2.5, "x"]}'`,
    '[1, NULL, 3]', `[{'a': 'x,y', 'b': 1.5}, {'a': NULL, 'b': 'nan'::DOUBLE}]`, `{'x': 1, 'y': 'it''s'}`, `MAP {'k': 1, 'j': NULL}`, `MAP {1: 'um', 2: NULL}`, '[1, 2, 3]', `['sad', 'ok']`,
    `'10110'`, `'123456789012345678901234567890123456789012345678901234567890'`],
  ['2', 'false', '-128', '-32768', '-2147483648', '-9223372036854775808', '0', '0', '0', '0',
    '-170141183460469231731687303715884105728', '0', `'-inf'::FLOAT`, `'-inf'::DOUBLE`, '-999.9', '-0.05', '-0.0500', '-0.0000000001',
    `'0001-01-01'`, `'1969-12-31 23:59:59.999999'`, `'1900-01-01 00:00:00'`, `'1960-05-05 05:05:05.005'`, `'1970-01-01 00:00:00.000000001'`, `'1950-01-01 00:00:00+00'`, `'00:00:00'`, `'00:00:00-02'`, `'-1 year -2 months -3 days -04:05:06'`,
    `''`, `''::BLOB`, `'00000000-0000-0000-0000-000000000000'`, `'ok'`, `'null'`,
    '[]', '[]', `{'x': NULL, 'y': ''}`, 'MAP {}', 'MAP {}', '[NULL, NULL, NULL]', '[]',
    `'0'`, `'-98765432109876543210987654321098765432109876543210'`],
  ['3', ...Array.from({ length: 40 }, () => 'NULL')],
  ['4', 'true', '0', '0', '0', '-9007199254740993', '1', '1', '1', '9223372036854775808',
    '18446744073709551616', '18446744073709551616', `'nan'::FLOAT`, `'nan'::DOUBLE`, '0.0', '0.00', '12.3400', '0.0000000000',
    `'1969-07-20'`, `'infinity'`, `'2262-04-11 23:47:16'`, `'-infinity'`, `'2262-04-11 23:47:16.854775'`, `'infinity'`, `'12:00:00.5'`, `'12:00:00+00'`, `'00:00:00'`,
    `'a moderately long string of text, with "quotes" and; semicolons'`, `'\\x5C\\x27\\x22 ~'::BLOB`, `'ffffffff-ffff-ffff-ffff-ffffffffffff'`, `'happy'`, '[1,2]',
    '[NULL]', `[NULL, {'a': 'NULL', 'b': NULL}]`, 'NULL', `MAP {'a=b': 2}`, `MAP {-1: 'menos'}`, 'NULL', '[NULL]',
    `'1'`, '0'],
  ['5', 'NULL', '-1', '-1', '-1', '-1', 'NULL', 'NULL', 'NULL', 'NULL',
    '-1', '1', `'inf'::FLOAT`, `'inf'::DOUBLE`, '0.1', '0.01', '0.0001', '-99999999999999999999999999.9999999999',
    `'5877642-06-25'`, `'0044-03-15 (BC) 12:00:00'`, 'NULL', 'NULL', 'NULL', `'1900-01-01 00:00:00.000001+00'`, `'24:00:00'`, 'NULL', `'100 hours'`,
    `'  padded  '`, 'NULL', 'NULL', 'NULL', `'"null"'`,
    '[2147483647, -2147483648]', 'NULL', `{'x': -1, 'y': NULL}`, 'NULL', 'NULL', '[7, NULL, 9]', 'NULL',
    'NULL', 'NULL'],
];

export async function createAllTypesTable(connection: DuckDBConnection, name = 'all_types'): Promise<void> {
  await connection.run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
  const columns = Object.entries(ALL_TYPES);
  await connection.run(`CREATE TABLE ${name} (${columns.map(([column, type]) => `${column} ${type}`).join(', ')})`);
  for (const row of ROWS) {
    if (row.length !== columns.length) throw new Error(`row ${row[0]} has ${row.length} values`);
    const values = row.map((value, c) => `CAST(${value} AS ${(columns[c] as [string, string])[1]})`);
    await connection.run(`INSERT INTO ${name} VALUES (${values.join(', ')})`);
  }
}
