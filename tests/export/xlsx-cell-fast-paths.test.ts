// The XLSX cell readers take shortcuts for the common case (a BIGINT, a DECIMAL of at most 15
// digits, a TIMESTAMP before 2255 read from 32-bit halves in doubles, not as bigints or text).
// Thousands of random values from DuckDB, each checked against the slow, obvious rule on
// DuckDB's own text: the same number, or the same exact text.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Data } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrowSchemaFor } from '../../main/core/arrow/schema.ts';
import { chunkToRecordBatch } from '../../main/core/arrow/chunk-to-batch.ts';
import { cellReader, exactNumber, type CellValue } from '../../main/core/export/cell-values.ts';
import { planColumns } from '../../main/core/export/column-plan.ts';
import { openDuckDB } from '../arrow/support.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
  await connection.run('SELECT setseed(0.42)');
});

/** Column `v` through the XLSX cell reader, beside column `t` (DuckDB's text, or a reference the SQL computes). */
async function readerAndText(sql: string): Promise<[CellValue, string | null][]> {
  const result = await connection.stream(sql);
  const columns = Array.from({ length: result.columnCount }, (_, i) => ({ name: result.columnName(i), type: result.columnType(i) }));
  const schema = arrowSchemaFor(columns, 'UTC');
  const read = cellReader(planColumns(schema)[0] as ReturnType<typeof planColumns>[number], () => undefined);
  const pairs: [CellValue, string | null][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return pairs;
    const batch = chunkToRecordBatch(chunk, schema);
    const [v, t] = batch.data.children as [Data, Data];
    const text = (row: number): string | null => (t.getValid(row) ? String((batch.getChildAt(1) as { get(i: number): unknown }).get(row)) : null);
    for (let row = 0; row < batch.numRows; row++) pairs.push([read(v, row), text(row)]);
  }
}

describe('the XLSX readers\' shortcuts agree with the exact rule', () => {
  it('DECIMALs of every width and scale: a number exactly when its text has at most 15 digits and reads back the same', async () => {
    for (const type of ['DECIMAL(4,1)', 'DECIMAL(9,2)', 'DECIMAL(18,0)', 'DECIMAL(18,4)', 'DECIMAL(18,17)', 'DECIMAL(38,10)', 'DECIMAL(38,25)']) {
      const pairs = await readerAndText(`SELECT v, v::VARCHAR AS t FROM (
        SELECT TRY_CAST((random() - 0.5) * 10 ** (random() * 22 - 4) AS ${type}) AS v FROM range(5000)) WHERE v IS NOT NULL`);
      expect(pairs.length, type).toBeGreaterThan(500);
      for (const [value, text] of pairs) expect(value, `${type} ${text}`).toBe(exactNumber(text as string) ?? text);
    }
  });

  it('BIGINT and UBIGINT: a number below 10^15 in magnitude, else every digit as text', async () => {
    const pairs = [
      ...await readerAndText(`SELECT v, v::VARCHAR AS t FROM (SELECT ((hash(range) >> (1 + random() * 62)::INTEGER)::BIGINT * (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END))::BIGINT AS v FROM range(5000))`),
      ...await readerAndText(`SELECT v, v::VARCHAR AS t FROM (SELECT (hash(range) >> (random() * 63)::INTEGER)::UBIGINT AS v FROM range(5000))`),
      ...await readerAndText(`SELECT v, v::VARCHAR AS t FROM (VALUES (999999999999999::BIGINT), (-999999999999999), (1000000000000000), (-1000000000000000), (-9223372036854775808), (9223372036854775807), (0), (-1), (4294967295), (4294967296), (-4294967296)) t(v)`),
    ];
    for (const [value, text] of pairs) {
      const exact = BigInt(text as string);
      expect(value, text as string).toBe(exact > -(10n ** 15n) && exact < 10n ** 15n ? Number(exact) : text);
    }
  });

  it('TIMESTAMPs of every unit: the serial of the whole milliseconds (floor), before and after 1970', async () => {
    for (const [type, unit, perMs] of [['TIMESTAMP', 'epoch_us', 1000n], ['TIMESTAMP_MS', 'epoch_ms', 1n], ['TIMESTAMP_S', 'epoch_ms', 1n], ['TIMESTAMP_NS', 'epoch_ns', 1_000_000n]] as const) {
      const pairs = await readerAndText(`SELECT v, ${unit}(v)::VARCHAR AS t FROM (
        SELECT (TIMESTAMP '1900-03-01' + to_microseconds((random() * 1.1e16)::BIGINT))::${type} AS v FROM range(5000))
        WHERE v < TIMESTAMP '2262-01-01'`);
      expect(pairs.length, type).toBeGreaterThan(1000);
      for (const [value, text] of pairs) {
        const count = BigInt(text as string);
        const ms = count / perMs - (count % perMs < 0n ? 1n : 0n);
        expect(value, `${type} ${text}`).toBe(25569 + Number(ms) / 86_400_000);
      }
    }
  });
});
