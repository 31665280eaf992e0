// Health units, appointments, childhood vaccinations and the national schedule.
import { sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE, HISTORY_START, type GenParams } from './params.ts';
import { CALENDARIO_VACINAL } from './reference-data.ts';
import { lit } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);
const H = sqlDate(HISTORY_START);
/** Appointments are booked up to this many days ahead of a snapshot date. */
const BOOKING_DAYS = 30;
/** Specialised units after the per-neighbourhood UBS/USF: (tipo, nome, bairro). */
const ESPECIAIS = [
  ['UPA', 'UPA Braz Cubas', 'Braz Cubas'],
  ['UPA', 'UPA Jundiapeba', 'Jundiapeba'],
  ['UPA', 'UPA Rodeio', 'Rodeio'],
  ['CAPS', 'CAPS II Centro', 'Centro'],
  ['CAPS', 'CAPS AD Mogilar', 'Mogilar'],
  ['CAPS', 'CAPS Infantojuvenil Vila Industrial', 'Vila Industrial'],
] as const;

function unidadeStatement(p: GenParams): string {
  const especiais = ESPECIAIS.map(([t, n, b], i) => `(${i}, ${lit(t)}, ${lit(n)}, ${lit(b)})`).join(', ');
  const U = p.unidadesPorBairro;
  return `CREATE TABLE w_unidade AS
    SELECT (b.bairro_id - 1) * ${U} + k.range + 1 AS unidade_id,
      CASE WHEN b.pobreza >= 0.5 THEN 'USF' ELSE 'UBS' END AS tipo,
      CASE WHEN b.pobreza >= 0.5 THEN 'USF ' ELSE 'UBS ' END || b.nome
        || CASE WHEN k.range > 0 THEN ' ' || CAST(k.range + 1 AS VARCHAR) ELSE '' END AS nome,
      b.nome AS bairro
    FROM bairro b, range(${U}) k
    UNION ALL
    SELECT (SELECT count(*) FROM bairro) * ${U} + e.i * ${U} + k.range + 1, e.tipo,
      e.nome || CASE WHEN k.range > 0 THEN ' ' || CAST(k.range + 1 AS VARCHAR) ELSE '' END, e.bairro
    FROM (VALUES ${especiais}) e(i, tipo, nome, bairro), range(${U}) k`;
}

function agendamentoStatement(): string {
  const end = `${F} + ${BOOKING_DAYS}`;
  return `CREATE TABLE w_agendamento AS
    SELECT row_number() OVER (ORDER BY data_hora, pessoa_id, j) AS agendamento_id, * FROM (
    WITH rated AS (
      SELECT pessoa_id, data_nascimento, data_obito, unidade_saude_id, sexo, idade, pobreza,
        greatest(${H}, data_nascimento) AS desde,
        CASE WHEN idade < 2 THEN 9.0 WHEN idade < 7 THEN 4.5 WHEN idade < 18 THEN 1.0
             WHEN idade < 60 THEN (CASE WHEN sexo = 'F' THEN 1.6 ELSE 0.9 END) ELSE 2.8 END AS por_ano
      FROM w_pessoa
    ), counted AS (
      SELECT *, CAST(floor(por_ano * (${end} - desde) / 365.25 + rnd(pessoa_id, 'n_ag')) AS INTEGER) AS n
      FROM rated WHERE desde <= ${end}
    ), expanded AS (
      SELECT c.*, j, c.desde + CAST(floor(rnd2(c.pessoa_id, j, 'ag_dia') * (${end} - c.desde + 1)) AS INTEGER) AS dia
      FROM counted c, unnest(range(c.n)) u(j)
    )
    SELECT pessoa_id, j, pobreza,
      CASE WHEN rnd2(pessoa_id, j, 'ag_unid') < 0.93 THEN unidade_saude_id
           ELSE CAST(floor(rnd2(pessoa_id, j, 'ag_outra') * (SELECT max(unidade_id) FROM w_unidade)) AS BIGINT) + 1 END AS unidade_id,
      CAST(dia AS TIMESTAMP) + to_minutes(CAST(420 + 15 * floor(rnd2(pessoa_id, j, 'ag_hora') * 40) AS BIGINT)) AS data_hora,
      CASE
        WHEN date_sub('month', data_nascimento, dia) < 24 THEN
          (CASE WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.55 THEN 'puericultura' WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.85 THEN 'vacinacao'
                WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.9 THEN 'odontologia' ELSE 'clinica_geral' END)
        WHEN date_sub('month', data_nascimento, dia) < 84 THEN
          (CASE WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.35 THEN 'puericultura' WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.55 THEN 'vacinacao'
                WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.75 THEN 'odontologia' ELSE 'clinica_geral' END)
        WHEN sexo = 'F' AND idade BETWEEN 15 AND 45 AND rnd2(pessoa_id, j, 'ag_tipo') < 0.15 THEN 'pre_natal'
        WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.1 THEN 'vacinacao'
        WHEN rnd2(pessoa_id, j, 'ag_tipo') < 0.35 THEN 'odontologia'
        ELSE 'clinica_geral' END AS tipo,
      CASE WHEN rnd2(pessoa_id, j, 'ag_sit') < 0.07 THEN 'cancelado'
           WHEN rnd2(pessoa_id, j, 'ag_falta') < (0.1 + 0.3 * pobreza) * (0.4 + 1.2 * rnd(pessoa_id, 'faltoso')) THEN 'falta'
           ELSE 'realizado' END AS desfecho
    FROM expanded
    WHERE data_obito IS NULL OR dia < data_obito)`;
}

function vacinacaoStatements(): string[] {
  const rows = CALENDARIO_VACINAL.map(([v, d, m]) => `(${lit(v)}, ${lit(d)}, ${m})`).join(', ');
  return [
    `CREATE TABLE w_calendario AS SELECT * FROM (VALUES ${rows}) t(vacina, dose, idade_meses)`,
    // Children born in the last seven years: each scheduled dose applied after a short delay,
    // except that a few hesitant families skip or postpone doses.
    `CREATE TABLE w_vacinacao AS
      WITH kids AS (
        SELECT pessoa_id, data_nascimento, data_obito, unidade_saude_id, pobreza,
          rnd(pessoa_id, 'hesitante') < 0.04 + 0.08 * pobreza AS hesitante
        FROM w_pessoa WHERE data_nascimento > ${F} - 2557
      ), doses AS (
        SELECT k.*, c.vacina, c.dose, c.idade_meses,
          CAST(k.data_nascimento + to_months(c.idade_meses) AS DATE) AS devida_em,
          hash(c.vacina, c.dose) AS dose_key
        FROM kids k CROSS JOIN w_calendario c
      )
      SELECT pessoa_id, vacina, dose,
        CAST(devida_em + CAST(floor(-ln(1 - rnd2(pessoa_id, dose_key, 'atraso')) * (CASE WHEN hesitante THEN 70 ELSE 9 END)) AS INTEGER) AS DATE) AS data_aplicacao,
        CASE WHEN rnd2(pessoa_id, dose_key, 'vac_unid') < 0.95 THEN unidade_saude_id
             ELSE CAST(floor(rnd2(pessoa_id, dose_key, 'vac_outra') * (SELECT max(unidade_id) FROM w_unidade)) AS BIGINT) + 1 END AS unidade_id,
        data_obito
      FROM doses
      WHERE rnd2(pessoa_id, dose_key, 'vac_falta') >= (CASE WHEN hesitante THEN 0.35 ELSE 0.012 END)`,
    `DELETE FROM w_vacinacao WHERE data_aplicacao > ${F} OR data_aplicacao >= data_obito`,
  ];
}

export const healthDomain: Domain = {
  label: 'saúde',
  world: (p) => [unidadeStatement(p), agendamentoStatement(), ...vacinacaoStatements()],
  tables: [
    {
      name: 'unidade_saude',
      orderBy: 'unidade_id',
      select: () => `SELECT unidade_id, nome, tipo, bairro FROM w_unidade`,
    },
    {
      name: 'agendamento',
      orderBy: 'agendamento_id',
      select: (ref) => `
        SELECT agendamento_id, pessoa_id, unidade_id, data_hora, tipo,
          CASE WHEN CAST(data_hora AS DATE) > ${ref} THEN 'agendado' ELSE desfecho END AS situacao
        FROM w_agendamento WHERE CAST(data_hora AS DATE) <= ${ref} + ${BOOKING_DAYS}`,
    },
    {
      name: 'vacinacao',
      orderBy: 'pessoa_id, data_aplicacao, vacina, dose',
      select: (ref) => `SELECT pessoa_id, vacina, dose, data_aplicacao, unidade_id FROM w_vacinacao WHERE data_aplicacao <= ${ref}`,
    },
    {
      name: 'calendario_vacinal',
      orderBy: 'idade_meses, vacina, dose',
      select: () => `SELECT vacina, dose, idade_meses FROM w_calendario`,
    },
  ],
};
