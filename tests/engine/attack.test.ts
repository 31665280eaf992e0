// The attack matrix: hostile statements, each refused with a clear error, nothing run, no
// file written, and every view still answering afterwards.
import { symlink } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import type { ApiError, ErrorCode } from '../../main/core/api/index.ts';
import { Engine } from '../../main/core/engine/engine.ts';
import { createFixture, listFiles, NEW_DATE, NEW_PESSOAS, nextQueryId, OLD_DATE, OLD_PESSOAS, rowsOf } from './fixture.ts';
import type { Fixture } from './fixture.ts';

// Paths are known before the tests are collected, so each attack is its own test.
const root = mkdtempSync(path.join(os.tmpdir(), 'mirante-engine-attack-'));
const dataDir = path.join(root, 'data');
const snapshot = path.join(dataDir, 'snapshots', NEW_DATE);
let fixture: Fixture;
let engine: Engine;
let filesBefore: string[];

interface Attack {
  sql: string;
  code: ErrorCode;
  statementIndex?: number;
}

const refused = (sql: string, statementIndex = 0): Attack => ({ sql, code: 'not_allowed', statementIndex });
const ATTACKS: Attack[] = [
  { sql: `select * from read_csv('/etc/passwd')`, code: 'not_allowed' },
  { sql: `select * from read_text('/etc/passwd')`, code: 'not_allowed' },
  { sql: `select * from read_blob('/etc/passwd')`, code: 'not_allowed' },
  { sql: `select * from '/etc/passwd'`, code: 'binder' },
  { sql: `select * from '${snapshot}/link-to-passwd.csv'`, code: 'not_allowed' },
  { sql: `select * from read_parquet('${dataDir}/snapshots/../../outside.parquet')`, code: 'not_allowed' },
  { sql: `select * from read_parquet('file://${root}/outside.parquet')`, code: 'not_allowed' },
  { sql: `select * from read_csv('file:///etc/passwd')`, code: 'not_allowed' },
  { sql: `select * from read_csv('~/.bashrc')`, code: 'not_allowed' },
  { sql: `select * from read_csv('${snapshot}/link-to-passwd.csv')`, code: 'not_allowed' },
  { sql: `select * from glob('/etc/*')`, code: 'not_allowed' },
  { sql: `select getenv('HOME')`, code: 'binder' },
  { sql: `select * from query('drop view pessoa')`, code: 'syntax' },
  refused(`COPY pessoa TO '${root}/x.csv'`),
  refused(`COPY (select 1) TO '${snapshot}/x.parquet'`),
  refused(`EXPORT DATABASE '${root}/export'`),
  refused(`ATTACH '${root}/x.db'`),
  refused(`INSTALL httpfs`),
  refused(`LOAD httpfs`),
  refused(`SET enable_external_access=true`),
  refused(`SET threads=4`),
  refused(`SET search_path='s_2026_09_30'`),
  refused(`RESET lock_configuration`),
  refused(`PRAGMA enable_profiling`),
  refused(`PRAGMA memory_limit='100GB'`),
  refused(`CREATE TABLE t AS select 1 as x`),
  refused(`CREATE TEMP VIEW v AS select 1 as x`),
  refused(`CREATE MACRO m() AS 1`),
  refused(`DROP VIEW pessoa`),
  refused(`CREATE OR REPLACE VIEW pessoa AS select 1 as x`),
  refused(`ALTER VIEW pessoa RENAME TO p`),
  refused(`COMMENT ON VIEW pessoa IS 'x'`),
  refused(`INSERT INTO pessoa VALUES (99, 'x', DATE '2000-01-01', 'Centro', 'parda')`),
  refused(`UPDATE pessoa SET nome = 'x'`),
  refused(`DELETE FROM pessoa`),
  refused(`EXPLAIN ANALYZE COPY (select 1) TO '${root}/explained.csv'`),
  refused(`EXPLAIN select 1`),
  refused(`CALL pragma_version()`),
  refused(`USE s_2026_09_30`),
  refused(`DETACH memory`),
  refused(`CHECKPOINT`),
  refused(`VACUUM`),
  refused(`BEGIN TRANSACTION`),
  refused(`select 1; drop view pessoa`, 1),
  refused(`select count(*) from pessoa;\n  COPY pessoa TO '${root}/second.csv'`, 1),
  { sql: `select 1; select * from read_csv('/etc/passwd')`, code: 'not_allowed', statementIndex: 1 },
  // Around the masked views (privacy): the snapshot's own files, its raw schema, SQL in text.
  refused(`select * from read_parquet('${snapshot}/pessoa.parquet')`),
  refused(`select * from '${snapshot}/pessoa.parquet'`),
  refused(`select * from parquet_metadata('${snapshot}/pessoa.parquet')`),
  refused(`select * from bruto_2026_10_31.pessoa`),
  refused(`select * from query_table('${snapshot}/pessoa.parquet')`),
  refused(`select * from query('select 1')`),
  refused(`select 1; select nome from bruto_2026_09_30.pessoa`, 1),
];

/** Runs the script, counting statements that started: a refused script must start none. */
async function attempt(sql: string): Promise<{ error: ApiError; started: number }> {
  let started = 0;
  try {
    for await (const statement of engine.execute({ sql, queryId: nextQueryId() })) {
      started += 1;
      for await (const _chunk of statement.chunks) void _chunk;
    }
  } catch (error) {
    if (error instanceof WorkbenchError) return { error: error.detail, started };
    throw error;
  }
  throw new Error(`not refused: ${sql}`);
}

beforeAll(async () => {
  fixture = await createFixture(root);
  const plain = await DuckDBInstance.create(':memory:');
  const connection = await plain.connect();
  await connection.run(`COPY (select 42 as secret) TO '${root}/outside.parquet' (FORMAT parquet)`);
  connection.closeSync();
  plain.closeSync();
  await symlink('/etc/passwd', path.join(snapshot, 'link-to-passwd.csv'));
  engine = await Engine.open({ dataDir, tempRoot: fixture.tempRoot, threads: 2 });
  filesBefore = await listFiles(root);
});

afterAll(async () => {
  await engine?.close();
  await fixture?.cleanup();
});

describe('attack matrix', () => {
  it('has at least twenty hostile statements', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(ATTACKS)('refuses $sql', async (attack) => {
    const { error, started } = await attempt(attack.sql);
    expect(started).toBe(0);
    expect(error.code).toBe(attack.code);
    expect(error.message.length).toBeGreaterThan(15);
    if (attack.statementIndex !== undefined) expect(error.statementIndex).toBe(attack.statementIndex);
  });

  it('refuses statement kinds by name, index and where the statement starts', async () => {
    const { error } = await attempt(`select count(*) from pessoa;\n  COPY pessoa TO '${root}/second.csv'`);
    expect(error).toMatchObject({ code: 'not_allowed', statementIndex: 1, line: 2, column: 3 });
    expect(error.message).toBe('Apenas consultas de leitura são permitidas: a instrução 2 é COPY.');
    expect((await attempt('EXPLAIN ANALYZE select 1')).error.message).toContain('a instrução 1 é EXPLAIN');
    expect((await attempt('USE s_2026_09_30')).error.message).toContain('a instrução 1 é USE (SET)');
    expect((await attempt('select 1;\n-- comentário; ainda\nDROP VIEW pessoa')).error).toMatchObject({
      statementIndex: 1,
      line: 3,
      column: 1,
    });
  });

  it('leaves every view answering and no file written', async () => {
    for (const [date, pessoas] of [
      [NEW_DATE, NEW_PESSOAS],
      [OLD_DATE, OLD_PESSOAS],
    ] as const) {
      const schema = `s_${date.replaceAll('-', '_')}`;
      expect(await rowsOf(engine, `select count(*) from ${schema}.pessoa`)).toEqual([[pessoas]]);
      expect(await rowsOf(engine, `select count(*) from ${schema}.familia`)).toEqual([[pessoas * 2]]);
    }
    expect(await rowsOf(engine, 'select count(*) from pessoa')).toEqual([[NEW_PESSOAS]]);
    expect(await listFiles(root)).toEqual(filesBefore);
    expect(existsSync(path.join(root, 'explained.csv'))).toBe(false);
  });
});
