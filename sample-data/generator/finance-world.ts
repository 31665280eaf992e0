// Finance world: taxpayers, properties, active-debt certificates (CDAs), payment agreements
// and payments, all dated so a snapshot can show the state at its reference date.
import { sqlDate } from './domain.ts';
import { FINAL_DATE, type GenParams } from './params.ts';
import { NOMES_FEMININOS, NOMES_MASCULINOS, PREFIXOS_EMPRESA, SOBRENOMES, SUFIXOS_EMPRESA } from './reference-data.ts';
import { listLit } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);
const EXERCICIOS = [2015, 2025] as const;
/** Share of companies that are MEIs (in Brazil most active CNPJs are). */
const MEI_SHARE = 0.35;
/** Tributo codes used in keys: 1 IPTU, 2 ISS, 3 ITBI, 4 taxa_lixo, 5 multa_posturas, 6 contribuicao_melhoria. */
const TRIBUTOS = "['IPTU', 'ISS', 'ITBI', 'taxa_lixo', 'multa_posturas', 'contribuicao_melhoria']";

/** Money and interest rules, shared by the world and the snapshot queries. */
export function financeMacros(): string[] {
  return [
    `CREATE MACRO dinheiro(x) AS CAST(round(x, 2) AS DECIMAL(14,2))`,
    // Late-payment interest: 1% a month from the due date; monetary correction: 0.4% a month.
    `CREATE MACRO juros_em(principal, venc, ref) AS dinheiro(CAST(principal AS DOUBLE) * 0.01 * greatest(0, date_sub('month', venc, ref)))`,
    `CREATE MACRO correcao_em(principal, venc, ref) AS dinheiro(CAST(principal AS DOUBLE) * 0.004 * greatest(0, date_sub('month', venc, ref)))`,
    `CREATE MACRO saldo_em(principal, multa, venc, ref) AS principal + multa + juros_em(principal, venc, ref) + correcao_em(principal, venc, ref)`,
  ];
}

export function financeWorld(p: GenParams): string[] {
  return [
    ...financeMacros(),
    `CREATE TABLE w_contribuinte AS
      WITH pf AS (SELECT pessoa_id, nome, bairro_id FROM w_pessoa WHERE idade >= 18 AND rnd(pessoa_id, 'proprietario') < 0.42)
      SELECT row_number() OVER (ORDER BY pessoa_id) AS contribuinte_id, 'PF' AS tipo, pessoa_id,
        CAST(NULL AS VARCHAR) AS cnpj, nome, bairro_id, CAST(NULL AS BOOLEAN) AS mei FROM pf
      UNION ALL
      SELECT (SELECT count(*) FROM pf) + range + 1, 'PJ', NULL,
        make_cnpj(perm(range, 387420489, ${(p.seed * 7727) % 1e8}, 100000000)),
        -- A microempreendedor individual's company name is the owner's own name and CPF, as
        -- the Receita Federal registers it: personal data under a PJ.
        CASE WHEN rnd(range, 'mei') < ${MEI_SHARE}
          THEN pick(${listLit([...NOMES_FEMININOS, ...NOMES_MASCULINOS])}, range, 'mei1') || ' ' || pick(${listLit(SOBRENOMES)}, range, 'mei2')
            || ' ' || pick(${listLit(SOBRENOMES)}, range, 'mei3') || ' ' || make_cpf(perm(range, 387420489, ${(p.seed * 6113) % 1e9}, 1000000000))
          ELSE pick(${listLit(PREFIXOS_EMPRESA)}, range, 'pj1') || ' ' || pick(${listLit(SOBRENOMES)}, range, 'pj2')
            || ' ' || pick(${listLit(SUFIXOS_EMPRESA)}, range, 'pj3') END,
        bairro_of(rnd(range, 'pj_bairro')),
        rnd(range, 'mei') < ${MEI_SHARE}
      FROM range(${p.empresas})`,
    `CREATE TABLE w_imovel AS
      WITH n AS (
        SELECT contribuinte_id, tipo, bairro_id,
          CASE WHEN tipo = 'PJ' THEN 1 + CAST(floor(rnd(contribuinte_id, 'n_im') * 3) AS INTEGER)
               ELSE 1 + CAST(rnd(contribuinte_id, 'n_im') < 0.12 AS INTEGER) + CAST(rnd(contribuinte_id, 'n_im2') < 0.03 AS INTEGER) END AS n
        FROM w_contribuinte
      ), e AS (
        SELECT n.contribuinte_id, n.tipo, j,
          CASE WHEN j = 0 AND rnd(n.contribuinte_id, 'im_local') < 0.75 THEN n.bairro_id
               ELSE bairro_of(rnd2(n.contribuinte_id, j, 'im_bairro')) END AS bairro_id
        FROM n, unnest(range(n.n)) u(j)
      ), sized AS (
        SELECT e.*, row_number() OVER (ORDER BY e.contribuinte_id, e.j) AS imovel_seq, b.pobreza,
          exp(ln(250) + 0.5 * rnorm(e.contribuinte_id * 8 + e.j, 'terreno')) * (CASE WHEN e.tipo = 'PJ' THEN 2.5 ELSE 1 END) AS terreno
        FROM e JOIN bairro b USING (bairro_id)
      ), built AS (
        SELECT *, CASE WHEN rnd(imovel_seq, 'vago') < 0.12 THEN 0 ELSE terreno * (0.3 + 0.9 * rnd(imovel_seq, 'constr')) END AS construida
        FROM sized
      )
      SELECT imovel_seq, contribuinte_id, bairro_id, pobreza,
        regexp_replace(lpad(CAST(perm(imovel_seq, 3486784401, 7, 100000000000) AS VARCHAR), 11, '0'),
          '(\\d{2})(\\d{3})(\\d{3})(\\d{3})', '\\1.\\2.\\3.\\4') AS inscricao_imobiliaria,
        CAST(round(terreno, 2) AS DECIMAL(12,2)) AS area_terreno,
        CAST(round(construida, 2) AS DECIMAL(12,2)) AS area_construida,
        dinheiro(terreno * (300 + 1200 * (1 - pobreza)) + construida * (900 + 1500 * (1 - pobreza))) AS valor_venal
      FROM built`,
    cdaStatement(),
    acordoStatement(),
    // Every CDA inscribed before its debtor's agreement is covered by it.
    `CREATE OR REPLACE TABLE w_cda AS
      SELECT c.*, a.acordo_id FROM w_cda c
      LEFT JOIN w_acordo a ON a.contribuinte_id = c.contribuinte_id AND c.data_inscricao < a.data_acordo`,
    pagamentoStatement(),
  ];
}

function cdaStatement(): string {
  const [e0, e1] = EXERCICIOS;
  return `CREATE TABLE w_cda AS
    WITH cronico AS (
      SELECT contribuinte_id, tipo, rnd(contribuinte_id, 'cronico') < 0.1 AS cronico,
        rnd(contribuinte_id, 'grande') < 0.01 AS grande FROM w_contribuinte
    ), por_imovel AS (
      SELECT i.contribuinte_id, i.imovel_seq, i.inscricao_imobiliaria, i.valor_venal, i.pobreza, c.cronico, ex.exercicio
      FROM w_imovel i JOIN cronico c USING (contribuinte_id), range(${e0}, ${e1 + 1}) ex(exercicio)
    ), itens AS (
      SELECT contribuinte_id, imovel_seq, inscricao_imobiliaria, exercicio, 1 AS t,
        CAST(valor_venal AS DOUBLE) * (0.003 + 0.003 * rnd2(imovel_seq, exercicio, 'aliq')) AS principal
      FROM por_imovel WHERE rnd2(imovel_seq, exercicio, 'iptu') < CASE WHEN cronico THEN 0.55 ELSE 0.04 + 0.12 * pobreza END
      UNION ALL
      SELECT contribuinte_id, imovel_seq, inscricao_imobiliaria, exercicio, 4, 180 + 340 * rnd2(imovel_seq, exercicio, 'lixo_v')
      FROM por_imovel WHERE rnd2(imovel_seq, exercicio, 'iptu') < CASE WHEN cronico THEN 0.55 ELSE 0.04 + 0.12 * pobreza END
        AND rnd2(imovel_seq, exercicio, 'lixo') < 0.4
      UNION ALL
      SELECT contribuinte_id, imovel_seq, inscricao_imobiliaria, exercicio, 6, 1500 + 6500 * rnd(imovel_seq, 'melhoria_v')
      FROM por_imovel WHERE exercicio = 2018 + CAST(floor(rnd(imovel_seq, 'melhoria_ano') * 4) AS INTEGER)
        AND rnd(imovel_seq, 'melhoria') < 0.01
      UNION ALL
      SELECT contribuinte_id, imovel_seq, inscricao_imobiliaria, exercicio, 3, CAST(valor_venal AS DOUBLE) * 0.02
      FROM por_imovel WHERE exercicio = ${e0} + CAST(floor(rnd(imovel_seq, 'itbi_ano') * ${e1 - e0 + 1}) AS INTEGER)
        AND rnd(imovel_seq, 'itbi') < 0.008
      UNION ALL
      SELECT c.contribuinte_id, NULL, NULL, ex.exercicio, 2,
        exp(8.0 + 1.4 * rnorm(c.contribuinte_id * 100 + ex.exercicio, 'iss_v')) * (CASE WHEN c.grande THEN 25 ELSE 1 END)
      FROM cronico c, range(${e0}, ${e1 + 1}) ex(exercicio)
      WHERE c.tipo = 'PJ' AND rnd2(c.contribuinte_id, ex.exercicio, 'iss') < CASE WHEN c.cronico OR c.grande THEN 0.6 ELSE 0.08 END
      UNION ALL
      SELECT c.contribuinte_id, NULL, NULL, ex.exercicio, 5,
        (300 + 5700 * rnd2(c.contribuinte_id, ex.exercicio, 'multa_v')) * (CASE WHEN c.tipo = 'PJ' THEN 3 ELSE 1 END)
      FROM cronico c, range(${e0}, ${e1 + 1}) ex(exercicio)
      WHERE rnd2(c.contribuinte_id, ex.exercicio, 'multa') < 0.012
    ), keyed AS (
      SELECT *, hash(contribuinte_id, coalesce(imovel_seq, 0), t, exercicio) AS k,
        make_date(CAST(exercicio AS INTEGER), 3, 10) AS vencimento
      FROM itens
    ), dated AS (
      SELECT *, make_date(CAST(exercicio AS INTEGER) + 1, 2, 1) + rint(k, 'insc', 0, 300) AS data_inscricao,
        dinheiro(principal) AS valor_principal, rnd(k, 'ciclo') AS uc
      FROM keyed
    )
    SELECT year(data_inscricao) || '/' || lpad(CAST(row_number() OVER (PARTITION BY year(data_inscricao)
        ORDER BY data_inscricao, contribuinte_id, t, coalesce(imovel_seq, 0), exercicio) AS VARCHAR), 6, '0') AS cda,
      contribuinte_id, inscricao_imobiliaria, ${TRIBUTOS}[t] AS tributo, CAST(exercicio AS INTEGER) AS exercicio,
      data_inscricao, vencimento, valor_principal,
      CASE WHEN t = 5 THEN dinheiro(0) ELSE dinheiro(CAST(valor_principal AS DOUBLE) * 0.2) END AS valor_multa,
      CASE WHEN uc < 0.22 THEN 'quitada' WHEN uc < 0.24 THEN 'cancelada'
           WHEN uc < 0.40 AND valor_principal >= 1000 THEN 'ajuizada' WHEN uc < 0.52 THEN 'protestada'
           WHEN uc < 0.62 AND data_inscricao + 1826 <= ${F} THEN 'prescrita' END AS evento,
      CASE WHEN uc < 0.22 THEN data_inscricao + rint(k, 'ev_dia', 20, 1400)
           WHEN uc < 0.24 THEN data_inscricao + rint(k, 'ev_dia', 30, 700)
           WHEN uc < 0.40 AND valor_principal >= 1000 THEN data_inscricao + rint(k, 'ev_dia', 180, 1100)
           WHEN uc < 0.52 THEN data_inscricao + rint(k, 'ev_dia', 60, 400)
           WHEN uc < 0.62 THEN data_inscricao + 1826 END AS data_evento
    FROM dated WHERE data_inscricao <= ${F}`;
}

function acordoStatement(): string {
  return `CREATE TABLE w_acordo AS
    WITH devedores AS (
      SELECT contribuinte_id, min(data_inscricao) AS primeira FROM w_cda GROUP BY contribuinte_id
    ), escolhidos AS (
      SELECT contribuinte_id,
        primeira + 30 + CAST(floor(rnd(contribuinte_id, 'acordo_dia') * greatest(0, ${F} - primeira - 30)) AS INTEGER) AS data_acordo
      FROM devedores WHERE rnd(contribuinte_id, 'acordo') < 0.15 AND primeira + 30 <= ${F}
    ), numerado AS (
      SELECT row_number() OVER (ORDER BY data_acordo, contribuinte_id) AS acordo_id, *,
        [6, 10, 12, 24, 36, 48, 60][1 + CAST(floor(rnd(contribuinte_id, 'parcelas') * 7) AS INTEGER)] AS num_parcelas
      FROM escolhidos
    )
    SELECT n.*, CASE WHEN rnd(n.contribuinte_id, 'bom_pagador') < 0.65 THEN n.num_parcelas
                     ELSE CAST(floor(rnd(n.contribuinte_id, 'para_em') * n.num_parcelas) AS INTEGER) END AS paga_ate,
      (SELECT sum(saldo_em(c.valor_principal, c.valor_multa, c.vencimento, n.data_acordo)) FROM w_cda c
        WHERE c.contribuinte_id = n.contribuinte_id AND c.data_inscricao < n.data_acordo) AS valor_total
    FROM numerado n`;
}

function pagamentoStatement(): string {
  return `CREATE TABLE w_pagamento AS
    WITH parcelas AS (
      SELECT NULL AS cda, a.acordo_id, CAST(a.data_acordo + to_months(CAST(i AS INTEGER)) AS DATE) + rint(a.acordo_id * 100 + i, 'atraso_parc', 0, 5) AS data_pagamento,
        dinheiro(CAST(a.valor_total AS DOUBLE) / a.num_parcelas) AS valor
      FROM w_acordo a, unnest(range(a.paga_ate)) u(i)
    ), quitacoes AS (
      SELECT c.cda, NULL AS acordo_id, c.data_evento AS data_pagamento,
        saldo_em(c.valor_principal, c.valor_multa, c.vencimento, c.data_evento) AS valor
      FROM w_cda c
      WHERE c.evento = 'quitada' AND c.data_evento <= ${F}
        AND c.acordo_id IS NULL
    ), todos AS (SELECT * FROM parcelas WHERE data_pagamento <= ${F} UNION ALL SELECT * FROM quitacoes)
    SELECT row_number() OVER (ORDER BY data_pagamento, coalesce(cda, ''), coalesce(acordo_id, 0)) AS pagamento_id, *
    FROM todos`;
}
