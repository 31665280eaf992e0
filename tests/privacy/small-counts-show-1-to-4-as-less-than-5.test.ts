// Small-count suppression, column by column: which columns are counts (integer types only, by
// the names the README lists, in any case), which values hide (1 to 4: not 0, not 5, not
// negative numbers, not NULL), and the same rule in the SQL an export runs.
import { describe, expect, it } from 'vitest';
import { SMALL_COUNT_LABEL, countColumnsToSuppress, suppressSmallCount, suppressSmallCountsSql } from '../../main/core/privacy/small-counts.ts';
import { useMemoryDuckDB } from '../support/memory-duckdb.ts';

const duckdb = useMemoryDuckDB();

const COUNT_NAMES = ['n', 'N', 'count', 'COUNT', 'count_star()', 'n_pessoas', 'N_Familias', 'qtd', 'qtde_vagas', 'QTD', 'quantidade', 'quantidade_total', 'total', 'total_alertas', 'contagem', 'contagem_bairro', 'num_', 'num_filhos'];
const OTHER_NAMES = ['nome', 'numero', 'num', 'bairro', 'ano', 'n2', 'xn_', 'subtotal', 'a_total', 'counter', 'nn', 'en', 'count_star', 'contagen'];
const INTEGER_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'bigint', ' BIGINT '];
const OTHER_TYPES = ['DOUBLE', 'FLOAT', 'DECIMAL(14,2)', 'VARCHAR', 'DATE', 'BIGINT[]', 'INTEGER2', 'XINTEGER'];

describe('which columns are counts', () => {
  it('with true: every integer column named like a count, and nothing else', () => {
    for (const name of COUNT_NAMES) expect(countColumnsToSuppress([{ name, type: 'BIGINT' }], true), name).toEqual([0]);
    for (const name of OTHER_NAMES) expect(countColumnsToSuppress([{ name, type: 'BIGINT' }], true), name).toEqual([]);
    for (const type of INTEGER_TYPES) expect(countColumnsToSuppress([{ name: 'n', type }], true), type).toEqual([0]);
    for (const type of OTHER_TYPES) expect(countColumnsToSuppress([{ name: 'n', type }], true), type).toEqual([]);
  });

  it('with a list: exactly the listed integer columns, in any case, wherever they are', () => {
    const columns = [
      { name: 'bairro', type: 'VARCHAR' },
      { name: 'Cdas', type: 'BIGINT' },
      { name: 'n_pessoas', type: 'INTEGER' },
      { name: 'saldo', type: 'DECIMAL(14,2)' },
      { name: 'vagas', type: 'SMALLINT' },
    ];
    expect(countColumnsToSuppress(columns, ['cdas', 'VAGAS', 'saldo', 'bairro', 'nao_existe'])).toEqual([1, 4]);
    expect(countColumnsToSuppress(columns, [])).toEqual([]);
    expect(countColumnsToSuppress(columns, true)).toEqual([2]);
    expect(countColumnsToSuppress(columns, false)).toEqual([]);
    expect(countColumnsToSuppress(columns, undefined)).toEqual([]);
  });
});

describe('which values hide', () => {
  it('1 to 4 as "<5"; 0, 5 and up, negatives and NULL as they are, for numbers and bigints', () => {
    expect(SMALL_COUNT_LABEL).toBe('<5');
    expect([-1, 0, 1, 2, 3, 4, 5, 6, 1000].map((v) => suppressSmallCount(v))).toEqual([-1, 0, '<5', '<5', '<5', '<5', 5, 6, 1000]);
    expect([-1n, 0n, 1n, 4n, 5n, 10n ** 30n].map((v) => suppressSmallCount(v))).toEqual([-1n, 0n, '<5', '<5', 5n, 10n ** 30n]);
    expect(suppressSmallCount(null)).toBeNull();
  });

  it('the SQL an export runs hides the same values and keeps every column, name and order', async () => {
    await duckdb.connection.run(`CREATE TABLE contagens AS SELECT * FROM (VALUES
      ('a', -1, 1::BIGINT, 0.5), ('b', 0, 4, 1.5), ('c', 1, 5, 2.5), ('d', 4, NULL, 3.5), ('e', 5, 2, 4.5), ('f', NULL, 100, 5.5)) t("Bairro", n, "Total Geral", valor)`);
    const columns = [
      { name: 'Bairro', type: 'VARCHAR' },
      { name: 'n', type: 'INTEGER' },
      { name: 'Total Geral', type: 'BIGINT' },
      { name: 'valor', type: 'DECIMAL(2,1)' },
    ];
    const reader = await duckdb.connection.runAndReadAll(`${suppressSmallCountsSql('contagens', columns, true)} ORDER BY 1`);
    expect(reader.columnNames()).toEqual(['Bairro', 'n', 'Total Geral', 'valor']);
    expect(reader.getRowsJS().map((row) => row.slice(0, 3))).toEqual([
      ['a', '-1', '<5'],
      ['b', '0', '<5'],
      ['c', '<5', '5'],
      ['d', '<5', null],
      ['e', '5', '<5'],
      ['f', null, '100'],
    ]);
    const untouched = await duckdb.connection.runAndReadAll(`${suppressSmallCountsSql('contagens', columns, false)} ORDER BY 1`);
    expect(untouched.getRowsJS()[0]?.slice(0, 3)).toEqual(['a', -1, 1n]);
    expect(suppressSmallCountsSql('contagens', [], true)).toBe('SELECT * FROM contagens');
  });
});
