// The grid's cells for INTERVAL (beyond Arrow's nanoseconds too), VARIANT and GEOMETRY: the
// values the renderer reads from the IPC stream, formatted by cells.ts, are DuckDB's own text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { decodeIpc } from '../../renderer/src/client/arrow.ts';
import { cellFormat } from '../../renderer/src/format/cells.ts';
import { openDuckDB, streamToBatches } from '../arrow/support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

/** Column `x` as the grid shows it (pt-BR), NULLs as null, next to DuckDB's x::VARCHAR. */
async function expectGridShowsDuckDBText(sql: string, type: string): Promise<void> {
  const { schema, batches } = await streamToBatches(connection, sql);
  const table = decodeIpc(encodeIpcStream(schema, batches));
  const format = cellFormat(type, 'pt-BR', ['verdadeiro', 'falso'], 'x');
  const column = table.getChild('x');
  const got = Array.from({ length: table.numRows }, (_, row) => {
    const value: unknown = column?.get(row);
    return value === null ? null : format.display(value);
  });
  const want = (await connection.runAndReadAll(`SELECT x::VARCHAR FROM (${sql})`)).getColumnsJS()[0];
  expect(got).toEqual(want);
  expect(format.numeric).toBe(false);
}

describe('grid cells', () => {
  it('INTERVAL: every part, either sign, past the nanosecond range', async () => {
    await expectGridShowsDuckDBText(`SELECT * FROM (VALUES (INTERVAL '2562047788 hours'), (INTERVAL '-2562047788 hours'), (to_microseconds(9223372036854775807)),
      (to_microseconds(-9223372036854775807)), (INTERVAL '1 year 2 months 3 days 04:05:06.000007'), (INTERVAL '-1 month 1 day'), (INTERVAL '0 seconds'),
      (to_months(2147483647) + to_days(-2147483648)), (INTERVAL '-0.5 seconds'), (NULL)) t(x)`, 'INTERVAL');
    await expectGridShowsDuckDBText(`SELECT to_months(((i % 37) - 18)::INTEGER) + to_days(((i * 7 % 5) - 2)::INTEGER)
      + to_microseconds((((i * 7919) % 20001) - 10000)::BIGINT * 922337203685477) AS x FROM range(0, 1000) t(i)`, 'INTERVAL');
  });

  it('VARIANT: its DuckDB text', async () => {
    await expectGridShowsDuckDBText(`SELECT * FROM (VALUES ('test'::VARIANT), ({'a': 'x, y', 'b': [1, NULL]}::VARIANT), (42::VARIANT), (NULL::VARIANT), ('null'::JSON::VARIANT)) t(x)`, 'VARIANT');
  });

  it('GEOMETRY: its WKT', async () => {
    await expectGridShowsDuckDBText(`SELECT * FROM (VALUES ('POINT (1 2)'::GEOMETRY), ('POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))'::GEOMETRY), (NULL)) t(x)`, 'GEOMETRY');
  });
});
