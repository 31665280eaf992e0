// The infancy alerts on hand-made children: each rule on its case and its near miss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from './support/mini-registry.ts';
import { openMiniRegistry } from './support/engine.ts';
import type { MiniEngine } from './support/engine.ts';
import { runPanelCell } from './support/panel.ts';
import type { TextRow } from './support/panel.ts';

const REFERENCE = '2026-10-31';

function child(pessoa_id: number, data_nascimento: string, extra: Row = {}): Row {
  return {
    pessoa_id,
    nome: `Criança Número ${pessoa_id}`,
    data_nascimento,
    territorio_cras: 'CRAS Centro',
    unidade_saude_id: 10,
    ...extra,
  };
}

function alertsOf(rows: TextRow[]): string[] {
  return rows.map((row) => `${row.pessoa_id}:${row.alerta}`).sort();
}

describe('primeira-infancia: scope and vacina_atrasada', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    const bcg = (pessoa_id: number): Row => ({ pessoa_id, vacina: 'BCG', dose: 'DU', data_aplicacao: '2026-01-01' });
    mini = await openMiniRegistry({
      [REFERENCE]: {
        calendario_vacinal: [
          { vacina: 'BCG', dose: 'DU', idade_meses: 0 },
          { vacina: 'Pentavalente', dose: 'D1', idade_meses: 2 },
        ],
        pessoa: [
          child(1, '2020-11-30', { nome: 'Maria da Silva Souza' }), // 71 months: in scope
          child(2, '2020-10-31'), // 72 months: out
          child(3, '2024-01-01', { data_obito: '2026-05-01' }), // dead
          child(4, '2026-09-30'), // BCG due 31 days ago
          child(5, '2026-10-02'), // BCG due 29 days ago
          child(8, '2026-10-01'), // BCG due exactly 30 days ago
          child(6, '2026-07-31', { territorio_cras: 'CRAS Jundiapeba' }), // Penta D1 due 2026-09-30
          child(7, '2026-08-02'), // Penta D1 due 2026-10-02
          child(9, '2026-01-01'), // fully vaccinated
          child(11, '2025-01-01', { data_obito: '2026-11-15' }), // dies after the reference date: alive then
        ],
        vacinacao: [
          bcg(6),
          bcg(7),
          bcg(9),
          { pessoa_id: 9, vacina: 'Pentavalente', dose: 'D1', data_aplicacao: '2026-03-01' },
          { pessoa_id: 11, vacina: 'Pentavalente', dose: 'D1', data_aplicacao: '2025-03-01' },
        ],
      },
    });
  });
  afterAll(() => mini.close());

  it('flags doses due more than 30 days ago without a record, only for living children under 72 months', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas');
    expect(alertsOf(rows)).toEqual(['11:vacina_atrasada', '1:vacina_atrasada', '4:vacina_atrasada', '6:vacina_atrasada']);
    const byId = new Map(rows.map((row) => [row.pessoa_id, row]));
    expect(byId.get('1')?.idade_meses).toBe('71');
    expect(byId.get('6')?.detalhe).toContain('Pentavalente D1');
    expect(byId.get('6')?.detalhe).not.toContain('BCG');
    expect(byId.get('1')?.unidade_saude_id).toBe('10');
  });

  it('shows names reduced to initials', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas');
    const names = rows.map((row) => row.nome);
    expect(names).toContain('M. S. S.');
    expect(names.join(' ')).not.toMatch(/Maria|Silva|Criança/);
  });

  it('filters by territorio_cras and alerta, and their NULL default returns everything', async () => {
    const centro = await runPanelCell(mini.session, 'primeira-infancia', 'alertas', { params: { territorio_cras: 'CRAS Centro' } });
    expect(alertsOf(centro)).toEqual(['11:vacina_atrasada', '1:vacina_atrasada', '4:vacina_atrasada']);
    const none = await runPanelCell(mini.session, 'primeira-infancia', 'alertas', { params: { alerta: 'falta_saude' } });
    expect(none).toEqual([]);
    const all = await runPanelCell(mini.session, 'primeira-infancia', 'alertas', { params: { territorio_cras: null, alerta: null } });
    expect(all).toHaveLength(4);
  });

  it('counts alerts by territory', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'por_territorio');
    expect(rows).toEqual([
      { territorio_cras: 'CRAS Centro', alerta: 'vacina_atrasada', criancas: '3' },
      { territorio_cras: 'CRAS Jundiapeba', alerta: 'vacina_atrasada', criancas: '1' },
    ]);
    const resumo = await runPanelCell(mini.session, 'primeira-infancia', 'resumo');
    expect(resumo).toEqual([
      { criancas: '8', com_alerta: '4', falta_saude: '0', fora_da_escola: '0', vacina_atrasada: '4', baixa_frequencia: '0' },
    ]);
  });
});

describe('primeira-infancia: falta_saude', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    const ativa = (pessoa_id: number, ano_letivo = 2026): Row => ({
      matricula_id: pessoa_id * 10, pessoa_id, escola_id: 1, ano_letivo, situacao: 'ativa',
    });
    let next = 0;
    const falta = (pessoa_id: number, data_hora: string, tipo = 'puericultura', situacao = 'falta'): Row => ({
      agendamento_id: ++next, pessoa_id, unidade_id: 10, data_hora, tipo, situacao,
    });
    mini = await openMiniRegistry({
      [REFERENCE]: {
        pessoa: [10, 11, 12, 13, 14, 15, 16].map((id) => child(id, '2024-05-10')),
        matricula: [ativa(10), ativa(11), ativa(13), ativa(14), ativa(15), ativa(16, 2025)],
        agendamento: [
          falta(10, '2026-06-10 09:00:00'), falta(10, '2026-10-20 10:00:00', 'vacinacao'), // two: alert
          falta(11, '2026-06-10 09:00:00'), falta(11, '2026-07-10 09:00:00', 'puericultura', 'realizado'), // one
          falta(12, '2026-06-10 09:00:00'), falta(12, '2026-07-10 09:00:00'), // not enrolled
          falta(13, '2026-06-10 09:00:00'), falta(13, '2026-07-10 09:00:00', 'odontologia'), // other kind
          falta(14, '2026-04-30 09:00:00'), falta(14, '2026-07-10 09:00:00'), // one before the six months
          falta(15, '2026-05-01 08:00:00'), falta(15, '2026-10-31 17:00:00'), // both ends of the window
          falta(16, '2026-06-10 09:00:00'), falta(16, '2026-07-10 09:00:00'), // enrolled last year only
          falta(11, '2026-11-05 09:00:00', 'puericultura', 'agendado'), // a future booking
        ],
      },
    });
  });
  afterAll(() => mini.close());

  it('needs an active enrolment this year and two misses in the six months up to the reference date', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas');
    expect(alertsOf(rows)).toEqual(['10:falta_saude', '15:falta_saude']);
    expect(rows[0]?.detalhe).toContain('2 faltas');
  });
});

describe('primeira-infancia: fora_da_escola', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    mini = await openMiniRegistry({
      [REFERENCE]: {
        familia: [
          { familia_id: 1, bolsa_familia: true },
          { familia_id: 2, bolsa_familia: false },
          { familia_id: 3, bolsa_familia: false },
          { familia_id: 4, bolsa_familia: false },
          { familia_id: 5, bolsa_familia: false },
        ],
        pessoa: [
          child(20, '2022-03-31', { familia_id: 1 }), // turns 4 on 31/03: in
          child(21, '2022-04-01', { familia_id: 1 }), // turns 4 on 01/04: out
          child(22, '2020-11-30', { familia_id: 1 }), // 5 on 31/03 and 71 months: in
          child(23, '2022-03-31', { familia_id: 2 }), // no Bolsa Família, no follow-up
          child(24, '2022-03-31', { familia_id: 3 }), // follow-up in January
          child(25, '2022-03-31', { familia_id: 4 }), // follow-up more than twelve months ago
          child(26, '2022-03-31', { familia_id: 1 }), // enrolled
          child(27, '2022-03-31', { familia_id: 5 }), // attended, but not under follow-up
        ],
        atendimento_social: [
          { atendimento_id: 1, familia_id: 3, data: '2026-01-15', servico: 'PAIF', acompanhamento: true },
          { atendimento_id: 2, familia_id: 4, data: '2025-10-15', servico: 'PAIF', acompanhamento: true },
          { atendimento_id: 3, familia_id: 5, data: '2026-09-01', servico: 'cadastro_unico', acompanhamento: false },
        ],
        matricula: [{ matricula_id: 260, pessoa_id: 26, escola_id: 1, ano_letivo: 2026, situacao: 'ativa' }],
      },
    });
  });
  afterAll(() => mini.close());

  it('counts age in completed years on 31 March and needs a vulnerable family without enrolment', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas');
    expect(alertsOf(rows)).toEqual(['20:fora_da_escola', '22:fora_da_escola', '24:fora_da_escola']);
  });
});

describe('primeira-infancia: baixa_frequencia', () => {
  let mini: MiniEngine;
  beforeAll(async () => {
    const tables = {
      pessoa: [30, 31, 32, 33].map((id) => child(id, '2022-01-10')),
      matricula: [
        { matricula_id: 300, pessoa_id: 30, escola_id: 1, ano_letivo: 2026, situacao: 'ativa' },
        { matricula_id: 310, pessoa_id: 31, escola_id: 1, ano_letivo: 2026, situacao: 'ativa' },
        { matricula_id: 320, pessoa_id: 32, escola_id: 1, ano_letivo: 2026, situacao: 'transferida' },
        { matricula_id: 330, pessoa_id: 33, escola_id: 1, ano_letivo: 2026, situacao: 'ativa' },
      ],
      frequencia: [
        { matricula_id: 300, mes: '2026-10-01', dias_letivos: 100, faltas: 41 }, // 59%
        { matricula_id: 310, mes: '2026-10-01', dias_letivos: 100, faltas: 40 }, // 60%
        { matricula_id: 320, mes: '2026-10-01', dias_letivos: 20, faltas: 10 }, // not active
        { matricula_id: 330, mes: '2026-09-01', dias_letivos: 20, faltas: 10 }, // bad September
        { matricula_id: 330, mes: '2026-10-01', dias_letivos: 20, faltas: 0 },
      ],
    };
    mini = await openMiniRegistry({ [REFERENCE]: tables, '2026-10-15': tables });
  });
  afterAll(() => mini.close());

  it('reads the last complete month: 59% is under 60%, 60% is not', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas');
    expect(alertsOf(rows)).toEqual(['30:baixa_frequencia']);
    expect(rows[0]?.detalhe).toContain('59');
  });

  it('on a mid-month reference date the last complete month is the previous one', async () => {
    const rows = await runPanelCell(mini.session, 'primeira-infancia', 'alertas', { snapshot: '2026-10-15' });
    expect(alertsOf(rows)).toEqual(['33:baixa_frequencia']);
  });
});
