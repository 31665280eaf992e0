// DuckDB's COPY writes into its private temp folder and Node moves the file into place
// (staged-copy.ts). The folder is the user's: its path may hold an apostrophe (Sant'Anna,
// D'Ávila), which the COPY's quoted path must keep; and a COPY DuckDB refuses must reach the
// user as DuckDB's reason, with nothing left behind. Real DuckDB, real files.
import { mkdir, mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier, type StoredColumn } from '../../main/core/export/copy-columns.ts';
import { stagedCopy } from '../../main/core/export/staged-copy.ts';

let scratch: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

/** A kept table over `select`, its stored columns c0, c1, ... as the result store makes them. */
async function kept(relation: string, select: string): Promise<StoredColumn[]> {
  const described = await connection.run(`SELECT * FROM (${select}) LIMIT 0`);
  const names = Array.from({ length: described.columnCount }, (_, i) => described.columnName(i));
  const stored = names.map((n, i) => `${quoteIdentifier(n)} AS c${i}`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${relation} AS SELECT ${stored} FROM (${select})`);
  return names.map((name, i) => ({ name, type: described.columnType(i), stored: `c${i}` }));
}

beforeAll(async () => {
  scratch = await realpath(await mkdtemp(path.join(os.tmpdir(), 'mirante-staged-copy-')));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

describe('a staged copy', () => {
  it("lands when the engine's temp folder has an apostrophe in its path, and leaves nothing staged", async () => {
    const home = path.join(scratch, "Sant'Anna");
    const staging = path.join(home, 'duckdb-temp');
    await mkdir(staging, { recursive: true, mode: 0o700 });
    await connection.run(`SET temp_directory = '${staging.replaceAll("'", "''")}'`);
    const columns = await kept('kept_bairros', `SELECT * FROM (VALUES (1, 'Centro'), (2, 'Braz Cubas')) t(id, bairro)`);
    const target = path.join(scratch, 'bairros.csv');
    await stagedCopy(connection, { relation: 'kept_bairros', columns, orderBy: 'ORDER BY rowid', dialect: 'csv', target });
    expect(await readFile(target, 'utf8')).toBe('"id","bairro"\r\n1,"Centro"\r\n2,"Braz Cubas"\r\n');
    expect(await readdir(staging)).toEqual([]);
    // Nothing written beside it, under the name without the apostrophe either.
    expect((await readdir(scratch)).sort()).toEqual(['Sant\'Anna', 'bairros.csv']);
  });

  it("a COPY DuckDB refuses rejects with DuckDB's reason (not a missing staged file), and nothing is written", async () => {
    const staging = path.join(scratch, 'temp-recusa');
    await mkdir(staging, { mode: 0o700 });
    await connection.run(`SET temp_directory = '${staging}'`);
    const columns = await kept('kept_some', 'SELECT 1 AS n');
    await connection.run('DROP TABLE kept_some');
    const dir = await mkdtemp(path.join(scratch, 'out-'));
    for (const dialect of ['csv', 'csv-br', 'parquet'] as const) {
      const error = await stagedCopy(connection, { relation: 'kept_some', columns, orderBy: '', dialect, target: path.join(dir, `x.${dialect}`) })
        .catch((e: unknown) => e);
      expect(error, dialect).toBeInstanceOf(Error);
      expect((error as Error).message, dialect).toMatch(/kept_some/);
      expect((error as NodeJS.ErrnoException).code, dialect).not.toBe('ENOENT');
    }
    expect(await readdir(dir)).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
  });
});
