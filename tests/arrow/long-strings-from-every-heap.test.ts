// Long strings (over 12 bytes) live outside DuckDB's vectors, in memory the conversion copies
// out run by run (arrow/strings.ts). Whatever lays them out (a function's result heap, a
// Parquet page, a sort, a dictionary or a selection that repeats or reverses rows, a mix of
// inline, long and NULL values), every value must come out as DuckDB gives it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { decodeIpc, encodeIpcStream } from '../../main/core/arrow/ipc.ts';
import { openDuckDB, streamToBatches } from './support.ts';

let connection: DuckDBConnection;
let folder: string;

beforeAll(async () => {
  connection = await openDuckDB();
  folder = await mkdtemp(path.join(os.tmpdir(), 'mirante-long-strings-'));
  await connection.run(`CREATE TABLE textos AS
    SELECT i, CASE WHEN i % 7 = 0 THEN NULL WHEN i % 5 = 0 THEN 'curto ' || (i % 10)
                   ELSE 'Logradouro de exemplo número ' || i || repeat('ç', i % 40) END AS t
    FROM range(5000) r(i)`);
  for (const encoding of ['plain', 'dictionary']) {
    const file = path.join(folder, `${encoding}.parquet`);
    const options = encoding === 'plain' ? ", DICTIONARY_SIZE_LIMIT 1" : '';
    await connection.run(`COPY textos TO '${file}' (FORMAT parquet${options})`);
  }
});

afterAll(async () => {
  connection?.closeSync();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function arrowColumn(sql: string): Promise<unknown[]> {
  const { schema, batches } = await streamToBatches(connection, sql);
  return [...(decodeIpc(encodeIpcStream(schema, batches)).getChildAt(0) ?? [])];
}

async function duckdbColumn(sql: string): Promise<unknown[]> {
  return (await connection.runAndReadAll(sql)).getColumnsJS()[0] ?? [];
}

const SOURCES: Record<string, () => string> = {
  'a function result heap': () => 'SELECT t FROM textos ORDER BY i',
  'a sort, backwards': () => 'SELECT t FROM textos ORDER BY i DESC',
  'a Parquet page, plain encoding': () => `SELECT t FROM '${path.join(folder, 'plain.parquet')}'`,
  'a Parquet page, dictionary encoding': () => `SELECT t FROM '${path.join(folder, 'dictionary.parquet')}'`,
  'rows repeated by a join': () => 'SELECT b.t FROM range(3) a(k), textos b ORDER BY b.i % 13, a.k, b.i',
  'one long value repeated (a constant)': () => "SELECT 'Um texto longo repetido em todas as linhas' AS t FROM range(3000)",
  'unnested lists': () => "SELECT unnest(['Primeiro texto longo da lista', NULL, 'Segundo texto longo da lista', 'x']) FROM range(1000)",
};

describe('long strings from every kind of DuckDB memory', () => {
  for (const [name, sql] of Object.entries(SOURCES)) {
    it(`come out as DuckDB gives them: ${name}`, async () => {
      const expected = await duckdbColumn(sql());
      expect(expected.some((value) => typeof value === 'string' && Buffer.byteLength(value) > 12)).toBe(true);
      expect(await arrowColumn(sql())).toEqual(expected);
    });
  }
});
