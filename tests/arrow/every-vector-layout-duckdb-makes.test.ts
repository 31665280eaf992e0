// DuckDB hands a chunk's columns over in several layouts: flat, constant (one value for every
// row), dictionary (rows picked through a selection), sequence; lists whose children sit
// anywhere. test_vector_types() makes each of them for a type, with NULLs and extremes. Every
// value must read back from the Arrow bytes (before and after IPC) as DuckDB's own text of it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Data, Field } from 'apache-arrow';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { rendererFor } from '../../main/core/format/values.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

async function expectEveryColumnAsDuckDB(sql: string): Promise<void> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const columns = schema.fields.map((field) => field.name);
  const want = (await connection.runAndReadAll(`SELECT ${columns.map((c) => `"${c}"::VARCHAR`).join(', ')} FROM (${sql})`)).getColumnsJS() as (string | null)[][];
  for (const [source, read] of [['batches', batches], ['ipc', decodeIpc(encodeIpcStream(schema, batches)).batches]] as const) {
    schema.fields.forEach((field, c) => {
      const render = rendererFor(field as Field, 'text');
      const got = read.flatMap((batch) => Array.from({ length: batch.numRows }, (_, row) => render(batch.data.children[c] as Data, row)));
      expect({ sql, source, column: field.name, got }).toStrictEqual({ sql, source, column: field.name, got: want[c] });
    });
  }
}

const TYPES = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'DOUBLE', 'FLOAT',
  'DECIMAL(4,1)', 'DECIMAL(18,3)', 'DECIMAL(38,10)', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_NS', 'INTERVAL',
  'VARCHAR', 'BLOB', 'UUID',
  'INTEGER[]', 'VARCHAR[]', 'INTEGER[][]', 'STRUCT(a INTEGER, b VARCHAR)', 'STRUCT(a INTEGER[], b STRUCT(c VARCHAR))[]',
  'MAP(VARCHAR, INTEGER)', 'INTEGER[3]', 'VARCHAR[3][]',
];

describe('every vector layout DuckDB makes', () => {
  for (const type of TYPES) {
    it(type, async () => {
      await expectEveryColumnAsDuckDB(`SELECT * FROM test_vector_types(NULL::${type}, all_flat := false) t(x)`);
    });
  }

  it('several columns of different layouts in one chunk', async () => {
    await expectEveryColumnAsDuckDB(`SELECT * FROM test_vector_types(NULL::INTEGER, NULL::VARCHAR[], NULL::STRUCT(a DOUBLE, b BOOLEAN), all_flat := false) t(a, b, c)`);
  });

  it('rows a filter picked out of a larger chunk (a selection over flat vectors)', async () => {
    await expectEveryColumnAsDuckDB(
      `SELECT i, [i, NULL, i + 1][1:(i % 4)::INTEGER] AS l, CASE WHEN i % 3 = 0 THEN NULL ELSE 'texto número ' || i END AS v,
              {'k': i % 5, 'm': [i::VARCHAR]} AS s
       FROM range(5000) t(i) WHERE i % 7 IN (1, 3, 4)`,
    );
  });
});
