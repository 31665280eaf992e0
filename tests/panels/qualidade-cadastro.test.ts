// The registry-quality panel, including the comparison with the previous snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { runPanelCell } from './support/panel.ts';
import { rejection } from '../support/rejection.ts';

describe('qualidade-cadastro', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    const vinculo = [
      { pessoa_id: 1, sistema: 'esus_aps', id_origem: 'S1', metodo: 'cpf', score: 1 },
      { pessoa_id: 1, sistema: 'educacao', id_origem: 'E1', metodo: 'probabilistico', score: 0.72 },
      { pessoa_id: 2, sistema: 'esus_aps', id_origem: 'S2', metodo: 'cns', score: 1 },
      { pessoa_id: 3, sistema: 'tributario', id_origem: 'T3a', metodo: 'cpf', score: 1 },
      { pessoa_id: 3, sistema: 'tributario', id_origem: 'T3b', metodo: 'probabilistico', score: 0.95 },
    ];
    mini = await openMiniRegistry({
      '2026-09-30': {
        pessoa: [
          { pessoa_id: 1, cpf: '11111111111', cns: '111111111111111', data_nascimento: '1980-01-01', atualizado_em: '2026-01-01 10:00:00' },
          { pessoa_id: 2, cns: '222222222222222', data_nascimento: '1990-01-01', atualizado_em: '2026-01-01 10:00:00' },
          { pessoa_id: 3, cpf: '33333333333', data_nascimento: '1970-01-01', atualizado_em: '2026-01-01 10:00:00' },
          { pessoa_id: 5, cpf: '55555555555', cns: '555555555555555', data_nascimento: '1950-01-01' },
        ],
        vinculo,
      },
      '2026-10-31': {
        pessoa: [
          { pessoa_id: 1, cpf: '11111111111', cns: '111111111111111', data_nascimento: '1980-01-01', atualizado_em: '2026-10-20 10:00:00' },
          { pessoa_id: 2, cns: '222222222222222', data_nascimento: '1990-01-01', atualizado_em: '2026-01-01 10:00:00' },
          { pessoa_id: 3, cpf: '33333333333', data_nascimento: '1970-01-01', atualizado_em: '2026-01-01 10:00:00' },
          { pessoa_id: 4, cns: '444444444444444', data_nascimento: '2026-10-10' },
        ],
        vinculo,
      },
    });
  });
  afterAll(() => mini.close());

  it('summarises single-system people, duplicate source ids and missing documents', async () => {
    expect(await runPanelCell(mini.session, 'qualidade-cadastro', 'resumo')).toEqual([
      { pessoas: '4', so_uma_secretaria: '2', sem_nenhum_sistema: '1', com_id_duplicado: '1', sem_cpf: '2', sem_cns: '1' },
    ]);
    const duplicados = await runPanelCell(mini.session, 'qualidade-cadastro', 'ids_duplicados');
    expect(duplicados.find((row) => row.sistema === 'tributario')).toMatchObject({ pessoas_com_mais_de_um_codigo: '1' });
    const scores = await runPanelCell(mini.session, 'qualidade-cadastro', 'score_vinculo');
    expect(scores.map((row) => [row.metodo, row.faixa_score, row.vinculos])).toEqual([
      ['cns', '0.9', '1'], ['cpf', '0.9', '2'], ['probabilistico', '0.7', '1'], ['probabilistico', '0.9', '1'],
    ]);
  });

  it('compares with the snapshot at the end of the previous month by default, or the one chosen', async () => {
    const expected = {
      retrato_anterior: '2026-09-30', pessoas_antes: '4', pessoas_agora: '4', novas: '1', nascimentos: '1', removidas: '1', atualizadas: '1',
    };
    expect((await runPanelCell(mini.session, 'qualidade-cadastro', 'mudancas_pessoas'))[0]).toMatchObject(expected);
    const chosen = await runPanelCell(mini.session, 'qualidade-cadastro', 'mudancas_pessoas', { params: { comparar_com: '2026-09-30' } });
    expect(chosen[0]).toMatchObject(expected);
    const tabelas = await runPanelCell(mini.session, 'qualidade-cadastro', 'mudancas_tabelas');
    expect(tabelas.find((row) => row.tabela === 'pessoa')).toMatchObject({ antes: '4', agora: '4', diferenca: '0' });
  });

  it('reports the missing previous snapshot by name', async () => {
    expect((await rejection(runPanelCell(mini.session, 'qualidade-cadastro', 'mudancas_pessoas', { snapshot: '2026-09-30' }))).message).toMatch(/s_2026_08_31/);
  });
});
