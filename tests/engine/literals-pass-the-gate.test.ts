// A read-only SELECT is never refused for its literals: whatever literal DuckDB accepts, the
// reference gate reads the statement's parse tree (json_serialize_sql, which writes a bare
// Infinity for 1e309) and lets it through. Oracle: bare DuckDB. A literal it accepts runs in
// Mirante with as many rows; one it refuses fails in Mirante with the same DuckDB class, never
// as a refusal (not_allowed) nor a crash (internal).
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import type { Engine } from '../../main/core/engine/engine.ts';
import { nextQueryId, useFixtureEngine } from './fixture.ts';

let engine: Engine;
useFixtureEngine((opened) => ({ engine } = opened));

let bare: DuckDBConnection;
let bareInstance: DuckDBInstance;
beforeAll(async () => {
  bareInstance = await DuckDBInstance.create(':memory:');
  bare = await bareInstance.connect();
});
afterAll(() => {
  bare?.closeSync();
  bareInstance?.closeSync();
});

type Outcome = { ok: true; rows: number } | { ok: false; duckdbClass: string; code?: string };

const CLASS = /^([A-Za-z ]+?) Error: /;

async function bareOutcome(sql: string): Promise<Outcome> {
  try {
    const reader = await bare.runAndReadAll(sql);
    return { ok: true, rows: reader.currentRowCount };
  } catch (error) {
    return { ok: false, duckdbClass: CLASS.exec((error as Error).message)?.[1] ?? (error as Error).message };
  }
}

async function mirante(sql: string): Promise<Outcome> {
  try {
    let rows = 0;
    for await (const statement of engine.execute({ sql, queryId: nextQueryId() })) {
      for await (const chunk of statement.chunks) rows += chunk.rowCount;
    }
    return { ok: true, rows };
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    return { ok: false, duckdbClass: CLASS.exec(error.detail.message)?.[1] ?? error.detail.message, code: error.detail.code };
  }
}

async function sameAsDuckDB(literal: string): Promise<void> {
  const sql = `select ${literal} as v`;
  const expected = await bareOutcome(sql);
  const got = await mirante(sql);
  if (expected.ok) {
    expect(got, sql).toEqual(expected);
  } else {
    expect(got, sql).toMatchObject({ ok: false, duckdbClass: expected.duckdbClass });
    expect(['not_allowed', 'internal'], sql).not.toContain(got.ok ? undefined : got.code);
  }
}

/** The literals of DuckDB's own tests that once tripped readers of the parse tree, and their kin. */
const LITERALS = [
  '1e309', '-1e309', '1e-400', '1.7976931348623157e308', '5e-324', '123456789012345678901234567890',
  '99999999999999999999999999999999999999.9', '0.00000000000000000000000000000000000000000001',
  '340282366920938463463374607431768211455::uhugeint', '-170141183460469231731687303715884105727::hugeint',
  "'12345678901234567890123456789012345678901234567890'::bignum",
  '-0.0', "'-0.0'::double", "'nan'::double", "'-nan'::double", "'inf'::double", "'-infinity'::float", '1_000_000', '.5', '5.', '1E+5',
  "'\\xAA\\x00\\xFF'::blob", "'a\\x00b'::blob", "'\\\\x41'::blob",
  "E'a\\nb\\tc\\\\'", "E'\\''", "E'\\x41\\u00e9'", "E'\\0'", "U&'d\\0061t\\+000061'",
  `$$dollar 'quoted' "x" $$`, '$tag$x $$ y$tag$', `'it''s "quoted" \\ back'`, "'Infinity NaN -Infinity'", `'{"a": Infinity}'`,
  "'\\u0000'", "'a' || chr(0) || 'b'", `'${'x'.repeat(200_000)}'`, "'ação 😀 \uFFFD'", "'a\u0000b'", "'\u0001\u001f\u007f'",
  "interval '2562047788 hours'", "interval '1 year 2 months 3 days'", "interval '-1 microsecond'", 'interval 3 day', 'to_years(2147483647)',
  "date 'infinity'", "date '-infinity'", "timestamp 'epoch'", "timestamp 'infinity'", "date '5877642-06-25 (BC)'", "'294247-01-10'::timestamp",
  "timestamptz '2020-01-01 00:00:00+03'", "time '24:00:00'", "'12:00:00+05'::timetz", "'1.5'::decimal(38,37)", "'0101'::bit",
  "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", `'{"a":1, "b": [1e400]}'::json`, "'x'::enum('x')", "'POINT(1 2)'::geometry", '1::variant',
  '[[1, 2], [3], [], null]', "{'a': [1, 2], 'Infinity': 1e309}", "MAP {'k': [1.5, 'nan'::double]}", 'map([1], [2])', '[1, 2]::int[2]',
  'union_value(a := 1)', "row(1, 'x', [null])", "[1e309, -1e309, 'nan'::double]", 'NULL', 'NULL::int[]',
  `${'['.repeat(300)}1${']'.repeat(300)}`, `${"{'a': ".repeat(200)}1${'}'.repeat(200)}`,
  `1 in (${Array.from({ length: 20_000 }, (_, i) => i).join(', ')})`,
];

describe('literals DuckDB accepts pass the reference gate', () => {
  it.each(LITERALS.map((literal) => [literal.length > 80 ? `${literal.slice(0, 60)}… (${literal.length} characters)` : literal, literal]))(
    '%s',
    async (_label, literal) => {
      await sameAsDuckDB(literal);
    },
  );

  // Random literals, nested: numbers of any size and exponent, text with any characters
  // (quotes, backslashes, NUL, emoji) as plain, E'' and dollar-quoted strings, blobs from any
  // bytes, and lists, structs, maps and rows of them.
  const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const number = fc.oneof(
    fc.double().map((x) => (Number.isNaN(x) ? "'nan'::double" : Number.isFinite(x) ? String(x) : `'${x}'::double`)),
    fc.bigInt({ min: -(2n ** 140n), max: 2n ** 140n }).map(String),
    fc.tuple(fc.stringMatching(/^[0-9]{1,45}$/), fc.stringMatching(/^[0-9]{1,45}$/)).map(([a, b]) => `${a}.${b}`),
    fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => `${m}e${e}`),
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map(quoted),
    fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('$')).map((s) => `$$${s}$$`),
    fc.array(fc.constantFrom('a', 'é', "\\'", '\\\\', '\\n', '\\t', '\\x41', '\\101', '\\u00e9', '"', 'Infinity'), { maxLength: 10 }).map((parts) => `E'${parts.join('')}'`),
    fc.uint8Array({ maxLength: 20 }).map((bytes) => `'${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'::blob`),
  );
  const special = fc.constantFrom(
    "date 'infinity'", "timestamp '-infinity'", "interval '2562047788 hours'", "'-nan'::double", 'NULL', 'true', "'x'::enum('x')",
    "'0101'::bit", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", "timestamptz '1969-12-31 21:00:00-03'",
  );
  const { literal } = fc.letrec<{ literal: string; nested: string }>((tie) => ({
    literal: fc.oneof({ depthSize: 'small', withCrossShrink: true }, number, text, special, tie('nested')),
    nested: fc.oneof(
      fc.array(tie('literal'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(fc.string({ maxLength: 8 }), tie('literal')), { minLength: 1, maxLength: 3 }).map(
        (fields) => `{${fields.map(([key, value], i) => `${quoted(`${key}${i}`)}: ${value}`).join(', ')}}`,
      ),
      fc.tuple(tie('literal'), tie('literal')).map(([key, value]) => `MAP {${key}: ${value}}`),
      fc.array(tie('literal'), { minLength: 1, maxLength: 3 }).map((items) => `row(${items.join(', ')})`),
      tie('literal').map((value) => `(${value})::varchar`),
    ),
  }));

  it('random nested literals', async () => {
    await fc.assert(fc.asyncProperty(literal, sameAsDuckDB), { numRuns: 150 });
  }, 300_000);
});
