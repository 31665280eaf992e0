// Schools, enrolments (2025 and 2026), monthly attendance and the day-care waiting list.
import { sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE, type GenParams } from './params.ts';
import { DIAS_LETIVOS, PATRONOS } from './reference-data.ts';
import { listLit } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);
const YEARS = [2025, 2026];
/** School types in a repeating pattern, so even the smallest fixture has every kind. */
const TIPO_PATTERN = ['creche', 'fundamental', 'creche', 'pre_escola', 'integrada', 'creche', 'fundamental', 'fundamental', 'creche', 'integrada'];

function escolaStatements(p: GenParams): string[] {
  return [
    `CREATE TABLE w_escola AS
      SELECT range + 1 AS escola_id, ${listLit(TIPO_PATTERN)}[1 + range % ${TIPO_PATTERN.length}] AS tipo,
        bairro_of(rnd(range, 'escola_bairro')) AS bairro_id, range AS k
      FROM range(${p.escolas})`,
    `CREATE TABLE w_seg_escola AS
      SELECT s.seg, e.escola_id, e.bairro_id,
        row_number() OVER (PARTITION BY s.seg ORDER BY e.escola_id) - 1 AS kg,
        row_number() OVER (PARTITION BY s.seg, e.bairro_id ORDER BY e.escola_id) - 1 AS kb,
        count(*) OVER (PARTITION BY s.seg) AS ng,
        count(*) OVER (PARTITION BY s.seg, e.bairro_id) AS nb
      FROM w_escola e JOIN (VALUES ('creche', 'creche'), ('pre', 'pre_escola'), ('pre', 'integrada'),
        ('fund', 'fundamental'), ('fund', 'integrada')) s(seg, tipo) USING (tipo)`,
  ];
}

function matriculaStatement(): string {
  const candidates = YEARS.map((y) => `
    SELECT pessoa_id, ${y} AS ano, bairro_id, pobreza, data_obito,
      date_sub('year', data_nascimento, DATE '${y}-03-31') AS a
    FROM w_pessoa
    WHERE data_nascimento <= DATE '${y}-03-31' - 120 AND data_nascimento > DATE '${y - 15}-03-31'`).join(' UNION ALL ');
  return `CREATE TABLE w_matricula AS
    WITH cand AS (${candidates}),
    enrolled AS (
      SELECT *, CASE WHEN a <= 3 THEN 'creche' WHEN a <= 5 THEN 'pre' ELSE 'fund' END AS seg,
        CASE WHEN a <= 1 THEN 'bercario' WHEN a = 2 THEN 'maternal_1' WHEN a = 3 THEN 'maternal_2'
             WHEN a = 4 THEN 'pre_1' WHEN a = 5 THEN 'pre_2' ELSE 'ano_' || CAST(a - 5 AS VARCHAR) END AS etapa,
        CASE WHEN rnd2(pessoa_id, ano, 'matr_quando') < 0.88 THEN make_date(ano, 2, 2) - rint(pessoa_id * 7 + ano, 'matr_antes', 0, 75)
             ELSE make_date(ano, 2, 10) + rint(pessoa_id * 7 + ano, 'matr_meio', 0, 200) END AS data_matricula
      FROM cand
      WHERE a BETWEEN 0 AND 14 AND rnd(pessoa_id, 'escola') < CASE
        WHEN a <= 1 THEN 0.28 WHEN a <= 3 THEN 0.5 WHEN a <= 5 THEN 0.94 - 0.14 * pobreza
        WHEN a <= 10 THEN 0.75 ELSE 0.05 END
    ), dated AS (
      SELECT *, rnd2(pessoa_id, ano, 'saida') AS us
      FROM enrolled
    ), placed AS (
      SELECT d.*, coalesce(CASE WHEN rnd(d.pessoa_id, 'local') < 0.9 THEN lb.escola_id END, g.escola_id) AS escola_id
      FROM dated d
      LEFT JOIN w_seg_escola lb ON lb.seg = d.seg AND lb.bairro_id = d.bairro_id
        AND lb.kb = CAST(floor(rnd(d.pessoa_id, 'esc_' || d.seg) * lb.nb) AS BIGINT)
      JOIN w_seg_escola g ON g.seg = d.seg AND g.kg = CAST(floor(rnd(d.pessoa_id, 'esc_g_' || d.seg) * g.ng) AS BIGINT)
    )
    SELECT CAST(ano AS BIGINT) * 10000000 + row_number() OVER (PARTITION BY ano ORDER BY pessoa_id) AS matricula_id,
      pessoa_id, escola_id, ano AS ano_letivo, etapa, seg, pobreza,
      CASE WHEN seg = 'creche' THEN (CASE WHEN rnd(pessoa_id, 'turno') < 0.8 THEN 'integral' ELSE 'manha' END)
           WHEN seg = 'pre' THEN (CASE WHEN rnd(pessoa_id, 'turno') < 0.45 THEN 'manha' WHEN rnd(pessoa_id, 'turno') < 0.85 THEN 'tarde' ELSE 'integral' END)
           ELSE (CASE WHEN rnd(pessoa_id, 'turno') < 0.5 THEN 'manha' ELSE 'tarde' END) END AS turno,
      data_matricula,
      CASE WHEN us < 0.05 THEN 'transferida' WHEN us < 0.07 THEN 'abandono' WHEN us < 0.08 THEN 'cancelada'
           WHEN ano < 2026 THEN 'concluida' END AS saida_tipo,
      CASE WHEN us < 0.07 THEN greatest(data_matricula + 10, make_date(ano, 3, 1) + rint(pessoa_id * 3 + ano, 'saida_dia', 0, 280))
           WHEN us < 0.08 THEN data_matricula + rint(pessoa_id, 'cancel', 1, 20)
           WHEN ano < 2026 THEN make_date(ano, 12, 19) END AS saida_data
    FROM placed
    WHERE data_matricula <= ${F} AND (data_obito IS NULL OR data_obito > data_matricula)`;
}

function frequenciaStatement(): string {
  const dias = `[${Array.from({ length: 12 }, (_, i) => DIAS_LETIVOS[i + 1] ?? 0).join(',')}]`;
  return `CREATE TABLE w_frequencia AS
    WITH months AS (
      SELECT m.matricula_id, m.pobreza, make_date(m.ano_letivo, mo, 1) AS mes, ${dias}[mo] AS dias_letivos
      FROM w_matricula m, unnest(generate_series(2, 12)) u(mo)
      WHERE make_date(m.ano_letivo, mo, 1) >= date_trunc('month', m.data_matricula)
        AND (m.saida_data IS NULL OR make_date(m.ano_letivo, mo, 1) <= m.saida_data)
        AND last_day(make_date(m.ano_letivo, mo, 1)) <= ${F}
    ), rated AS (
      SELECT *, CASE WHEN rnd(matricula_id, 'cronico') < 0.04 + 0.1 * pobreza THEN 0.25 + 0.35 * rnd(matricula_id, 'cr2')
                     ELSE 0.01 + 0.08 * rnd(matricula_id, 'r0') END AS taxa
      FROM months
    )
    SELECT matricula_id, mes, dias_letivos,
      CAST(least(dias_letivos, round(dias_letivos * taxa * (0.4 + 1.2 * rnd2(matricula_id, mes, 'falta_mes')))) AS INTEGER) AS faltas
    FROM rated`;
}

function filaStatement(): string {
  return `CREATE TABLE w_fila AS
    WITH kids AS (
      SELECT p.pessoa_id, p.data_nascimento, p.bairro_id, p.pobreza, coalesce(f.bolsa_se_elegivel AND f.renda_per_capita <= 218, false) AS bolsa,
        (SELECT min(m.data_matricula) FROM w_matricula m WHERE m.pessoa_id = p.pessoa_id AND m.ano_letivo = 2026 AND m.seg = 'creche') AS vaga_em
      FROM w_pessoa p LEFT JOIN w_membro mb USING (pessoa_id) LEFT JOIN w_familia f USING (familia_id)
      WHERE p.data_nascimento > ${F} - 1461 AND p.data_nascimento <= ${F} - 30 AND p.data_obito IS NULL
    ), asked AS (
      SELECT *, CASE WHEN vaga_em IS NOT NULL
          THEN greatest(data_nascimento + 15, vaga_em - rint(pessoa_id, 'pedido', 20, 200))
          ELSE greatest(data_nascimento + 15, ${F} - rint(pessoa_id, 'pedido', 0, 540)) END AS data_pedido
      FROM kids
      WHERE rnd(pessoa_id, 'pede') < CASE WHEN vaga_em IS NOT NULL THEN 0.3 ELSE 0.25 + 0.2 * pobreza END
    )
    SELECT row_number() OVER (ORDER BY data_pedido, pessoa_id) AS pedido_id, pessoa_id, data_pedido, vaga_em,
      CASE WHEN rnd(pessoa_id, 'pref') < 0.85 THEN bairro_id ELSE bairro_of(rnd(pessoa_id, 'pref_b')) END AS bairro_pref,
      CASE WHEN bolsa THEN 'bolsa_familia' WHEN rnd(pessoa_id, 'prio') < 0.05 THEN 'medida_protetiva'
           WHEN rnd(pessoa_id, 'prio') < 0.45 THEN 'mae_trabalhadora' ELSE 'geral' END AS prioridade,
      vaga_em IS NULL AND rnd(pessoa_id, 'desiste') < 0.1 AS desiste
    FROM asked`;
}

export const educationDomain: Domain = {
  label: 'educação',
  world: (p) => [...escolaStatements(p), matriculaStatement(), frequenciaStatement(), filaStatement()],
  tables: [
    {
      name: 'escola',
      orderBy: 'escola_id',
      select: () => `
        SELECT e.escola_id,
          CASE e.tipo WHEN 'creche' THEN 'CEIM ' WHEN 'pre_escola' THEN 'EMEI ' ELSE 'EM ' END
            || ${listLit(PATRONOS)}[1 + e.k % ${PATRONOS.length}]
            || CASE WHEN e.k >= ${PATRONOS.length} THEN ' - Unidade ' || CAST(1 + e.k // ${PATRONOS.length} AS VARCHAR) ELSE '' END AS nome,
          e.tipo, b.nome AS bairro,
          CAST(greatest(20, ceil(coalesce(n.ativas, 0) * (0.9 + 0.25 * rnd(e.escola_id, 'cap')))) AS INTEGER) AS capacidade
        FROM w_escola e JOIN bairro b USING (bairro_id)
        LEFT JOIN (SELECT escola_id, count(*) AS ativas FROM w_matricula WHERE ano_letivo = 2026 AND saida_tipo IS NULL GROUP BY 1) n
          USING (escola_id)`,
    },
    {
      name: 'matricula',
      orderBy: 'matricula_id',
      select: (ref) => `
        SELECT matricula_id, pessoa_id, escola_id, ano_letivo, etapa, turno,
          CASE WHEN saida_data <= ${ref} THEN saida_tipo ELSE 'ativa' END AS situacao,
          data_matricula, CASE WHEN saida_data <= ${ref} THEN saida_data END AS data_saida
        FROM w_matricula WHERE data_matricula <= ${ref}`,
    },
    {
      name: 'frequencia',
      orderBy: 'matricula_id, mes',
      select: (ref) => `SELECT matricula_id, mes, dias_letivos, faltas FROM w_frequencia WHERE last_day(mes) <= ${ref}`,
    },
    {
      name: 'fila_creche',
      orderBy: 'pedido_id',
      select: (ref) => `
        SELECT f.pedido_id, f.pessoa_id, f.data_pedido, b.nome AS bairro_preferencia, f.prioridade,
          CASE WHEN f.vaga_em <= ${ref} THEN 'atendido' WHEN f.desiste AND f.data_pedido + 120 <= ${ref} THEN 'desistente'
               ELSE 'aguardando' END AS situacao
        FROM w_fila f JOIN bairro b ON b.bairro_id = f.bairro_pref
        WHERE f.data_pedido <= ${ref}`,
    },
  ],
};
