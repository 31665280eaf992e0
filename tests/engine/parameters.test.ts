// Parameters bound by name through the prepared statement, never spliced into the text.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/engine/engine.ts';
import { useFixtureEngine, errorOf, NEW_PESSOAS, rowsOf, runAll } from './fixture.ts';
import type { Fixture } from './fixture.ts';

let fixture: Fixture;
let engine: Engine;
useFixtureEngine((opened) => ({ fixture, engine } = opened));

const INJECTION = "x' or '1'='1";

describe('parameters', () => {
  it('binds an injection string as a value: it matches nothing', async () => {
    const rows = await rowsOf(engine, 'select count(*) from pessoa where nome = $nome', { params: { nome: INJECTION } });
    expect(rows).toEqual([[0]]);
  });

  it('while the same string spliced into the text matches every row (plain instance)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const pessoa = `${fixture.dataDir}/snapshots/2026-10-31/pessoa.parquet`;
      const reader = await connection.runAndReadAll(
        `select count(*)::INTEGER from read_parquet('${pessoa}') where nome = '${INJECTION}'`,
      );
      expect(reader.getColumnsJS()[0]?.[0]).toBe(NEW_PESSOAS);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("says why a text is not the type the statement wants, with DuckDB's error class", async () => {
    const error = await errorOf(engine, { sql: 'select count(*) from pessoa where data_nascimento >= $desde', params: { desde: '31/02/1985' } });
    expect(error).toMatchObject({ code: 'parameter', message: expect.stringMatching(/^Parâmetro \$desde \(instrução 1\): não é um DATE válido: Conversion Error: /) });
  });

  it('binds a text as DATE where the statement wants a DATE', async () => {
    const rows = await rowsOf(engine, 'select count(*) from pessoa where data_nascimento >= $desde', {
      params: { desde: '1985-01-01' },
    });
    // births every 1000 days from 1980-01-01: 1982-09-27, 1985-06-23, ... → 4 on or after 1985
    expect(rows).toEqual([[4]]);
  });

  it('refuses a text that is not a valid DATE as a parameter error naming it', async () => {
    const error = await errorOf(engine, {
      sql: 'select count(*) from pessoa where data_nascimento >= $desde',
      params: { desde: 'ontem' },
    });
    expect(error.code).toBe('parameter');
    expect(error.message).toContain('$desde');
    expect(error.message).toContain('DATE');
  });

  it('binds numbers, bigints, booleans, null and lists', async () => {
    const [result] = await runAll(engine, {
      sql: `select $inteiro + 1 as inteiro, $grande as grande, $fracao * 2 as fracao, $sim as sim, $nada as nada,
              $textos as textos, $numeros as numeros, $decimais as decimais,
              (select count(*) from pessoa where pessoa_id = $id) as achou,
              (select count(*) from pessoa where bairro in (select unnest($bairros))) as bairros`,
      params: {
        inteiro: 41,
        grande: 9_007_199_254_740_993n,
        fracao: 0.25,
        sim: true,
        nada: null,
        textos: ['a', 'b'],
        numeros: [1, 2, 3],
        decimais: [1.5, 2],
        id: 3,
        // Names are masked in the views (identificador): lists bind against a public column.
        bairros: ['Centro', 'Lugar Nenhum'],
      },
    });
    expect(result?.rows).toEqual([[42, 9_007_199_254_740_993n, 0.5, true, null, ['a', 'b'], [1, 2, 3], [1.5, 2], 1, 3]]);
  });

  it('uses the parameter type DuckDB infers for integers (BIGINT column)', async () => {
    const [result] = await runAll(engine, {
      sql: 'select typeof($id) as tipo, count(*) as n from pessoa where pessoa_id = $id',
      params: { id: 2 },
    });
    expect(result?.rows).toEqual([['BIGINT', 1]]);
  });

  it('shares one params object across a script: extra keys are fine, a missing one names it', async () => {
    const results = await runAll(engine, {
      sql: 'select $a as a; select 2 as b; select $b as b',
      params: { a: 'x', b: 7, unused: true },
    });
    expect(results.map((result) => result.rows)).toEqual([[['x']], [[2]], [[7]]]);
    const missing = await errorOf(engine, { sql: 'select 1; select $bairro as b', params: {} });
    expect(missing).toMatchObject({ code: 'parameter', statementIndex: 1 });
    expect(missing.message).toContain('$bairro');
  });

  it('runs nothing when a later statement lacks its parameter', async () => {
    let started = 0;
    await expect(
      (async () => {
        for await (const statement of engine.execute({ sql: 'select 1; select $falta', queryId: 'param-missing' })) {
          started += 1;
          for await (const _chunk of statement.chunks) void _chunk;
        }
      })(),
    ).rejects.toMatchObject({ detail: { code: 'parameter' } });
    expect(started).toBe(0);
  });
});
