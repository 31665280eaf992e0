// The catalog and the dictionary: row counts, DuckDB types, descriptions, owners, privacy,
// and the same descriptions as DuckDB comments on the views and their columns.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/engine/engine.ts';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';
import { useFixtureEngine, NEW_PESSOAS, OLD_DATE, OLD_PESSOAS, rowsOf } from '../engine/fixture.ts';

let engine: Engine;
useFixtureEngine((opened) => ({ engine } = opened));

describe('catalog', () => {
  it('lists tables with row counts, types and the dictionary', async () => {
    const tables = await engine.catalog();
    expect(tables.map((table) => [table.name, table.rowCount])).toEqual([
      ['familia', NEW_PESSOAS * 2],
      ['pessoa', NEW_PESSOAS],
    ]);
    const pessoa = tables.find((table) => table.name === 'pessoa');
    expect(pessoa?.description).toBe('Pessoa resolvida do cadastro unificado (uma por cidadão)');
    expect(pessoa?.columns).toEqual([
      {
        name: 'pessoa_id',
        type: 'BIGINT',
        description: 'Chave única da pessoa no cadastro unificado',
        owner: 'Cadastro Unificado',
        privacy: 'publico',
      },
      { name: 'nome', type: 'VARCHAR', description: 'Nome civil', owner: 'Cadastro Unificado', privacy: 'identificador' },
      { name: 'data_nascimento', type: 'DATE' },
      { name: 'bairro', type: 'VARCHAR' },
      { name: 'raca_cor', type: 'VARCHAR', description: 'Raça/cor (IBGE)', owner: 'Saúde', privacy: 'sensivel' },
    ]);
  });

  it('counts the chosen snapshot', async () => {
    const tables = await engine.catalog(OLD_DATE);
    expect(tables.find((table) => table.name === 'pessoa')?.rowCount).toBe(OLD_PESSOAS);
  });

  it('puts the descriptions on the views as DuckDB comments', async () => {
    expect(
      await rowsOf(engine, "select comment from duckdb_views() where schema_name = 's_2026_10_31' and view_name = 'pessoa'"),
    ).toEqual([['Pessoa resolvida do cadastro unificado (uma por cidadão)']]);
    expect(
      await rowsOf(
        engine,
        `select column_name, comment from duckdb_columns()
         where schema_name = 's_2026_09_30' and table_name = 'pessoa' order by column_index`,
      ),
    ).toEqual([
      ['pessoa_id', 'Chave única da pessoa no cadastro unificado'],
      ['nome', 'Nome civil'],
      ['data_nascimento', null],
      ['bairro', null],
      ['raca_cor', 'Raça/cor (IBGE)'],
    ]);
  });
});

describe('dictionary', () => {
  it('reads tables and columns with Portuguese keys', () => {
    const dictionary = parseDictionary(`versao: 1
tabelas:
  escola:
    descricao: Escolas municipais
    dono: Educação
    colunas:
      nome: { tipo: VARCHAR, descricao: Nome da escola, dono: Educação, privacidade: publico }
`);
    expect(dictionary.tables.get('escola')).toEqual({
      description: 'Escolas municipais',
      owner: 'Educação',
      columns: new Map([['nome', { type: 'VARCHAR', description: 'Nome da escola', owner: 'Educação', privacy: 'publico' }]]),
    });
  });

  it('an empty file is an empty dictionary', () => {
    expect(parseDictionary('').tables.size).toBe(0);
  });

  it('refuses an unknown privacy class, naming the column', () => {
    expect(() =>
      parseDictionary('tabelas:\n  pessoa:\n    colunas:\n      cpf: { privacidade: secreto }\n'),
    ).toThrow(/pessoa\.cpf: privacidade inválida: secreto/);
  });

  it('refuses malformed YAML as a data error', () => {
    expect(() => parseDictionary('tabelas: [')).toThrow(expect.objectContaining({ detail: expect.objectContaining({ code: 'data' }) }));
  });
});
