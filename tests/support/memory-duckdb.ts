// A plain in-memory DuckDB for the tests of a module that speaks SQL on its own (no registry,
// no sandbox): opened before a file's tests, closed after them.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

export interface MemoryDuckDB {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/** Registers the file's beforeAll/afterAll; read `instance` and `connection` inside tests. */
export function useMemoryDuckDB(): MemoryDuckDB {
  let opened: { instance: DuckDBInstance; connection: DuckDBConnection } | undefined;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    opened = { instance, connection: await instance.connect() };
  });
  afterAll(() => {
    opened?.connection.closeSync();
    opened?.instance.closeSync();
  });
  const ready = () => {
    if (!opened) throw new Error('the in-memory DuckDB opens in beforeAll: use it inside a test');
    return opened;
  };
  return {
    get instance() { return ready().instance; },
    get connection() { return ready().connection; },
  };
}
