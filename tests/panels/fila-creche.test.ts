// The day-care panel: the waiting list against free places in creches, by bairro.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from './support/mini-registry.ts';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { runPanelCell } from './support/panel.ts';

let nextId = 0;
function matricula(escola_id: number, situacao: string, ano_letivo = 2026): Row {
  nextId += 1;
  return { matricula_id: nextId, pessoa_id: nextId, escola_id, ano_letivo, situacao, etapa: 'maternal_1' };
}
function pedido(bairro_preferencia: string, situacao = 'aguardando', prioridade = 'geral'): Row {
  nextId += 1;
  return { pedido_id: nextId, pessoa_id: nextId, data_pedido: '2026-08-01', bairro_preferencia, prioridade, situacao };
}

describe('fila-creche', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    mini = await openMiniRegistry({
      '2026-10-31': {
        escola: [
          { escola_id: 1, nome: 'Creche Centro', tipo: 'creche', bairro: 'Centro', capacidade: 3 },
          { escola_id: 2, nome: 'Creche Socorro', tipo: 'creche', bairro: 'Socorro', capacidade: 1 },
          { escola_id: 3, nome: 'Escola Centro', tipo: 'fundamental', bairro: 'Centro', capacidade: 100 },
        ],
        matricula: [
          matricula(1, 'ativa'), matricula(1, 'ativa'), matricula(1, 'transferida'), matricula(1, 'ativa', 2025),
          matricula(2, 'ativa'), matricula(2, 'ativa'), // over capacity
        ],
        fila_creche: [
          pedido('Centro'), pedido('Centro'), pedido('Centro', 'aguardando', 'bolsa_familia'), pedido('Centro', 'atendido'),
          pedido('Socorro'), pedido('Braz Cubas'), pedido('Braz Cubas', 'desistente'),
        ],
      },
    });
  });
  afterAll(() => mini.close());

  it('compares who waits with capacity minus active enrolments, by bairro', async () => {
    const rows = await runPanelCell(mini.session, 'fila-creche', 'por_bairro');
    const summary = rows.map((row) => [row.bairro, row.na_fila, row.vagas_livres, row.saldo]);
    expect(summary).toEqual([
      ['Centro', '3', '1', '-2'],
      ['Braz Cubas', '1', '0', '-1'],
      ['Socorro', '1', '0', '-1'],
    ]);
    expect(await runPanelCell(mini.session, 'fila-creche', 'resumo')).toEqual([
      { na_fila: '5', vagas_livres: '1', bairros_sem_vaga: '3', espera_media_dias: '91.0' },
    ]);
  });

  it('filters the list by prioridade', async () => {
    const rows = await runPanelCell(mini.session, 'fila-creche', 'por_bairro', { params: { prioridade: 'bolsa_familia' } });
    expect(rows.map((row) => [row.bairro, row.na_fila, row.vagas_livres])).toEqual([
      ['Centro', '1', '1'],
      ['Socorro', '0', '0'],
    ]);
  });
});
