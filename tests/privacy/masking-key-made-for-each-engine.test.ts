// The masking key as installMaskingKey leaves it, called inside the test (masking-key.test.ts
// opens a whole session in its beforeAll, where a mutant that breaks it only skips the tests):
// one row in mirante_interno.chave_mascara, 64 hex digits of fresh randomness, a new one for each
// engine, read by MASKING_KEY_SQL; the tokens of the masks are keyed with it.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { INTERNAL_SCHEMA, MASKING_KEY_SQL, installMaskingKey } from '../../main/core/privacy/masking-key.ts';
import { maskExpression } from '../../main/core/privacy/masking.ts';

const opened: { instance: DuckDBInstance; connection: DuckDBConnection }[] = [];

afterAll(() => {
  for (const { instance, connection } of opened) {
    connection.closeSync();
    instance.closeSync();
  }
});

async function engineWithKey(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  opened.push({ instance, connection });
  await installMaskingKey(connection);
  return connection;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<unknown> {
  return (await connection.runAndReadAll(sql)).getRowsJS()[0]?.[0];
}

describe('the masking key of an engine', () => {
  it('is one row of 64 random hex digits in the internal schema, a new one for each engine', async () => {
    const first = await engineWithKey();
    const second = await engineWithKey();
    expect(INTERNAL_SCHEMA).toBe('mirante_interno');
    expect(await scalar(first, 'SELECT count(*) FROM mirante_interno.chave_mascara')).toBe(1n);
    const key = await scalar(first, MASKING_KEY_SQL);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await scalar(second, MASKING_KEY_SQL)).not.toBe(key);
    expect(await scalar(first, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'mirante_interno' AND column_name = 'chave'")).toBe('NO');
  });

  it('keys the token a mask gives: md5 of the key and the value, 16 hex digits', async () => {
    const connection = await engineWithKey();
    const key = String(await scalar(connection, MASKING_KEY_SQL));
    const token = await scalar(connection, `SELECT ${maskExpression('id_origem', 'VARCHAR')} FROM (SELECT 'abc' AS id_origem)`);
    expect(token).toBe(`#${String(await scalar(connection, `SELECT left(md5('${key}' || 'abc'), 16)`))}`);
  });
});
