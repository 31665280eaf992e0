// The mask expressions and the small-count helper, evaluated by a real DuckDB.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskExpression, publicRowsCondition } from '../../main/core/privacy/masking.ts';
import { installMaskingKey } from '../../main/core/privacy/masking-key.ts';
import { countColumnsToSuppress, suppressSmallCount, suppressSmallCountsSql } from '../../main/core/privacy/small-counts.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await installMaskingKey(connection);
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

async function masked(column: string, values: (string | null)[], publicRows?: string, tipo = 'PF'): Promise<unknown[]> {
  const list = values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ');
  const sql = `SELECT ${maskExpression(column, 'VARCHAR', publicRows)} FROM (SELECT unnest([${list}]::VARCHAR[]) AS "${column}", '${tipo}' AS tipo)`;
  return (await connection.runAndReadAll(sql)).getRowsJS().map((r) => r[0]);
}

describe('masks', () => {
  it('keeps the middle digits of CPF, NIS, CNS and CNPJ, and NULL and blanks as they are', async () => {
    expect(await masked('cpf', ['12345678909', '123.456.789-09', null, ''])).toEqual(['***.456.789-**', '***.456.789-**', null, '']);
    expect(await masked('nis', ['12948006262'])).toEqual(['***.48006.**-*']);
    expect(await masked('cns', ['700000439861807'])).toEqual(['*** 0004 3986 ****']);
    expect(await masked('cnpj_empresa', ['11222333000181'])).toEqual(['**.222.333/****-**']);
  });

  it('reduces names to initials and other identifiers to a stable token', async () => {
    expect(await masked('nome', ['Maria da Silva Oliveira', 'Ágata  de Souza'])).toEqual(['M. S. O.', 'Á. S.']);
    const tokens = await masked('id_origem', ['APS3081821827', 'APS3081821827', 'APS3081821828', '123']);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[0]).not.toBe(tokens[2]);
    expect(tokens.every((t) => /^#[0-9a-f]{16}$/.test(String(t)))).toBe(true);
    // A malformed CPF never shows: it becomes a token too.
    expect(await masked('cpf', ['1234'])).toEqual([expect.stringMatching(/^#[0-9a-f]{16}$/)]);
    // Rows declared public (a company's name) keep their value.
    expect(await masked('nome', ['Padaria Central Ltda'], `"tipo" = 'PJ'`, 'PJ')).toEqual(['Padaria Central Ltda']);
  });

  it("masks an MEI's company name (the owner's name and CPF) while other companies' names stay public", async () => {
    const rows = async (mei: string) => {
      const publicRows = publicRowsCondition('contribuinte', ['tipo', 'nome', 'mei']);
      const sql = `SELECT ${maskExpression('nome', 'VARCHAR', publicRows)} FROM (VALUES
        ('PJ', 'Padaria Central Ltda', ${mei}), ('PJ', 'Maria Souza Lima 12345678909', ${mei}),
        ('PJ', 'Joana Prado 123.456.789-09', false), ('PJ', 'Oficina do Zé', true), ('PF', 'João Alves', NULL)) t(tipo, nome, mei)`;
      return (await connection.runAndReadAll(sql)).getRowsJS().map((r) => r[0]);
    };
    // Flagged or not, a CPF inside the name gives the MEI away; the flag alone is enough too.
    expect(await rows('NULL')).toEqual(['Padaria Central Ltda', 'M. S. L.', 'J. P.', 'O. Z.', 'J. A.']);
    expect(await rows('true')).toEqual(['P. C. L.', 'M. S. L.', 'J. P.', 'O. Z.', 'J. A.']);
  });
});

describe('small counts', () => {
  const columns = [
    { name: 'bairro', type: 'VARCHAR' },
    { name: 'n_pessoas', type: 'BIGINT' },
    { name: 'total_alertas', type: 'INTEGER' },
    { name: 'cdas', type: 'BIGINT' },
    { name: 'total_saldo', type: 'DECIMAL(14,2)' },
  ];

  it('chooses integer count columns by name, or exactly the listed ones', () => {
    expect(countColumnsToSuppress(columns, true)).toEqual([1, 2]);
    expect(countColumnsToSuppress(columns, ['cdas', 'bairro'])).toEqual([3]);
    expect(countColumnsToSuppress(columns, false)).toEqual([]);
    expect([0, 1, 4, 5, null, 3n, 7n].map((v) => suppressSmallCount(v))).toEqual([0, '<5', '<5', 5, null, '<5', 7n]);
  });

  it('rewrites a result in DuckDB with "<5" for counts from 1 to 4', async () => {
    await connection.run(`CREATE OR REPLACE TABLE r AS SELECT * FROM (VALUES ('Centro', 0::BIGINT, 3, 2::BIGINT, 10.5), ('Socorro', 4, 12, 9, 1.0), ('Vila', 5, 1, 1, 2.0)) t(bairro, n_pessoas, total_alertas, cdas, total_saldo)`);
    const sql = suppressSmallCountsSql('r', columns, true);
    const rows = (await connection.runAndReadAll(`${sql} ORDER BY bairro`)).getRowsJS();
    expect(rows).toEqual([
      ['Centro', '0', '<5', 2n, expect.anything()],
      ['Socorro', '<5', '12', 9n, expect.anything()],
      ['Vila', '5', '<5', 1n, expect.anything()],
    ]);
  });
});
