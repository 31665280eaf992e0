// Public works: contracts, monthly measurements and term/value amendments (aditivos).
import { sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE, type GenParams } from './params.ts';
import { CONSTRUTORAS } from './reference-data.ts';
import { listLit, weighted } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);

/** (secretaria, tipo, name prefix) of the kinds of works. */
const TIPOS: readonly (readonly [string, string, string])[] = [
  ['infraestrutura', 'pavimentacao', 'Pavimentação e drenagem'],
  ['infraestrutura', 'drenagem', 'Canalização de córrego'],
  ['infraestrutura', 'contencao', 'Contenção de encosta'],
  ['educacao', 'construcao_escola', 'Construção de escola municipal'],
  ['educacao', 'creche', 'Construção de creche'],
  ['educacao', 'reforma_escola', 'Reforma e ampliação de escola'],
  ['saude', 'construcao_ubs', 'Construção de unidade de saúde'],
  ['saude', 'reforma_ubs', 'Reforma de unidade de saúde'],
  ['habitacao', 'conjunto_habitacional', 'Conjunto habitacional'],
  ['habitacao', 'urbanizacao', 'Urbanização de núcleo habitacional'],
  ['mobilidade', 'ciclovia', 'Ciclovia'],
  ['mobilidade', 'corredor_onibus', 'Corredor de ônibus'],
];

function obraStatement(p: GenParams): string {
  const tipos = TIPOS.map(([s, t, n]) => `{'secretaria': '${s}', 'tipo': '${t}', 'rotulo': '${n}'}`).join(', ');
  return `CREATE TABLE w_obra AS
    WITH base AS (
      SELECT range + 1 AS obra_id, [${tipos}][1 + CAST(floor(rnd(range, 'obra_tipo') * ${TIPOS.length}) AS INTEGER)] AS k,
        bairro_of(rnd(range, 'obra_bairro')) AS bairro_id,
        1 + CAST(floor(rnd(range, 'empresa') * ${CONSTRUTORAS.length}) AS INTEGER) AS empresa_k,
        CASE WHEN rnd(range, 'em_licitacao') < 0.08 THEN ${F} + CAST(15 + floor(rnd(range, 'os') * 150) AS INTEGER)
             ELSE DATE '2023-03-01' + CAST(floor(rnd(range, 'os') * 1330) AS INTEGER) END AS data_ordem_servico,
        6 + CAST(floor(rnd(range, 'prazo') * 25) AS INTEGER) AS prazo_meses,
        -- Actual duration over the planned one: most works run late.
        CASE WHEN rnd(range, 'ritmo') < 0.25 THEN 0.9 + 0.15 * rnd(range, 'fator') ELSE 1.25 + 0.9 * rnd(range, 'fator') END AS fator,
        rnd(range, 'paralisa') < 0.12 AS paralisa
      FROM range(${p.obras})
    )
    SELECT b.obra_id, b.k.secretaria AS secretaria, b.k.tipo AS tipo,
      b.k.rotulo || ' - ' || bx.nome
        || CASE WHEN row_number() OVER (PARTITION BY b.k.rotulo, bx.nome ORDER BY b.obra_id) > 1
             THEN ' (etapa ' || CAST(row_number() OVER (PARTITION BY b.k.rotulo, bx.nome ORDER BY b.obra_id) AS VARCHAR) || ')' ELSE '' END AS nome,
      b.bairro_id, round(bx.lat + 0.012 * (rnd(b.obra_id, 'lat') - 0.5), 6) AS latitude,
      round(bx.lon + 0.012 * (rnd(b.obra_id, 'lon') - 0.5), 6) AS longitude,
      ${listLit(CONSTRUTORAS)}[b.empresa_k] AS empresa, make_cnpj(perm(b.empresa_k, 387420489, 4242, 100000000)) AS cnpj_empresa,
      dinheiro(exp(ln(2500000) + 0.9 * rnorm(b.obra_id, 'valor'))) AS valor_contratado,
      ${weighted("rnd(b.obra_id, 'fonte')", [['proprio', 45], ['estadual', 20], ['federal', 20], ['financiamento', 15]])} AS fonte_recurso,
      b.data_ordem_servico, CAST(b.data_ordem_servico + to_months(b.prazo_meses) AS DATE) AS data_prevista_termino,
      b.prazo_meses, b.fator, b.paralisa,
      CAST(round(b.prazo_meses * 30.4 * b.fator) AS INTEGER) AS duracao_real_dias,
      b.data_ordem_servico + CAST(round(b.prazo_meses * 30.4 * b.fator * (0.25 + 0.5 * rnd(b.obra_id, 'para_em'))) AS INTEGER) AS paralisada_em
    FROM base b JOIN bairro bx USING (bairro_id)`;
}

function medicaoStatement(): string {
  return `CREATE TABLE w_medicao AS
    WITH meses AS (
      SELECT o.obra_id, o.valor_contratado, o.data_ordem_servico, o.duracao_real_dias, o.paralisa, o.paralisada_em,
        last_day(CAST(o.data_ordem_servico + to_months(CAST(m AS INTEGER)) AS DATE)) AS data_medicao
      FROM w_obra o, unnest(range(0, 60)) u(m)
    ), pct AS (
      SELECT *, round(least(100, 100 * (least(data_medicao, CASE WHEN paralisa THEN paralisada_em ELSE data_medicao END) - data_ordem_servico)
                  / duracao_real_dias), 2) AS percentual_fisico
      FROM meses
      WHERE data_medicao <= ${F} AND (NOT paralisa OR data_medicao <= last_day(paralisada_em))
    ), com_anterior AS (
      SELECT *, lag(percentual_fisico, 1, 0) OVER (PARTITION BY obra_id ORDER BY data_medicao) AS anterior FROM pct
    )
    SELECT obra_id, data_medicao, percentual_fisico,
      dinheiro(CAST(valor_contratado AS DOUBLE) * (percentual_fisico - anterior) / 100) AS valor_medido
    FROM com_anterior WHERE percentual_fisico > anterior`;
}

function aditivoStatement(): string {
  return `CREATE TABLE w_aditivo AS
    SELECT obra_id, data, tipo, dias, valor FROM (
      SELECT obra_id, CAST(data_prevista_termino - 30 AS DATE) AS data, 'prazo' AS tipo,
        CAST(round((duracao_real_dias - prazo_meses * 30.4) * (0.2 + 0.3 * rnd(obra_id, 'aditivo_cobre'))) AS INTEGER) AS dias,
        dinheiro(0) AS valor
      FROM w_obra WHERE fator > 1.15
      UNION ALL
      SELECT obra_id, CAST(data_ordem_servico + CAST(duracao_real_dias * (0.3 + 0.4 * rnd(obra_id, 'aditivo_v_dia')) AS INTEGER) AS DATE),
        'valor', 0, dinheiro(CAST(valor_contratado AS DOUBLE) * (0.05 + 0.2 * rnd(obra_id, 'aditivo_v')))
      FROM w_obra WHERE rnd(obra_id, 'aditivo_valor') < 0.4
    ) WHERE data <= ${F}`;
}

export const worksDomain: Domain = {
  label: 'obras',
  world: (p) => [obraStatement(p), medicaoStatement(), aditivoStatement()],
  tables: [
    {
      name: 'obra',
      orderBy: 'obra_id',
      select: (ref) => `
        SELECT o.obra_id, o.nome, o.secretaria, o.tipo, b.nome AS bairro, o.latitude, o.longitude, o.empresa, o.cnpj_empresa,
          o.valor_contratado, o.fonte_recurso, o.data_ordem_servico, o.data_prevista_termino,
          CASE WHEN o.data_ordem_servico > ${ref} THEN 'licitacao'
               WHEN o.paralisa AND o.paralisada_em <= ${ref} THEN 'paralisada'
               WHEN o.data_ordem_servico + o.duracao_real_dias <= ${ref} THEN 'concluida'
               ELSE 'execucao' END AS situacao
        FROM w_obra o JOIN bairro b USING (bairro_id)`,
    },
    {
      name: 'medicao',
      orderBy: 'obra_id, data_medicao',
      select: (ref) => `SELECT obra_id, data_medicao, percentual_fisico, valor_medido FROM w_medicao WHERE data_medicao <= ${ref}`,
    },
    {
      name: 'aditivo',
      orderBy: 'obra_id, data, tipo',
      select: (ref) => `SELECT obra_id, data, tipo, dias, valor FROM w_aditivo WHERE data <= ${ref}`,
    },
  ],
};
