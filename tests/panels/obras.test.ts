// The works panel: physical progress from the last measurement, the term stretched by every
// aditivo de prazo and capped at 100, late above 10 points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from './support/mini-registry.ts';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { loadPanel, runPanelCell } from './support/panel.ts';
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

// status_prazo, the colour of each work on the map, at and around the 10-point line. The rule
// reads the delay as shown (one decimal), so a delay of 10.04 points (shown 10.0) is on time
// and 10.06 (shown 10.1) is late. Overdue works have an elapsed term of exactly 100; works
// from 2025-10-31 to 2027-10-31 have exactly 50.0 on the reference date 2026-10-31.
describe('obras: status_prazo at the 10-point line', () => {
  const HALF_TERM = { data_ordem_servico: '2025-10-31', data_prevista_termino: '2027-10-31' };
  const OVERDUE = { data_ordem_servico: '2024-01-01', data_prevista_termino: '2025-01-01' };
  const NOT_STARTED = { data_ordem_servico: '2026-12-01', data_prevista_termino: '2027-12-01' };
  // obra_id -> [terms, percentual_fisico (null: no medicao), expected atraso_pp, expected status]
  type Case = [Row, number | null, string, 'atrasada' | 'no prazo'];
  const CASES: Record<number, Case> = {
    11: [OVERDUE, 89.94, '10.1', 'atrasada'],
    12: [OVERDUE, 89.96, '10.0', 'no prazo'],
    13: [OVERDUE, 90, '10.0', 'no prazo'],
    14: [OVERDUE, 100, '0.0', 'no prazo'],
    15: [OVERDUE, null, '100.0', 'atrasada'],
    21: [HALF_TERM, 39.9, '10.1', 'atrasada'],
    22: [HALF_TERM, 40, '10.0', 'no prazo'],
    23: [HALF_TERM, 80, '-30.0', 'no prazo'],
    24: [HALF_TERM, null, '50.0', 'atrasada'],
    31: [NOT_STARTED, null, '0.0', 'no prazo'],
  };
  let mini: MiniEngine;
  beforeAll(async () => {
    const cases = Object.entries(CASES).map(([id, [terms, fisico]]) => ({ id: Number(id), terms, fisico }));
    mini = await openMiniRegistry({
      '2026-10-31': {
        obra: cases.map(({ id, terms }) => obra(id, terms)),
        medicao: cases.flatMap(({ id, fisico }) =>
          fisico === null ? [] : [{ obra_id: id, data_medicao: '2026-09-01', percentual_fisico: fisico, valor_medido: '1.00' }],
        ),
      },
    });
  });
  afterAll(() => mini.close());

  it('is atrasada above 10 points of delay as shown, and no prazo at 10.0 and below', async () => {
    const rows = byId(await runPanelCell(mini.session, 'obras', 'obras_em_andamento'));
    for (const [id, [, , atraso, status]] of Object.entries(CASES)) {
      expect(rows.get(id), `obra ${id}`).toMatchObject({ atraso_pp: atraso, status_prazo: status, atrasada: String(status === 'atrasada') });
    }
  });

  it('takes only the two values the map colours, and agrees with the flag the summaries count', async () => {
    const rows = await runPanelCell(mini.session, 'obras', 'obras_em_andamento');
    const chart = (await loadPanel('obras')).cells.find((cell) => cell.kind === 'chart' && cell.target === 'obras_em_andamento');
    const domain = ((chart?.kind === 'chart' ? chart.spec?.color : undefined) as { domain?: unknown } | undefined)?.domain;
    expect(domain).toEqual(['atrasada', 'no prazo']);
    expect(new Set(rows.map((row) => row.status_prazo))).toEqual(new Set(domain as string[]));
    for (const row of rows) expect(row.status_prazo === 'atrasada', `obra ${String(row.obra_id)}`).toBe(row.atrasada === 'true');
    const resumo = await runPanelCell(mini.session, 'obras', 'resumo');
    expect(resumo[0]).toMatchObject({ obras: '10', atrasadas: '4' });
  });
});
