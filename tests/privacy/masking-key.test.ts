// The token key cannot be read from SQL. The attack it stops: read the per-session secret
// out of a masked view's definition, then, with the digits the NIS mask shows and the token of
// the same NIS in `vinculo.id_origem`, recover whole NIS numbers by trying the hidden digits.
// Real DuckDB over the SF 0.01 sample registry; the attacker is ordinary user SQL.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { INTERNAL_SCHEMA } from '../../main/core/privacy/masking-key.ts';
import { refusal } from '../support/refusal.ts';
import { rowsFrom } from '../support/statement-rows.ts';

const dataDir = inject('sampleRegistryDir');
let session: QuerySession;
let key: string;

/** Ordinary user SQL, through the runner as the editor sends it. */
function run(sql: string): Promise<unknown[][]> {
  return rowsFrom(session.runner.statements({ action: 'query', source: { kind: 'free' }, sql, queryId: `q${Math.random()}` }));
}

/** Every text SQL can read about the catalog: definitions, comments, settings, variables. */
const CATALOG_TEXT = [
  'select sql from duckdb_views()',
  'select sql from duckdb_tables()',
  'select comment from duckdb_views()',
  'select view_definition from information_schema.views',
  'select definition from pg_catalog.pg_views',
  'select macro_definition from duckdb_functions()',
  'select value from duckdb_settings()',
  'select value::varchar from duckdb_variables()',
  'select sql from duckdb_indexes()',
  'select sql from duckdb_sequences()',
  'select schema_name from duckdb_schemas()',
];

beforeAll(async () => {
  session = await openQuerySession({ dataDir, threads: 2 });
  // The app itself (not user SQL) can read the key: that is how the test knows what to look for.
  const connection = await session.engine.appConnection();
  try {
    key = String((await connection.runAndReadAll(`select chave from ${INTERNAL_SCHEMA}.chave_mascara`)).getRows()[0]?.[0]);
  } finally {
    connection.closeSync();
  }
  expect(key).toMatch(/^[0-9a-f]{64}$/);
});

afterAll(async () => {
  await session?.close();
});

describe('the masking key', () => {
  it('appears in no view, macro, setting, variable or comment that SQL can read', async () => {
    for (const sql of CATALOG_TEXT) {
      const text = JSON.stringify(await run(sql), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      expect(text, sql).not.toContain(key);
      expect(text.toLowerCase(), sql).not.toContain(key.slice(0, 16));
    }
    // The masked views still say how they mask: only the key is gone.
    const [[definition]] = (await run("select sql from duckdb_views() where view_name = 'vinculo' and schema_name like 's_%' limit 1")) as [[string]];
    expect(definition).toContain('md5');
    expect(definition).toContain(`${INTERNAL_SCHEMA}.chave_mascara`);
  });

  it('cannot be read by user SQL, however the table is named', async () => {
    const attempts = [
      `select * from ${INTERNAL_SCHEMA}.chave_mascara`,
      `select * from "MIRANTE_INTERNO"."CHAVE_MASCARA"`,
      `select * from memory.${INTERNAL_SCHEMA}.chave_mascara`,
      `select * from query_table('${INTERNAL_SCHEMA}.chave_mascara')`,
      `summarize ${INTERNAL_SCHEMA}.chave_mascara`,
      `select (select chave from ${INTERNAL_SCHEMA}.chave_mascara) as k`,
      `with k as (select * from ${INTERNAL_SCHEMA}.chave_mascara) select * from k`,
      `select * from pessoa, lateral (select chave from ${INTERNAL_SCHEMA}.chave_mascara) limit 1`,
      `select md5(chave) from ${INTERNAL_SCHEMA}.chave_mascara`,
    ];
    for (const sql of attempts) expect((await refusal(run(sql))).code, sql).toBe('not_allowed');
    // Nor is it left in the engine's private temp folder.
    const temp = await readdir(session.engine.tempFolder, { recursive: true }).catch(() => []);
    for (const file of temp) {
      const bytes = await readFile(path.join(session.engine.tempFolder, String(file))).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(key))).toBe(false);
    }
  });

  it('defeats the NIS recovery: no literal of any view reproduces a token from a known NIS', async () => {
    // The attacker's candidates: every quoted literal in every view definition they can read.
    const definitions = (await run('select sql from duckdb_views()')).map(([sql]) => String(sql));
    const literals = new Set(definitions.flatMap((sql) => [...sql.matchAll(/'([^']{8,})'/g)].map((m) => m[1] as string)));
    // One real NIS and the token Mirante shows for it, as the attacker would pair them.
    const raw = await DuckDBInstance.create(':memory:');
    const connection = await raw.connect();
    let nis: string;
    try {
      const file = path.join(dataDir, 'snapshots', session.engine.defaultSnapshot(), 'vinculo.parquet');
      nis = String((await connection.runAndReadAll(`select id_origem from read_parquet('${file}') where sistema = 'cadunico' order by 1 limit 1`)).getRows()[0]?.[0]);
    } finally {
      connection.closeSync();
      raw.closeSync();
    }
    const shownTokens = new Set((await run("select id_origem from vinculo where sistema = 'cadunico'")).map(([token]) => String(token)));
    const token = (secret: string) => `#${createHash('md5').update(secret + nis).digest('hex').slice(0, 16)}`;
    // The real key does reproduce it (so the attack would work with it)…
    expect(shownTokens.has(token(key))).toBe(true);
    // …but nothing SQL can read does.
    expect([...literals].filter((literal) => shownTokens.has(token(literal)))).toEqual([]);
  });

  it('keeps joins and distinct counts on tokens working', async () => {
    const raw = await DuckDBInstance.create(':memory:');
    const connection = await raw.connect();
    let rawDistinct: bigint;
    let rawJoined: bigint;
    try {
      const file = path.join(dataDir, 'snapshots', session.engine.defaultSnapshot(), 'vinculo.parquet');
      const v = `read_parquet('${file}')`;
      rawDistinct = (await connection.runAndReadAll(`select count(distinct id_origem) from ${v}`)).getRows()[0]?.[0] as bigint;
      rawJoined = (await connection.runAndReadAll(`select count(*) from ${v} a join ${v} b on a.id_origem = b.id_origem and a.sistema <> b.sistema`)).getRows()[0]?.[0] as bigint;
    } finally {
      connection.closeSync();
      raw.closeSync();
    }
    const [[maskedDistinct]] = (await run('select count(distinct id_origem) from vinculo')) as [[bigint]];
    const [[maskedJoined]] = (await run('select count(*) from vinculo a join vinculo b on a.id_origem = b.id_origem and a.sistema <> b.sistema')) as [[bigint]];
    expect(maskedDistinct).toBe(rawDistinct);
    expect(maskedJoined).toBe(rawJoined);
  });
});
