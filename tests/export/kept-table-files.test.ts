// A kept table written as CSV, csv-br, Parquet or JSON Lines, the bytes read back exactly:
// csv-br's Brazilian conventions for booleans, dates and timestamps (and DuckDB's own text for
// what dd/mm/aaaa cannot show), text quoted and guarded, names made unique, Parquet keeping
// what its writer would otherwise change as text; the rows in the grid's order; a cancel or a
// misuse leaving nothing behind, not even DuckDB's staged file.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { exportKeptTables, type KeptExportRequest, type KeptTable } from '../../main/core/export/kept-export.ts';
import { quoteIdentifier } from '../../main/core/export/copy-columns.ts';
import { stagedCopy, stagingFolder } from '../../main/core/export/staged-copy.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;
let staging: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
const about = { title: 'Consulta', snapshot: '2026-10-31', params: {}, sql: [], timeZone: 'UTC' };

/** A kept table over `select`, its stored columns c0, c1, ... as the result store makes them. */
async function kept(name: string, select: string): Promise<KeptTable> {
  const relation = `kept_${name}`;
  const described = await connection.run(`SELECT * FROM (${select}) LIMIT 0`);
  const names = Array.from({ length: described.columnCount }, (_, i) => described.columnName(i));
  const stored = names.map((n, i) => `${quoteIdentifier(n)} AS c${i}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${relation} AS SELECT ${stored} FROM (${select})`);
  const rowCount = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${relation}`)).getRows()[0]?.[0]);
  return { name, relation, rowCount, timeZone: 'UTC', columns: names.map((n, i) => ({ name: n, type: described.columnType(i), stored: `c${i}` })) };
}

async function write(tables: KeptTable[], format: KeptExportRequest['format'], options: Partial<KeptExportRequest> = {}): Promise<{ target: string; text: string; summary: Awaited<ReturnType<typeof exportKeptTables>> }> {
  const dir = await mkdtemp(path.join(scratch, 'out-'));
  const target = path.join(dir, `saida.${format}`);
  const summary = await exportKeptTables(connection, tables, { format, target, about, signal: new AbortController().signal, ...options });
  return { target, text: format === 'parquet' || format === 'xlsx' ? '' : await readFile(target, 'utf8'), summary };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-kept-files-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  // Plain fs here: export code failing in a hook would hide a mutant (docs/MUTATION.md).
  staging = path.join(await realpath(scratch), 'duckdb-temp');
  await mkdir(staging, { mode: 0o700 });
  await connection.run(`SET temp_directory = '${staging}'`);
  await connection.run(`SET TimeZone = 'UTC'`);
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

describe('csv-br', () => {
  it('BOM and ; header; verdadeiro/falso, dd/mm/aaaa, dd/mm/aaaa hh:mm:ss with the fraction only when there is one, decimal comma', async () => {
    const table = await kept('br', `SELECT * FROM (VALUES
      (1, true, DATE '2024-02-29', TIMESTAMP '2024-02-29 23:59:59.123456', TIMESTAMPTZ '2024-06-30 12:34:56+00', 1.5::DECIMAL(9,2), 2.25::DOUBLE, 'ação', 7, TIMESTAMP_MS '2024-01-02 03:04:05.6'),
      (2, false, DATE '0001-01-01', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMPTZ '1950-01-01 00:00:00.5+00', -0.05::DECIMAL(9,2), -1.0::DOUBLE, '=1+1', -3, TIMESTAMP_MS '1999-12-31 23:59:59'),
      (3, NULL, DATE 'infinity', TIMESTAMP '-infinity', NULL, NULL, NULL, NULL, NULL, NULL)
    ) t(id, ativo, dia, quando, quando_tz, saldo, media, nome, n, ms)`);
    const { text, summary } = await write([table], 'csv-br');
    expect(text.split('\r\n')).toEqual([
      '\uFEFF"id";"ativo";"dia";"quando";"quando_tz";"saldo";"media";"nome";"n";"ms"',
      '1;verdadeiro;29/02/2024;29/02/2024 23:59:59,123456;30/06/2024 12:34:56;1,50;2,25;"ação";7;02/01/2024 03:04:05,600000',
      `2;falso;01/01/0001;01/01/2024 00:00:00;01/01/1950 00:00:00,500000;-0,05;-1,0;"'=1+1";-3;31/12/1999 23:59:59`,
      '3;;infinity;-infinity;;;;;;',
      '',
    ]);
    expect(summary).toEqual({ rows: 3, sheets: [{ name: 'br', rows: 3 }], notices: [] });
  });

  it('years outside 1 to 9999 keep DuckDB\'s own text', async () => {
    const table = await kept('anos', `SELECT DATE '10000-01-01' AS d, TIMESTAMP '10000-01-01 00:00:00' AS t UNION ALL SELECT DATE '9999-12-31', TIMESTAMP '9999-12-31 23:59:59'`);
    const { text } = await write([table], 'csv-br');
    expect(text.split('\r\n').slice(1)).toEqual(['10000-01-01;10000-01-01 00:00:00', '31/12/9999;31/12/9999 23:59:59', '']);
  });
});

describe('csv', () => {
  it(', separated, text quoted and guarded, numbers, booleans and dates as DuckDB writes them, repeated names made unique, quotes in names doubled', async () => {
    const table = await kept('csv', `SELECT 1 AS "a""b", 'x' AS s, true AS b, DATE '2024-02-29' AS d, 1.5::DOUBLE AS f, 2 AS s, NULL::VARCHAR AS vazio`);
    // A result may repeat a name (DuckDB's own SELECT renames, a kept result does not).
    const repeated = { ...table, columns: table.columns.map((c) => (c.name === 's_1' ? { ...c, name: 's' } : c)) };
    const { text, summary } = await write([repeated], 'csv');
    expect(text).toBe('"a""b","s","b","d","f","s_1","vazio"\r\n1,"x",true,2024-02-29,1.5,2,\r\n');
    expect(summary.rows).toBe(1);
  });

  it('the rows come in the grid\'s order: sorted when the grid is, else as kept', async () => {
    const table = await kept('ordem', `SELECT * FROM (VALUES (2, 'b'), (1, 'a'), (3, 'c')) t(n, s)`);
    expect((await write([table], 'csv')).text).toBe('"n","s"\r\n2,"b"\r\n1,"a"\r\n3,"c"\r\n');
    expect((await write([{ ...table, sort: [{ column: 0, direction: 'desc' }] }], 'csv')).text).toBe('"n","s"\r\n3,"c"\r\n2,"b"\r\n1,"a"\r\n');
    expect((await write([{ ...table, sort: [{ column: 1, direction: 'asc' }] }], 'json')).text).toBe('{"n":1,"s":"a"}\n{"n":2,"s":"b"}\n{"n":3,"s":"c"}\n');
  });
});

describe('parquet', () => {
  it('keeps HUGEINT, UHUGEINT, TIMETZ and INTERVAL as DuckDB\'s text, every other type as it is; names made unique', async () => {
    const table = await kept('pq', `SELECT 170141183460469231731687303715884105727::HUGEINT AS h, 1::UHUGEINT AS u, TIMETZ '01:02:03+05:30' AS tz, INTERVAL 3 DAY AS iv,
      7::BIGINT AS n, DATE '2024-02-29' AS d, 'x' AS h`);
    const repeated = { ...table, columns: table.columns.map((c) => (c.name === 'h_1' ? { ...c, name: 'h' } : c)) };
    const { target, summary } = await write([repeated], 'parquet');
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${target}')`);
    expect(described.getRows().map((row) => [row[0], row[1]])).toEqual([
      ['h', 'VARCHAR'], ['u', 'VARCHAR'], ['tz', 'VARCHAR'], ['iv', 'VARCHAR'], ['n', 'BIGINT'], ['d', 'DATE'], ['h_1', 'VARCHAR'],
    ]);
    const values = (await connection.runAndReadAll(`SELECT h, u, tz, iv, CAST(n AS VARCHAR), CAST(d AS VARCHAR), h_1 FROM read_parquet('${target}')`)).getRows()[0];
    expect(values).toEqual(['170141183460469231731687303715884105727', '1', '01:02:03+05:30', '3 days', '7', '2024-02-29', 'x']);
    expect((await readFile(target)).subarray(0, 4).toString()).toBe('PAR1');
    expect(summary).toEqual({ rows: 1, sheets: [{ name: 'pq', rows: 1 }], notices: [] });
  });
});

describe('JSON Lines', () => {
  it('reports rows as they are written', async () => {
    const table = await kept('muitas', 'SELECT range AS n FROM range(5000)');
    const seen: number[] = [];
    const { text } = await write([table], 'json', { onProgress: (rows) => seen.push(rows) });
    expect(text.split('\n')).toHaveLength(5001);
    expect(seen.at(-1)).toBe(5000);
    expect(seen[0]).toBe(2048);
    expect(seen.every((rows, i) => i === 0 || rows > (seen[i - 1] as number))).toBe(true);
  });
});

describe('misuse and cancellation', () => {
  it('formats other than XLSX take exactly one table', async () => {
    const one = await kept('um', 'SELECT 1 AS n');
    for (const tables of [[], [one, one]]) {
      const error = await write(tables, 'csv').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).detail).toEqual({ code: 'parameter', message: 'Este formato grava um único resultado.' });
    }
  });

  it('an XLSX of two kept tables: one sheet each, rows summed', async () => {
    const { summary, target } = await write([await kept('a', 'SELECT range AS n FROM range(4)'), await kept('b', 'SELECT 1 AS m')], 'xlsx');
    expect(summary).toEqual({ rows: 5, sheets: [{ name: 'a', rows: 4 }, { name: 'b', rows: 1 }], notices: [] });
    expect(existsSync(target)).toBe(true);
  });

  it('a signal aborted before the start: "cancelled" for every format, no file, no staged file left', async () => {
    const table = await kept('cancelada', 'SELECT range AS n FROM range(10)');
    const aborted = new AbortController();
    aborted.abort();
    for (const format of ['csv', 'csv-br', 'parquet', 'json', 'xlsx'] as const) {
      const dir = await mkdtemp(path.join(scratch, 'cancel-'));
      const error = await exportKeptTables(connection, [table], { format, target: path.join(dir, 'x'), about, signal: aborted.signal }).catch((e: unknown) => e);
      expect(error, format).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).detail, format).toEqual({ code: 'cancelled', message: 'Exportação cancelada.' });
      expect(await readdir(dir), format).toEqual([]);
    }
    expect(await readdir(staging)).toEqual([]);
    // The connection is still usable afterwards.
    expect((await connection.runAndReadAll('SELECT 42')).getRows()).toEqual([[42]]);
  });

  it('JSON Lines aborted as the rows stream: cancelled, no file', async () => {
    const table = await kept('longa', 'SELECT range AS n FROM range(20000)');
    const controller = new AbortController();
    const dir = await mkdtemp(path.join(scratch, 'json-cancel-'));
    const error = await exportKeptTables(connection, [table], { format: 'json', target: path.join(dir, 'x.jsonl'), about, signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => e);
    expect((error as WorkbenchError).detail?.code).toBe('cancelled');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a staged copy whose signal is aborted once DuckDB is done: cancelled, the staged file removed, nothing moved into place', async () => {
    const table = await kept('staged', 'SELECT 1 AS n');
    const controller = new AbortController();
    controller.abort();
    const dir = await mkdtemp(path.join(scratch, 'staged-'));
    for (const dialect of ['csv', 'parquet'] as const) {
      const error = await stagedCopy(connection, { relation: table.relation, columns: table.columns, orderBy: '', dialect, target: path.join(dir, `x.${dialect}`), signal: controller.signal })
        .catch((e: unknown) => e);
      expect((error as WorkbenchError).detail).toEqual({ code: 'cancelled', message: 'Exportação cancelada.' });
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
    await stagedCopy(connection, { relation: table.relation, columns: table.columns, orderBy: '', dialect: 'parquet', target: path.join(dir, 'x.parquet') });
    expect((await readFile(path.join(dir, 'x.parquet'))).subarray(0, 4).toString()).toBe('PAR1');
    expect(await readdir(staging)).toEqual([]);
  });

  it('DuckDB without a private temp folder of its own is refused before anything is written', async () => {
    expect(await stagingFolder(connection)).toBe(staging);
    const other = await DuckDBInstance.create(':memory:', { threads: '1' });
    const bare = await other.connect();
    try {
      await bare.run(`SET temp_directory = 'relativa'`);
      expect((await rejection(stagingFolder(bare))).message).toMatch('A pasta temporária do motor não está configurada.');
      await bare.run(`SET temp_directory = ''`);
      expect((await rejection(stagingFolder(bare))).message).toMatch('A pasta temporária do motor não está configurada.');
    } finally {
      bare.closeSync();
      other.closeSync();
    }
  });
});
