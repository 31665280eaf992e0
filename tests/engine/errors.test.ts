// Errors as data: DuckDB's message as DuckDB prints it (its class first) without the JSON
// wrapper, a code, and line and column in the whole script (UTF-16 columns, as an editor
// counts), whatever the accents and emoji.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/core/engine/engine.ts';
import { lineColumnAt, toUtf16Index } from '../../main/core/engine/positions.ts';
import { errorCodeFor, parseDuckDBError } from '../../main/core/engine/errors.ts';
import { createFixture, errorOf, useFixtureEngine } from './fixture.ts';
import type { Fixture } from './fixture.ts';

let fixture: Fixture;
let engine: Engine;
useFixtureEngine((opened) => ({ fixture, engine } = opened));

/** Line and column (1-based, UTF-16) of the first occurrence of `needle`. */
function whereIs(script: string, needle: string): { line: number; column: number } {
  const index = script.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in script`);
  return lineColumnAt(script, index);
}

describe('error positions', () => {
  it('binder error after accented text', async () => {
    const sql = "select 'ação', 'coração'\nfrom pessoa where nãoexiste = 1";
    const error = await errorOf(engine, { sql });
    expect(error).toMatchObject({ code: 'binder', statementIndex: 0, ...whereIs(sql, 'nãoexiste') });
    expect(error).toMatchObject({ line: 2, column: 19 });
    expect(error.message).toMatch(/^Binder Error: Referenced column "nãoexiste" not found/);
    expect(error.message).not.toContain('{');
  });

  it('parser error after accented text', async () => {
    const sql = "select 'ação', 'coração'\nfrom pessoa whre nome = 1";
    const error = await errorOf(engine, { sql });
    expect(error).toMatchObject({ code: 'syntax', statementIndex: 0, ...whereIs(sql, 'nome =') });
    expect(error.message).toBe('Parser Error: syntax error at or near "nome"');
  });

  it('binder error in the third statement, after accents and an emoji', async () => {
    const sql = "select 'ação 😀';\nselect 'coração';\nselect '🎉', nãoexiste from pessoa";
    const error = await errorOf(engine, { sql });
    expect(error).toMatchObject({ code: 'binder', statementIndex: 2, ...whereIs(sql, 'nãoexiste') });
    expect(error).toMatchObject({ line: 3, column: 14 }); // the emoji counts two UTF-16 units
  });

  it('parser error in the third statement, after an emoji', async () => {
    const sql = "select '😀 ação';\nselect 2;\nselect 'é' frm pessoa x y";
    const error = await errorOf(engine, { sql });
    expect(error).toMatchObject({ code: 'syntax', statementIndex: 2, ...whereIs(sql, 'pessoa x') });
    expect(error.message).toBe('Parser Error: syntax error at or near "pessoa"');
  });

  it('unknown table: binder code with candidates', async () => {
    const error = await errorOf(engine, { sql: "select 'ã' from pesoa" });
    expect(error).toMatchObject({ code: 'binder', line: 1, column: 17, candidates: ['pessoa'] });
  });

  it('conversion of the data is a data error', async () => {
    const error = await errorOf(engine, { sql: "select nome::INTEGER from pessoa" });
    expect(error.code).toBe('data');
    expect(error.message).toMatch(/^Conversion Error: Could not convert string/);
  });

  it('an empty script is a clear error', async () => {
    for (const sql of ['', '   \n', '-- só um comentário', ';;']) {
      const error = await errorOf(engine, { sql });
      expect(error).toEqual({ code: 'syntax', message: 'A consulta está vazia: escreva ao menos uma instrução SELECT.' });
    }
  });
});

describe('resource and data failures', () => {
  it('running out of memory is out_of_memory, and the engine keeps answering', async () => {
    const small = await Engine.open({ dataDir: fixture.dataDir, tempRoot: fixture.tempRoot, threads: 2, memoryLimit: '64MB' });
    try {
      const error = await errorOf(small, { sql: 'select list(range) from range(100000000)' });
      expect(error.code).toBe('out_of_memory');
      expect(error.message).toMatch(/^Out of Memory Error: failed to allocate/);
      expect(await errorOf(small, { sql: 'select nãoexiste' })).toMatchObject({ code: 'binder' });
    } finally {
      await small.close();
    }
  });

  it('a truncated Parquet file fails the open with a data error naming the table', async () => {
    const broken = await createFixture();
    try {
      const file = path.join(broken.dataDir, 'snapshots', '2026-09-30', 'pessoa.parquet');
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, bytes.length - 20));
      await expect(Engine.open({ dataDir: broken.dataDir, tempRoot: broken.tempRoot })).rejects.toMatchObject({
        detail: { code: 'data', message: expect.stringMatching(/^Não foi possível ler a tabela pessoa do snapshot 2026-09-30: No magic bytes/) },
      });
    } finally {
      await broken.cleanup();
    }
  });
});

describe('position units', () => {
  const script = "a'😀é'\nzz";
  it('counts code points for the parser and UTF-8 bytes for the rest', () => {
    const zz = script.indexOf('zz');
    expect(toUtf16Index(script, [...script.slice(0, zz)].length, 'codePoints')).toBe(zz);
    expect(toUtf16Index(script, Buffer.byteLength(script.slice(0, zz)), 'utf8Bytes')).toBe(zz);
    expect(lineColumnAt(script, zz)).toEqual({ line: 2, column: 1 });
    // An offset inside a multi-byte character rounds down to its start.
    expect(toUtf16Index(script, 3, 'utf8Bytes')).toBe(2);
  });

  it('maps DuckDB exception types to codes', () => {
    expect(errorCodeFor('Parser')).toBe('syntax');
    expect(errorCodeFor('Binder')).toBe('binder');
    expect(errorCodeFor('Catalog')).toBe('binder');
    expect(errorCodeFor('Permission')).toBe('not_allowed');
    expect(errorCodeFor('INTERRUPT', 'timeout')).toBe('timeout');
    expect(errorCodeFor('Out of Memory')).toBe('out_of_memory');
    expect(errorCodeFor('IO')).toBe('data');
    expect(errorCodeFor('Invalid Input')).toBe('data');
    expect(errorCodeFor('Something New')).toBe('internal');
  });

  it('reads JSON errors and plain ones', () => {
    expect(
      parseDuckDBError(new Error('Failed to extract statements: Parser Error: {"exception_type":"Parser","exception_message":"syntax error at or near \\"x\\"","position":"34"}')),
    ).toEqual({ type: 'Parser', message: 'syntax error at or near "x"', position: 34, candidates: [] });
    expect(parseDuckDBError(new Error('Invalid Input Error: Values were not provided for: a'))).toEqual({
      type: 'Invalid Input',
      message: 'Values were not provided for: a',
    });
  });
});
