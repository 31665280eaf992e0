// Under a NULL, DuckDB's vector keeps whatever its buffer held (measured here: the value of the
// row's other branch, other rows' values, an earlier chunk's). Those bytes must not reach the
// renderer: in every Arrow buffer the conversion makes, a NULL row carries zero bytes, and a
// variable-width NULL row carries no bytes at all. Checked on the raw Arrow buffers, before
// and after the IPC bytes, with a CPF-like value in the other branch.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Data, RecordBatch } from 'apache-arrow';
import bindings from '@duckdb/node-bindings';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { copyFixedWidth, isValidAt, rowRange, validityFor } from '../../main/core/arrow/raw-vector.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
  await connection.run(`CREATE TYPE humor AS ENUM ('triste', 'ok', 'feliz')`);
  // 12345678909 is a CPF written as a number; every third row is NULL.
  await connection.run(`
    CREATE TABLE pessoas AS
    SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 12345678909 + i END AS cpf
    FROM range(5000) t(i)`);
});

/** `expr` where it is not NULL, for rows where `i % 3 <> 0`; NULL (with DuckDB's leftovers) elsewhere. */
function nullEveryThird(expr: string): string {
  return `SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE ${expr} END AS x FROM pessoas`;
}

const FIXED_WIDTH: Record<string, string> = {
  bigint: 'cpf',
  integer: '(cpf % 2000000000)::INTEGER',
  smallint: '(cpf % 30000)::SMALLINT',
  tinyint: '(cpf % 100 + 1)::TINYINT',
  ubigint: 'cpf::UBIGINT',
  hugeint: 'cpf::HUGEINT * 1000000000000',
  double: 'cpf::DOUBLE',
  float: 'cpf::FLOAT',
  date: `DATE '2000-01-01' + (cpf % 10000)::INTEGER`,
  timestamp: `TIMESTAMP '2000-01-01' + to_seconds(cpf % 100000000)`,
  time: `TIME '00:00:00' + to_seconds(cpf % 86000)`,
  decimal_4: '(cpf % 900 + 1)::DECIMAL(4,1)',
  decimal_9: '(cpf % 1000000 + 1)::DECIMAL(9,2)',
  decimal_18: 'cpf::DECIMAL(18,2)',
  decimal_38: 'cpf::DECIMAL(38,2)',
  uhugeint: 'cpf::UHUGEINT',
  interval: 'to_seconds(cpf % 100000)',
};

function nullRows(data: Data): number[] {
  const rows: number[] = [];
  for (let k = 0; k < data.length; k++) if (!data.getValid(k)) rows.push(k);
  return rows;
}

function dataOf(batches: readonly RecordBatch[]): Data[] {
  return batches.map((batch) => batch.data.children[0] as Data);
}

/** The bytes of a NULL row's value in a fixed-width values buffer. */
function bytesUnder(data: Data, row: number): Uint8Array {
  const values = data.values as ArrayLike<number> & { BYTES_PER_ELEMENT: number; buffer: ArrayBufferLike; byteOffset: number };
  const stride = (data.values.length / data.length) * values.BYTES_PER_ELEMENT;
  return new Uint8Array(values.buffer, values.byteOffset + (data.offset + row) * stride, stride);
}

async function expectZeroUnderNulls(sql: string, label: string): Promise<void> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const decoded = decodeIpc(encodeIpcStream(schema, batches));
  for (const [stage, all] of [['batch', dataOf(batches)], ['ipc', dataOf(decoded.batches)]] as const) {
    let nulls = 0;
    for (const data of all) {
      for (const row of nullRows(data)) {
        nulls += 1;
        const under = bytesUnder(data, row);
        if (under.some((byte) => byte !== 0)) expect.fail(`${label} (${stage}): row ${row} under NULL holds ${Buffer.from(under).toString('hex')}`);
      }
    }
    expect(nulls, `${label} (${stage})`).toBe(Math.ceil(5000 / 3));
  }
}

describe('the bytes under a NULL in the Arrow buffers', () => {
  it('hold other values in the DuckDB vector itself (the hazard the conversion removes)', async () => {
    const result = await connection.stream(nullEveryThird('cpf'));
    let leftovers = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const vector = bindings.data_chunk_get_vector(chunk.chunk, 0);
      const rows = rowRange(0, chunk.rowCount);
      const validity = validityFor(vector, rows);
      const raw = new BigInt64Array(copyFixedWidth(vector, rows, 8).buffer);
      for (let k = 0; k < chunk.rowCount; k++) if (!isValidAt(validity, k) && raw[k] !== 0n) leftovers += 1;
    }
    expect(leftovers).toBeGreaterThan(0);
  });

  for (const [type, expr] of Object.entries(FIXED_WIDTH)) {
    it(`are zero for ${type}`, async () => {
      await expectZeroUnderNulls(nullEveryThird(expr), type);
    });
  }

  it('are zero bits for BOOLEAN', async () => {
    const { batches } = await streamToBatches(connection, nullEveryThird('cpf % 2 = 1 OR true'));
    let nulls = 0;
    for (const data of dataOf(batches)) {
      const bits = data.values as Uint8Array;
      for (const row of nullRows(data)) {
        nulls += 1;
        expect(((bits[row >> 3] as number) >> (row & 7)) & 1, `row ${row}`).toBe(0);
      }
    }
    expect(nulls).toBe(Math.ceil(5000 / 3));
  });

  it('are zero inside lists and structs (the children of nested values)', async () => {
    const list = await streamToBatches(connection, `SELECT [CASE WHEN i % 3 = 0 THEN NULL ELSE cpf END, i] AS x FROM pessoas`);
    const struct = await streamToBatches(connection, `SELECT {'cpf': CASE WHEN i % 3 = 0 THEN NULL ELSE cpf END} AS x FROM pessoas`);
    for (const [label, batches] of [['list', list.batches], ['struct', struct.batches]] as const) {
      let nulls = 0;
      for (const data of dataOf(batches)) {
        const child = data.children[0] as Data;
        for (const row of nullRows(child)) {
          nulls += 1;
          expect(Buffer.from(bytesUnder(child, row)).toString('hex'), `${label} child row ${row}`).toBe('0'.repeat(16));
        }
      }
      expect(nulls, label).toBe(Math.ceil(5000 / 3));
    }
  });

  it('are no bytes at all for text, BLOB and UUID (a NULL row is an empty entry)', async () => {
    const queries: Record<string, string> = {
      varchar: `'cpf ' || cpf::VARCHAR || ' de uma pessoa real'`,
      short_varchar: `cpf::VARCHAR`,
      blob: `('cpf ' || cpf::VARCHAR || ' de uma pessoa real')::BLOB`,
      uuid: `('12345678-0000-4000-8000-' || lpad(cpf::VARCHAR, 12, '0'))::UUID`,
      enum_nested: `[(['triste', 'ok', 'feliz'])[1 + cpf % 3]::humor]`,
    };
    for (const [label, expr] of Object.entries(queries)) {
      const { schema, batches } = await streamToBatches(connection, nullEveryThird(expr));
      for (const data of [...dataOf(batches), ...dataOf(decodeIpc(encodeIpcStream(schema, batches)).batches)]) {
        const offsets = data.valueOffsets;
        if (offsets === undefined) throw new Error(`${label}: no offsets`);
        for (const row of nullRows(data)) expect(offsets[row + 1], `${label} row ${row}`).toBe(offsets[row]);
      }
      const total = batches.reduce((sum, batch) => sum + ((batch.data.children[0] as Data).values?.length ?? 0), 0);
      const valid = batches.reduce((sum, batch) => sum + batch.numRows - (batch.data.children[0] as Data).nullCount, 0);
      expect(valid, label).toBe(5000 - Math.ceil(5000 / 3));
      if (label !== 'enum_nested') expect(total, label).toBeGreaterThan(0);
    }
  });
});
