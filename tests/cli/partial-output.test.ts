// What a script can rely on when a query fails while it runs (README, "The `mirante` command"):
// the exit status says whether the output is complete (0) or not (1, the error on standard
// error, nothing more on standard output); the statements before the failing one stay whole,
// and one that fails before its first rows leaves nothing; a file given with --out appears
// only when everything succeeded.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const data = inject('sampleRegistryDir');
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-partial-'));
});

// DuckDB streams 2,048 rows a chunk: the first chunks succeed, a later one fails.
const FAILS_LATE = "select i, case when i = 5000 then error('quebrou') end as x from range(6000) t(i)";

describe('a query that fails after its first rows', () => {
  it.each(['csv', 'table'])('writes nothing of it to standard output (%s) and exits 1', async (format) => {
    const result = await runCli(['query', FAILS_LATE, '--data', data, '--format', format]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Erro: Invalid Input Error: quebrou\n$/);
  });

  it('keeps the statements before it whole, and nothing of the failing one', async () => {
    const result = await runCli(['query', `select 1 as a; select 2 as b; ${FAILS_LATE}`, '--data', data, '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('a\r\n1\r\n\nb\r\n2\r\n');
  });

  // @duckdb/node-api 1.5.6-r.1 ends a stream DuckDB stopped with an error (here at row 200,000,
  // after its first buffered chunks) like a finished one; the engine tells them apart
  // (engine/query.ts, ensureStreamEnded) and reports DuckDB's own error.
  it('a DuckDB error deep into a streamed result still exits 1, with DuckDB\'s message', async () => {
    const sql = "select i, case when i = 200000 then error('quebrou') end as x from range(250000) t(i)";
    const result = await runCli(['query', sql, '--data', data, '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid Input Error: quebrou/);
  });

  it('leaves no --out file when a later statement fails', async () => {
    const target = path.join(outDir, 'duas.csv');
    const result = await runCli(['query', `select 1 as a; ${FAILS_LATE}`, '--data', data, '--format', 'csv', '--out', target]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(existsSync(target)).toBe(false);
    expect(await readdir(outDir)).toEqual([]);
  });

  it('a query that succeeds is written whole, as before', async () => {
    const result = await runCli(['query', 'select 1 as a; select i from range(5000) t(i)', '--data', data, '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`a\r\n1\r\n\ni\r\n${Array.from({ length: 5000 }, (_, i) => `${i}\r\n`).join('')}`);
  });
});
