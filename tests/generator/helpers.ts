// Shared helpers of the generator tests: a temp data dir and a DuckDB to read it with.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCALE = 0.01;
export const SEED = 42;

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mirante-${prefix}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export interface Reader {
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
  one: (sql: string) => Promise<Record<string, unknown>>;
  close: () => void;
}

/** A plain DuckDB over a generated data dir; `t(date, table)` names a snapshot file. */
export async function openReader(): Promise<Reader> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn: DuckDBConnection = await instance.connect();
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  return {
    rows,
    one: async (sql) => {
      const [first] = await rows(sql);
      if (!first) throw new Error(`no row from: ${sql}`);
      return first;
    },
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export function parquet(dataDir: string, date: string, table: string): string {
  return `read_parquet('${join(dataDir, 'snapshots', date, `${table}.parquet`).replaceAll("'", "''")}')`;
}
