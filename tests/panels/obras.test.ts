// The works panel: physical progress from the last measurement, the term stretched by every
// aditivo de prazo and capped at 100, late above 10 points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from './support/mini-registry.ts';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { runPanelCell } from './support/panel.ts';
import type { TextRow } from './support/panel.ts';

function obra(obra_id: number, extra: Row): Row {
  return {
    obra_id, nome: `Obra ${obra_id}`, secretaria: 'educacao', bairro: 'Centro', latitude: -23.52, longitude: -46.18,
    valor_contratado: '1000000.00', situacao: 'execucao', data_ordem_servico: '2025-10-31', data_prevista_termino: '2026-10-31',
    ...extra,
  };
}

function byId(rows: TextRow[]): Map<string | null, TextRow> {
  return new Map(rows.map((row) => [row.obra_id ?? null, row]));
}

describe('obras', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    mini = await openMiniRegistry({
      '2026-10-31': {
        obra: [
          obra(1, {}), // with a year of aditivo: half the term gone
          obra(2, {}), // the same work without it: the whole term gone
          obra(3, { data_ordem_servico: '2024-01-01', data_prevista_termino: '2025-01-01' }), // long overdue: capped
          obra(4, { data_ordem_servico: '2026-10-01', data_prevista_termino: '2027-10-01', secretaria: 'saude' }), // no medicao
          obra(5, { situacao: 'concluida' }),
          obra(6, { situacao: 'paralisada', data_ordem_servico: '2024-01-01', data_prevista_termino: '2025-01-01' }),
          obra(7, { situacao: 'licitacao' }),
        ],
        medicao: [
          { obra_id: 1, data_medicao: '2026-03-01', percentual_fisico: 20, valor_medido: '100.00' },
          { obra_id: 1, data_medicao: '2026-09-01', percentual_fisico: 45, valor_medido: '200.00' },
          { obra_id: 1, data_medicao: '2026-11-15', percentual_fisico: 90, valor_medido: '999.00' }, // after the reference date
          { obra_id: 2, data_medicao: '2026-09-01', percentual_fisico: 45, valor_medido: '300.00' },
          { obra_id: 3, data_medicao: '2025-06-01', percentual_fisico: 90, valor_medido: '900.00' },
          { obra_id: 6, data_medicao: '2025-06-01', percentual_fisico: 89.9, valor_medido: '800.00' },
        ],
        aditivo: [
          { obra_id: 1, data: '2026-06-01', tipo: 'prazo', dias: 200, valor: '0.00' },
          { obra_id: 1, data: '2026-08-01', tipo: 'prazo', dias: 165, valor: '0.00' },
          { obra_id: 1, data: '2026-08-01', tipo: 'valor', dias: 0, valor: '50000.00' },
          { obra_id: 3, data: '2024-06-01', tipo: 'prazo', dias: 30, valor: '0.00' },
        ],
      },
    });
  });
  afterAll(() => mini.close());

  it('lists works in execucao or paralisada only', async () => {
    const rows = await runPanelCell(mini.session, 'obras', 'obras_em_andamento');
    expect([...byId(rows).keys()].sort()).toEqual(['1', '2', '3', '4', '6']);
  });

  it('a work late without its aditivos de prazo is on time with them', async () => {
    const rows = byId(await runPanelCell(mini.session, 'obras', 'obras_em_andamento'));
    expect(rows.get('1')).toMatchObject({
      percentual_fisico: '45.0', percentual_prazo: '50.0', atraso_pp: '5.0', atrasada: 'false',
      valor_contratado: '1050000.00', valor_medido: '300.00', termino_previsto: '2027-10-31',
    });
    expect(rows.get('2')).toMatchObject({ percentual_fisico: '45.0', percentual_prazo: '100.0', atraso_pp: '55.0', atrasada: 'true' });
  });

  it('caps the elapsed term at 100, counts 0% without medicao, and is late only above 10 points', async () => {
    const rows = byId(await runPanelCell(mini.session, 'obras', 'obras_em_andamento'));
    expect(rows.get('3')).toMatchObject({ percentual_prazo: '100.0', atraso_pp: '10.0', atrasada: 'false' });
    expect(rows.get('6')).toMatchObject({ percentual_prazo: '100.0', atraso_pp: '10.1', atrasada: 'true' });
    expect(rows.get('4')).toMatchObject({ percentual_fisico: '0.0', percentual_prazo: '8.2', valor_medido: '0.00', atrasada: 'false' });
    expect(rows.get('4')?.latitude).toBe('-23.52');
  });

  it('filters by secretaria and situacao', async () => {
    const saude = await runPanelCell(mini.session, 'obras', 'obras_em_andamento', { params: { secretaria: 'saude' } });
    expect(saude.map((row) => row.obra_id)).toEqual(['4']);
    const paradas = await runPanelCell(mini.session, 'obras', 'obras_em_andamento', { params: { situacao: 'paralisada' } });
    expect(paradas.map((row) => row.obra_id)).toEqual(['6']);
    const resumo = await runPanelCell(mini.session, 'obras', 'resumo');
    expect(resumo[0]).toMatchObject({ obras: '5', atrasadas: '2', paralisadas: '1' });
  });
});
