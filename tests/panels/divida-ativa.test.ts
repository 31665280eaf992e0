// The debt panel on a hand-made registry: the stock, the year's recovery, prescription risk
// at 54 months, masking and the filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from './support/mini-registry.ts';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { runPanelCell } from './support/panel.ts';

function cda(cda: string, contribuinte_id: number, tributo: string, situacao: string, saldo: string, extra: Row = {}): Row {
  return { cda, contribuinte_id, tributo, situacao, saldo, exercicio: 2021, data_inscricao: '2023-01-10', ...extra };
}

describe('divida-ativa', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    mini = await openMiniRegistry({
      '2026-10-31': {
        pessoa: [
          { pessoa_id: 1, cpf: '12345678901', nome: 'João Pedro Alves', bairro: 'Vila Natal' },
          { pessoa_id: 2, cpf: '98765432100', nome: 'Ana Lima Costa', bairro: 'Socorro' },
        ],
        contribuinte: [
          { contribuinte_id: 1, tipo: 'PF', pessoa_id: 1, nome: 'João Pedro Alves' },
          { contribuinte_id: 2, tipo: 'PJ', cnpj: '11222333000181', nome: 'Padaria Central Ltda' },
          { contribuinte_id: 3, tipo: 'PF', pessoa_id: 2, nome: 'Ana Lima Costa' },
        ],
        imovel: [{ inscricao_imobiliaria: 'I1', contribuinte_id: 1, bairro: 'Centro' }],
        divida_ativa: [
          // Inscribed exactly 54 months before the reference date: not yet at risk.
          cda('A', 1, 'IPTU', 'aberta', '100.10', { inscricao_imobiliaria: 'I1', data_inscricao: '2022-04-30', exercicio: 2021 }),
          // 54 months and one day: at risk.
          cda('B', 1, 'IPTU', 'aberta', '200.20', { inscricao_imobiliaria: 'I1', data_inscricao: '2022-04-29', exercicio: 2021 }),
          cda('C', 2, 'ISS', 'parcelada', '300.30', { data_inscricao: '2020-01-01', exercicio: 2019 }),
          cda('D', 2, 'ISS', 'ajuizada', '400.40', { data_inscricao: '2020-01-01', exercicio: 2019 }),
          cda('E', 3, 'taxa_lixo', 'protestada', '500.50', { exercicio: 2022 }),
          // Closed situations with a (wrong) balance: never part of the stock.
          cda('F', 1, 'IPTU', 'quitada', '1000.00'),
          cda('G', 2, 'ISS', 'cancelada', '2000.00'),
          cda('H', 3, 'IPTU', 'prescrita', '4000.00', { data_inscricao: '2015-01-01' }),
        ],
        pagamento: [
          { pagamento_id: 1, cda: 'A', data_pagamento: '2026-01-01', valor: '50.00' },
          { pagamento_id: 2, acordo_id: 1, data_pagamento: '2026-10-31', valor: '25.00' },
          { pagamento_id: 3, cda: 'C', data_pagamento: '2026-03-01', valor: '10.00' },
          { pagamento_id: 4, cda: 'B', data_pagamento: '2025-12-31', valor: '1000.00' }, // last year
          { pagamento_id: 5, cda: 'B', data_pagamento: '2026-11-01', valor: '3000.00' }, // after the reference date
        ],
        parcelamento: [
          { acordo_id: 1, contribuinte_id: 2, num_parcelas: 10, parcelas_pagas: 4, valor_total: '1000.00', situacao: 'atrasado' },
          { acordo_id: 2, contribuinte_id: 3, num_parcelas: 5, parcelas_pagas: 1, valor_total: '500.00', situacao: 'em_dia' },
        ],
      },
    });
  });
  afterAll(() => mini.close());

  it('estoque sums only open situations and recovers only the reference year up to the reference date', async () => {
    const rows = await runPanelCell(mini.session, 'divida-ativa', 'estoque');
    expect(rows).toEqual([{ saldo_total: '1501.50', cdas: '5', devedores: '3', recuperado_ano: '85.00' }]);
  });

  it('filters by tributo and saldo_minimo, and NULL parameters return everything', async () => {
    const iss = await runPanelCell(mini.session, 'divida-ativa', 'estoque', { params: { tributo: 'ISS' } });
    expect(iss).toEqual([{ saldo_total: '700.70', cdas: '2', devedores: '1', recuperado_ano: '10.00' }]);
    const big = await runPanelCell(mini.session, 'divida-ativa', 'estoque', { params: { saldo_minimo: 300.3 } });
    expect(big[0]).toMatchObject({ saldo_total: '1201.20', cdas: '3', devedores: '2' });
    const all = await runPanelCell(mini.session, 'divida-ativa', 'estoque', { params: { tributo: null, bairro: null, saldo_minimo: null } });
    expect(all[0]).toMatchObject({ saldo_total: '1501.50', cdas: '5' });
  });

  it('groups the stock by tributo, situacao and bairro (imovel, else where the person lives)', async () => {
    expect(await runPanelCell(mini.session, 'divida-ativa', 'por_tributo')).toEqual([
      { tributo: 'ISS', saldo: '700.70', cdas: '2' },
      { tributo: 'taxa_lixo', saldo: '500.50', cdas: '1' },
      { tributo: 'IPTU', saldo: '300.30', cdas: '2' },
    ]);
    const situacoes = await runPanelCell(mini.session, 'divida-ativa', 'por_situacao');
    expect(situacoes.map((row) => row.situacao).sort()).toEqual(['aberta', 'ajuizada', 'parcelada', 'protestada']);
    expect(await runPanelCell(mini.session, 'divida-ativa', 'por_bairro')).toEqual([
      { bairro: 'Não informado', saldo: '700.70', cdas: '2' },
      { bairro: 'Socorro', saldo: '500.50', cdas: '1' },
      { bairro: 'Centro', saldo: '300.30', cdas: '2' },
    ]);
    const socorro = await runPanelCell(mini.session, 'divida-ativa', 'estoque', { params: { bairro: 'Socorro' } });
    expect(socorro[0]).toMatchObject({ saldo_total: '500.50', cdas: '1' });
    const exercicios = await runPanelCell(mini.session, 'divida-ativa', 'por_exercicio');
    expect(exercicios.map((row) => [row.exercicio, row.saldo])).toEqual([['2019', '700.70'], ['2021', '300.30'], ['2022', '500.50']]);
  });

  it('lists the top debtors with masked identifiers', async () => {
    const rows = await runPanelCell(mini.session, 'divida-ativa', 'maiores_devedores');
    expect(rows.map((row) => [row.contribuinte_id, row.saldo])).toEqual([['2', '700.70'], ['3', '500.50'], ['1', '300.30']]);
    const joao = rows.find((row) => row.contribuinte_id === '1');
    expect(joao).toMatchObject({ documento: '***.456.789-**', nome: 'J. P. A.' });
    expect(JSON.stringify(rows)).not.toMatch(/12345678901|98765432100|11222333000181|João|Ana Lima/);
  });

  it('risco_prescricao keeps open CDAs inscribed more than 54 months before the reference date', async () => {
    expect(await runPanelCell(mini.session, 'divida-ativa', 'risco_prescricao')).toEqual([
      { cda: 'B', contribuinte_id: '1', tributo: 'IPTU', saldo: '200.20', data_inscricao: '2022-04-29' },
    ]);
  });

  it('acordos_atrasados lists only late agreements', async () => {
    const rows = await runPanelCell(mini.session, 'divida-ativa', 'acordos_atrasados');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ acordo_id: '1', contribuinte_id: '2', saldo_acordo: '600.00' });
  });
});
