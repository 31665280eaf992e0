// One rule says which columns are money (format/money.ts), for the grid, panels, charts and
// spreadsheets alike: the name says so and the type can hold centavos.
import { describe, expect, it } from 'vitest';
import { isMoneyColumn } from '../../main/core/api/money-columns.ts';
import { planColumns } from '../../main/core/export/column-plan.ts';
import { MONEY_FORMAT } from '../../main/core/export/column-plan.ts';
import { openDuckDB, streamToBatches } from '../arrow/support.ts';

describe('money columns', () => {
  it('are named for money and can hold centavos; a count is never money, whatever its name', () => {
    expect(isMoneyColumn('saldo_total', 'DECIMAL(18,2)')).toBe(true);
    expect(isMoneyColumn('recuperado_ano', 'DECIMAL(38,2)')).toBe(true);
    expect(isMoneyColumn('valor_medio', 'DOUBLE')).toBe(true);
    expect(isMoneyColumn('renda_per_capita', 'DECIMAL(10, 2)')).toBe(true);
    expect(isMoneyColumn('saldo', 'BIGINT')).toBe(false);
    expect(isMoneyColumn('saldo', 'INTEGER')).toBe(false);
    expect(isMoneyColumn('valores_pagos', 'HUGEINT')).toBe(false);
    expect(isMoneyColumn('bairro', 'DECIMAL(18,2)')).toBe(false);
    expect(isMoneyColumn('valorizacao', 'DOUBLE')).toBe(false);
    expect(isMoneyColumn('saldo', 'VARCHAR')).toBe(false);
  });

  it('get R$ in a spreadsheet, decimals and doubles alike, and counts do not', async () => {
    const connection = await openDuckDB();
    try {
      const { schema } = await streamToBatches(connection, `select 1.5::decimal(18,2) as recuperado_ano, 2.5::double as valor_medio, 3::bigint as saldo, 4.25::decimal(18,2) as area`);
      expect(planColumns(schema).map((plan) => [plan.name, plan.numFmt ?? null])).toEqual([
        ['recuperado_ano', MONEY_FORMAT],
        ['valor_medio', MONEY_FORMAT],
        ['saldo', null],
        ['area', '#,##0.00'],
      ]);
    } finally {
      connection.closeSync();
    }
  });
});
