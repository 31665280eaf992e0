// People, CadÚnico families and the neighbourhood table every other domain joins to.
import { slotList, sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE, SNAPSHOT_DATES, type GenParams } from './params.ts';
import { BAIRROS, NOMES_FEMININOS, NOMES_MASCULINOS, SOBRENOMES } from './reference-data.ts';
import { lit, listLit, weighted } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);
const FIRST_SNAPSHOT = sqlDate(SNAPSHOT_DATES[0]);

/** Age bands from 7 years up (children 0–6 are laid out evenly by birth date instead). */
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [7, 10, 3.8], [10, 15, 6.4], [15, 20, 6.8], [20, 25, 7.4], [25, 30, 7.6], [30, 35, 7.6], [35, 40, 8.0],
  [40, 45, 7.9], [45, 50, 6.9], [50, 55, 6.4], [55, 60, 6.0], [60, 65, 5.2], [65, 70, 4.2], [70, 75, 3.1],
  [75, 80, 2.0], [80, 85, 1.3], [85, 90, 0.6], [90, 100, 0.3],
];

function bairroStatements(p: GenParams): string[] {
  const rows = BAIRROS.map(
    (x, i) => `(${i + 1}, ${lit(x.nome)}, ${lit(x.cras)}, ${x.peso}, ${x.pobreza}, ${x.lat}, ${x.lon})`,
  );
  const slots = slotList(BAIRROS.map((x) => x.peso)).map((i) => i + 1);
  return [
    `CREATE TABLE bairro AS SELECT * FROM (VALUES ${rows.join(', ')})
       t(bairro_id, nome, cras, peso, pobreza, lat, lon)`,
    `CREATE MACRO bairro_of(u) AS [${slots.join(',')}][1 + CAST(floor(u * 1000) AS BIGINT)]`,
    `CREATE MACRO ubs_of(bairro_id, u) AS (bairro_id - 1) * ${p.unidadesPorBairro} + CAST(floor(u * ${p.unidadesPorBairro}) AS BIGINT) + 1`,
  ];
}

function pessoaStatement(p: GenParams): string {
  const bandSlots = slotList(AGE_BANDS.map(([, , w]) => w));
  const bandLo = `[${bandSlots.map((i) => AGE_BANDS[i]?.[0]).join(',')}]`;
  const bandHi = `[${bandSlots.map((i) => AGE_BANDS[i]?.[1]).join(',')}]`;
  const N = p.pessoas;
  const K = p.criancas;
  const fem = listLit(NOMES_FEMININOS);
  const masc = listLit(NOMES_MASCULINOS);
  const sob = listLit(SOBRENOMES);
  return `CREATE TABLE w_pessoa AS
  WITH base AS (
    SELECT range AS idx,
      (range + 1) * ${K} // ${N} - range * ${K} // ${N} = 1 AS is_kid,
      range * ${K} // ${N} AS kid_rank,
      CAST(floor(rnd(range, 'faixa') * 1000) AS BIGINT) + 1 AS band_slot
    FROM range(${N})
  ), born AS (
    SELECT *,
      CASE WHEN is_kid
        THEN ${F} - CAST(floor(((kid_rank * ${p.multCriancas}) % ${K} + rnd(idx, 'nasc')) * 2557.0 / ${K}) AS INTEGER)
        ELSE ${F} - CAST(floor((${bandLo}[band_slot] + rnd(idx, 'idade') * (${bandHi}[band_slot] - ${bandLo}[band_slot])) * 365.25) AS INTEGER)
      END AS data_nascimento,
      bairro_of(rnd(idx, 'bairro')) AS bairro_id
    FROM base
  ), aged AS (
    SELECT b.*, (${F} - b.data_nascimento) / 365.25 AS idade, bx.pobreza,
      make_cpf(perm(idx, 387420489, ${(p.seed * 7919) % 1e9}, 1000000000)) AS cpf_calculado,
      make_cns(perm(idx, 3486784401, ${(p.seed * 104729) % 1e12}, 1000000000000)) AS cns_calculado,
      CASE WHEN rnd(idx, 'sexo') < (CASE WHEN is_kid THEN 0.49 ELSE 0.515 END) THEN 'F' ELSE 'M' END AS sexo
    FROM born b JOIN bairro bx USING (bairro_id)
  )
  SELECT idx + 1 AS pessoa_id, idx, data_nascimento, idade, sexo, bairro_id, pobreza,
    ${weighted("rnd(idx, 'raca')", [['branca', 52], ['parda', 36], ['preta', 8.5], ['amarela', 3], ['indigena', 0.5]])} AS raca_cor,
    CASE WHEN sexo = 'F' THEN pick(${fem}, idx, 'n1') ELSE pick(${masc}, idx, 'n1') END
      || CASE WHEN rnd(idx, 'composto') < 0.2
           THEN ' ' || CASE WHEN sexo = 'F' THEN pick(${fem}, idx, 'n2') ELSE pick(${masc}, idx, 'n2') END
           ELSE '' END
      || ' ' || pick(${sob}, idx, 's1') || ' ' || pick(${sob}, idx, 's2') AS nome,
    pick(${fem}, idx, 'm1') || ' ' || pick(${sob}, idx, 'm2') || ' ' || pick(${sob}, idx, 's1') AS nome_mae,
    CASE
      WHEN idade < 12 AND rnd(idx, 'semcpf') < 0.04 THEN NULL
      WHEN idade >= 12 AND rnd(idx, 'semcpf') < 0.003 THEN NULL
      ELSE cpf_calculado
    END AS cpf,
    data_nascimento + CAST(floor(-ln(1 - rnd(idx, 'cpfdata')) * 75) AS INTEGER) AS cpf_desde,
    CASE WHEN rnd(idx, 'semcns') < 0.015 THEN NULL ELSE cns_calculado END AS cns,
    rnd(idx, 'cad') < pobreza * (CASE WHEN idade < 7 THEN 0.72 WHEN idade < 18 THEN 0.55 ELSE 0.4 END) AS no_cadunico,
    make_nis(perm(idx, 1162261467, ${(p.seed * 3571) % 1e9}, 1000000000)) AS nis_se_cadastrado,
    CASE WHEN rnd(idx, 'obito') < (CASE WHEN idade >= 80 THEN 0.12 WHEN idade >= 70 THEN 0.05
        WHEN idade >= 60 THEN 0.02 WHEN idade >= 1 THEN 0.002 ELSE 0.006 END)
      THEN ${F} - CAST(floor(rnd(idx, 'obito_d') * least(730, ${F} - data_nascimento + 1)) AS INTEGER)
    END AS data_obito,
    TIMESTAMP '${FINAL_DATE} 18:00:00' - to_seconds(CAST(floor(rnd(idx, 'atualiz') * 94608000) AS BIGINT)) AS atualizado_final,
    ubs_of(bairro_id, rnd(idx, 'ubs')) AS unidade_saude_id
  FROM aged`;
}

function familiaStatements(): string[] {
  return [
    // CadÚnico people are grouped into households within their neighbourhood (about 3.1 each).
    `CREATE TABLE w_membro AS
      WITH cad AS (SELECT pessoa_id, bairro_id, count(*) OVER (PARTITION BY bairro_id) AS n FROM w_pessoa WHERE no_cadunico),
      slotted AS (SELECT pessoa_id, bairro_id, CAST(floor(rnd(pessoa_id, 'familia') * greatest(1, round(n / 3.1))) AS BIGINT) AS slot FROM cad)
      SELECT pessoa_id, bairro_id, dense_rank() OVER (ORDER BY bairro_id, slot) AS familia_id,
        row_number() OVER (PARTITION BY bairro_id, slot ORDER BY pessoa_id) - 1 AS membro_k
      FROM slotted`,
    `CREATE TABLE w_familia AS
      WITH f AS (SELECT familia_id, any_value(bairro_id) AS bairro_id, count(*) AS membros,
                   min(p.data_nascimento) AS nascimento_mais_velho, max(p.data_nascimento) AS nascimento_mais_novo
                 FROM w_membro m JOIN w_pessoa p USING (pessoa_id, bairro_id) GROUP BY familia_id)
      SELECT f.*, bx.pobreza,
        CAST(round(CASE WHEN rnd(familia_id, 'faixa') < 0.22 + 0.25 * bx.pobreza THEN rnd(familia_id, 'renda') * 109
          WHEN rnd(familia_id, 'faixa') < 0.45 + 0.3 * bx.pobreza THEN 109.01 + rnd(familia_id, 'renda') * 108.99
          WHEN rnd(familia_id, 'faixa') < 0.85 THEN 218.01 + rnd(familia_id, 'renda') * 540.99
          ELSE 759.01 + rnd(familia_id, 'renda') * 900 END, 2) AS DECIMAL(10,2)) AS renda_per_capita,
        lpad(CAST(perm(familia_id, 387420489, 12345, 100000000000) AS VARCHAR), 11, '0') AS codigo_familiar,
        ${F} - CAST(floor(rnd(familia_id, 'atualiz') * 900) AS INTEGER) AS atualizacao_final,
        rnd(familia_id, 'acompanhada') < 0.08 + 0.25 * bx.pobreza AS acompanhada,
        rnd(familia_id, 'bolsa') < 0.9 AS bolsa_se_elegivel
      FROM f JOIN bairro bx USING (bairro_id)`,
  ];
}

export const peopleDomain: Domain = {
  label: 'pessoas e famílias',
  world: (p) => [
    ...bairroStatements(p),
    pessoaStatement(p),
    // Some people who are not on CadÚnico moved in the last month: the older snapshot shows their old address.
    `ALTER TABLE w_pessoa ADD COLUMN bairro_anterior BIGINT`,
    `UPDATE w_pessoa SET bairro_anterior = CASE WHEN NOT no_cadunico AND CAST(atualizado_final AS DATE) > ${FIRST_SNAPSHOT}
        AND rnd(pessoa_id, 'mudou') < 0.3 THEN bairro_of(rnd(pessoa_id, 'bairro_ant')) ELSE bairro_id END`,
    ...familiaStatements(),
  ],
  tables: [
    {
      name: 'pessoa',
      orderBy: 'pessoa_id',
      select: (ref) => `
        SELECT p.pessoa_id, CASE WHEN p.cpf_desde <= ${ref} THEN p.cpf END AS cpf, p.cns,
          CASE WHEN p.no_cadunico THEN p.nis_se_cadastrado END AS nis, p.nome, p.nome_mae, p.data_nascimento,
          p.sexo, p.raca_cor, m.familia_id, b.nome AS bairro, b.cras AS territorio_cras,
          CASE WHEN p.bairro_anterior = p.bairro_id OR CAST(p.atualizado_final AS DATE) <= ${ref} THEN p.unidade_saude_id
               ELSE ubs_of(p.bairro_anterior, rnd(p.pessoa_id, 'ubs')) END AS unidade_saude_id,
          CASE WHEN p.data_obito <= ${ref} THEN p.data_obito END AS data_obito,
          CASE WHEN CAST(p.atualizado_final AS DATE) <= ${ref} THEN p.atualizado_final
               ELSE greatest(CAST(p.data_nascimento AS TIMESTAMP), p.atualizado_final - INTERVAL 400 DAY) END AS atualizado_em
        FROM w_pessoa p
        JOIN bairro b ON b.bairro_id = CASE WHEN CAST(p.atualizado_final AS DATE) <= ${ref} THEN p.bairro_id ELSE p.bairro_anterior END
        LEFT JOIN w_membro m ON m.pessoa_id = p.pessoa_id
        WHERE p.data_nascimento <= ${ref}`,
    },
    {
      name: 'familia',
      orderBy: 'familia_id',
      select: (ref) => `
        SELECT f.familia_id, f.codigo_familiar, f.renda_per_capita,
          CASE WHEN f.renda_per_capita <= 109 THEN 'extrema_pobreza' WHEN f.renda_per_capita <= 218 THEN 'pobreza'
               WHEN f.renda_per_capita <= 759 THEN 'baixa_renda' ELSE 'acima_meio_salario' END AS faixa_renda,
          f.renda_per_capita <= 218 AND f.bolsa_se_elegivel AS bolsa_familia,
          b.cras, b.nome AS bairro,
          CASE WHEN f.atualizacao_final <= ${ref} THEN f.atualizacao_final ELSE f.atualizacao_final - 365 END
            AS data_atualizacao_cadastral
        FROM w_familia f JOIN bairro b USING (bairro_id)
        WHERE f.nascimento_mais_velho <= ${ref}`,
    },
  ],
};
