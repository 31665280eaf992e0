// Errors keep DuckDB's class, printed as DuckDB prints it (`Conversion Error: …`), and each
// class has one stable code. One real query per class a read-only session can reach, run
// through the runner the command line uses (role, audit, time limit), then through the
// real `mirante query` for a few, where the class must show on standard error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import type { ApiError, ErrorCode } from '../../main/core/api/index.ts';
import { errorCodeFor } from '../../main/core/engine/errors.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { runCli } from '../support/run-cli.ts';
import { createFixture, type Fixture } from './fixture.ts';

/** [DuckDB's class as it prints it, the code, a query that raises it, the start of DuckDB's message]. */
const CLASSES: [string, ErrorCode, string, string][] = [
  ['Parser', 'syntax', 'selec 1', 'syntax error at or near "selec"'],
  ['Syntax', 'syntax', "select 'a' like 'a' escape 'ab'", 'Invalid escape string'],
  ['Binder', 'binder', 'select nãoexiste from pessoa', 'Referenced column "nãoexiste" not found'],
  ['Catalog', 'binder', 'select * from pesoa', 'Table with name pesoa does not exist'],
  ['Mismatch Type', 'binder', 'select (1, 2)::struct(a int)', 'Type STRUCT(INTEGER, INTEGER) does not match'],
  ['Conversion', 'data', "select 'x'::int", "Could not convert string 'x' to INT32"],
  ['Out of Range', 'data', 'select 127::tinyint + 1::tinyint', 'Overflow in addition of INT8'],
  ['Invalid Input', 'data', "select error('quebrou')", 'quebrou'],
  ['Not implemented', 'not_implemented', 'select array_length([1], 2)', 'array_length for lists with dimensions other than 1'],
  ['Parameter Not Allowed', 'parameter', 'select list_reduce([], (x, y) -> x + y)', 'Cannot perform list_reduce on an empty input list'],
];

let fixture: Fixture;
let session: QuerySession;

beforeAll(async () => {
  fixture = await createFixture();
  session = await openQuerySession({ dataDir: fixture.dataDir, tempRoot: fixture.tempRoot, threads: 2 });
});

afterAll(async () => {
  await session?.close();
  await fixture?.cleanup();
});

/** The error a free query fails with, through the runner the CLI and the UI share. */
async function errorOfQuery(sql: string): Promise<ApiError> {
  try {
    for await (const statement of session.runner.statements({ action: 'query', source: { kind: 'free' }, sql, queryId: `q${Math.random()}` })) {
      for await (const chunk of statement.chunks) void chunk;
    }
  } catch (error) {
    if (error instanceof WorkbenchError) return error.detail;
    throw error;
  }
  throw new Error(`expected an error from: ${sql}`);
}

describe("DuckDB's error classes", () => {
  it.each(CLASSES)('%s Error keeps its class and gets the code %s', async (duckdbClass, code, sql, start) => {
    const error = await errorOfQuery(sql);
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${duckdbClass} Error: ${start}`), error.message).toBe(true);
    expect(error.message).not.toContain('{');
  });

  it('gives each class DuckDB has one code; only DuckDB\'s own INTERNAL and FATAL (and unknown ones) are internal', () => {
    const codes: Record<string, ErrorCode> = {
      'Parser': 'syntax', 'Syntax': 'syntax',
      'Binder': 'binder', 'Catalog': 'binder', 'Mismatch Type': 'binder', 'Unknown Type': 'binder', 'Dependency': 'binder',
      'Expression': 'binder', 'Planner': 'binder',
      'Conversion': 'data', 'Out of Range': 'data', 'Invalid Input': 'data', 'IO': 'data', 'Constraint': 'data',
      'Invalid type': 'data', 'Serialization': 'data', 'Decimal': 'data', 'Divide by Zero': 'data', 'Object Size': 'data',
      'Sequence': 'data', 'HTTP': 'data', 'Executor': 'data',
      'Not implemented': 'not_implemented',
      'Parameter Not Allowed': 'parameter', 'Parameter Not Resolved': 'parameter',
      'Permission': 'not_allowed', 'Missing Extension': 'not_allowed', 'Extension Autoloading': 'not_allowed',
      'Settings': 'not_allowed', 'Invalid Configuration': 'not_allowed', 'TransactionContext': 'not_allowed',
      'Out of Memory': 'out_of_memory',
      'INTERNAL': 'internal', 'FATAL': 'internal', 'Something New': 'internal',
    };
    for (const [duckdbClass, code] of Object.entries(codes)) expect(errorCodeFor(duckdbClass), duckdbClass).toBe(code);
    expect(errorCodeFor('INTERRUPT')).toBe('cancelled');
    expect(errorCodeFor('INTERRUPT', 'timeout')).toBe('timeout');
  });
});

describe('the command line shows the class', () => {
  const data = inject('sampleRegistryDir');

  it.each([
    ["select 'x'::int", /^Erro \(linha 1, coluna 11\): Conversion Error: Could not convert string 'x' to INT32\n$/],
    ['select array_length([1], 2)', /^Erro: Not implemented Error: array_length for lists/],
    ['select * from pesoa', /^Erro \(linha 1, coluna 15\): Catalog Error: Table with name pesoa does not exist/],
  ])('%s', async (sql, stderr) => {
    const result = await runCli(['query', sql, '--data', data, '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
  });
});
