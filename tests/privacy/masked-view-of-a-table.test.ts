// How a snapshot's table becomes its masked view, checked in a real DuckDB: only the columns
// the dictionary classes `identificador` are replaced, in place (same names, types and order);
// a non-text identifier becomes NULL of its own type; which mask a column gets follows its
// name (cpf, cns, nis, cnpj as a whole word of it, nome anywhere, else a token); the rows of
// `contribuinte` that are a company's keep their name; the raw schemas are named by date.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMaskedView, isRawSchema, maskedSelect, rawSchemaForDate } from '../../main/core/privacy/masked-views.ts';
import { installMaskingKey } from '../../main/core/privacy/masking-key.ts';
import { maskExpression, maskKindFor, publicRowsCondition } from '../../main/core/privacy/masking.ts';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

const DICTIONARY = parseDictionary(`versao: 1
tabelas:
  pessoa:
    colunas:
      pessoa_id: { tipo: BIGINT, privacidade: publico }
      cpf: { tipo: VARCHAR, privacidade: identificador }
      nis_numero: { tipo: BIGINT, privacidade: identificador }
      bairro: { tipo: VARCHAR, privacidade: sensivel }
  contribuinte:
    colunas:
      nome: { tipo: VARCHAR, privacidade: identificador }
`);

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await installMaskingKey(connection);
  await connection.run('CREATE SCHEMA bruto_2026_10_31');
  await connection.run('CREATE SCHEMA mascarado');
  await connection.run(`CREATE TABLE bruto_2026_10_31.pessoa AS SELECT * FROM (VALUES
    (1::BIGINT, '123.456.789-09', 12948006262::BIGINT, 'Centro'),
    (2, NULL, NULL, 'Jundiapeba')) t(pessoa_id, cpf, nis_numero, bairro)`);
  await connection.run(`CREATE TABLE bruto_2026_10_31.contribuinte AS SELECT * FROM (VALUES
    ('PJ', 'Padaria Central Ltda'), ('PF', 'Maria da Silva')) t(tipo, nome)`);
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS();
}

describe('the masked view of a table', () => {
  it('replaces only identifier columns, in place, and a non-text identifier by NULL of its type', async () => {
    await createMaskedView(connection, { rawSchema: 'bruto_2026_10_31', maskedSchema: 'mascarado', table: 'pessoa' }, DICTIONARY.tables.get('pessoa'));
    expect(await rows('SELECT * FROM mascarado.pessoa ORDER BY pessoa_id')).toEqual([
      [1n, '***.456.789-**', null, 'Centro'],
      [2n, null, null, 'Jundiapeba'],
    ]);
    const types = await rows(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'mascarado' AND table_name = 'pessoa' ORDER BY column_index",
    );
    expect(types).toEqual([
      ['pessoa_id', 'BIGINT'],
      ['cpf', 'VARCHAR'],
      ['nis_numero', 'BIGINT'],
      ['bairro', 'VARCHAR'],
    ]);
  });

  it("keeps a company's name in contribuinte, and masks a person's", async () => {
    await createMaskedView(connection, { rawSchema: 'bruto_2026_10_31', maskedSchema: 'mascarado', table: 'contribuinte' }, DICTIONARY.tables.get('contribuinte'));
    expect(await rows('SELECT tipo, nome FROM mascarado.contribuinte ORDER BY tipo')).toEqual([
      ['PF', 'M. S.'],
      ['PJ', 'Padaria Central Ltda'],
    ]);
  });

  it('is the raw table as it is when nothing in it is an identifier, or the dictionary does not know it', () => {
    const columns = [
      { name: 'pessoa_id', type: 'BIGINT' },
      { name: 'bairro', type: 'VARCHAR' },
    ];
    expect(maskedSelect('"b"."pessoa"', 'pessoa', columns, DICTIONARY.tables.get('pessoa'))).toBe('SELECT * FROM "b"."pessoa"');
    expect(maskedSelect('"b"."outra"', 'outra', [{ name: 'cpf', type: 'VARCHAR' }], undefined)).toBe('SELECT * FROM "b"."outra"');
  });

  it('lives in a raw schema named by the date, told apart in any case', () => {
    expect(rawSchemaForDate('2026-10-31')).toBe('bruto_2026_10_31');
    expect(isRawSchema('bruto_2026_10_31')).toBe(true);
    expect(isRawSchema('BRUTO_2026_10_31')).toBe(true);
    expect(isRawSchema('main')).toBe(false);
    expect(isRawSchema('x_bruto_2026')).toBe(false);
  });
});

describe('the mask a column gets', () => {
  it('follows the name: a document number as a whole word of it, a name anywhere, else a token', () => {
    const kinds = Object.fromEntries(
      ['cpf', 'CPF_Mae', 'nr_cpf', 'cpfs', 'cns', 'nis_responsavel', 'cnpj', 'cnpj_empresa', 'nome', 'nome_social', 'apelido', 'cpfcnpj', 'id_origem'].map(
        (name) => [name, maskKindFor(name)],
      ),
    );
    expect(kinds).toEqual({
      cpf: 'cpf',
      CPF_Mae: 'cpf',
      nr_cpf: 'cpf',
      cpfs: 'token',
      cns: 'cns',
      nis_responsavel: 'nis',
      cnpj: 'cnpj',
      cnpj_empresa: 'cnpj',
      nome: 'nome',
      nome_social: 'nome',
      apelido: 'token',
      cpfcnpj: 'token',
      id_origem: 'token',
    });
  });

  it('is NULL of the column’s own type for a non-text identifier, and the text mask for varchar in any case', async () => {
    expect(maskExpression('cpf', 'BIGINT')).toBe('CAST(NULL AS BIGINT)');
    expect(maskExpression('nascimento', 'DATE')).toBe('CAST(NULL AS DATE)');
    expect(await rows(`SELECT ${maskExpression('cpf', 'varchar')} FROM (SELECT '12345678909' AS cpf)`)).toEqual([['***.456.789-**']]);
  });

  it('keeps public rows, checked on the qualified column when asked, and only for the tables that have them', () => {
    expect(publicRowsCondition('contribuinte', ['tipo'], 't.')).toBe(`t."tipo" = 'PJ'`);
    expect(publicRowsCondition('contribuinte', ['tipo', 'mei'])).toBe(`"tipo" = 'PJ' AND "mei" IS NOT TRUE`);
    expect(publicRowsCondition('contribuinte', ['nome', 'mei'])).toBeUndefined();
    expect(publicRowsCondition('pessoa', ['tipo', 'nome'])).toBeUndefined();
  });
});
