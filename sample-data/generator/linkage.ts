// The crosswalk (vinculo) from source-system ids to the golden person key, with a few
// duplicate source ids left in for the data-quality panel.
import { sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE } from './params.ts';

const F = sqlDate(FINAL_DATE);

const PROBABILISTIC_SCORE = (key: string) => `round(0.62 + 0.35 * rnd(${key}, 'score'), 4)`;

export const linkageDomain: Domain = {
  label: 'vínculos',
  world: () => [
    `CREATE TABLE w_vinculo AS
      WITH fontes AS (
        SELECT pessoa_id, 'esus_aps' AS sistema, cpf IS NOT NULL AS tem_cpf, cns IS NOT NULL AS tem_chave,
          CASE WHEN data_nascimento >= DATE '2014-01-01' THEN data_nascimento + rint(pessoa_id, 'v_esus', 3, 25)
               ELSE DATE '2014-01-01' + rint(pessoa_id, 'v_esus', 0, 4000) END AS vinculado_em,
          rnd(pessoa_id, 'dup_esus') < 0.006 AS duplicado, CAST(NULL AS BIGINT) AS contribuinte_id
        FROM w_pessoa WHERE cns IS NOT NULL OR rnd(pessoa_id, 'esus_sem_cns') < 0.5
        UNION ALL
        SELECT m.pessoa_id, 'educacao', p.cpf IS NOT NULL, false, min(m.data_matricula), rnd(m.pessoa_id, 'dup_edu') < 0.004, NULL
        FROM w_matricula m JOIN w_pessoa p USING (pessoa_id) GROUP BY m.pessoa_id, p.cpf
        UNION ALL
        SELECT p.pessoa_id, 'cadunico', p.cpf IS NOT NULL, true,
          CASE WHEN p.data_nascimento >= DATE '2024-01-01' THEN p.data_nascimento + rint(p.pessoa_id, 'v_cad', 10, 60)
               ELSE DATE '2012-01-01' + rint(p.pessoa_id, 'v_cad', 0, 4000) END, false, NULL
        FROM w_membro m JOIN w_pessoa p USING (pessoa_id)
        UNION ALL
        SELECT c.pessoa_id, 'tributario', p.cpf IS NOT NULL, false, DATE '2010-01-01' + rint(c.pessoa_id, 'v_trib', 0, 3000), false, c.contribuinte_id
        FROM w_contribuinte c JOIN w_pessoa p USING (pessoa_id) WHERE c.tipo = 'PF'
      ), linhas AS (
        SELECT *, 0 AS copia FROM fontes
        UNION ALL
        SELECT pessoa_id, sistema, tem_cpf, tem_chave, vinculado_em + rint(pessoa_id, 'v_dup', 30, 600), duplicado, contribuinte_id, 1
        FROM fontes WHERE duplicado
      )
      SELECT l.pessoa_id, l.sistema, l.vinculado_em,
        CASE l.sistema
          WHEN 'esus_aps' THEN 'APS' || lpad(CAST(perm(l.pessoa_id * 2 + l.copia, 387420489, 11, 10000000000) AS VARCHAR), 10, '0')
          WHEN 'educacao' THEN 'RA' || lpad(CAST(perm(l.pessoa_id * 2 + l.copia, 3486784401, 5, 1000000000000) AS VARCHAR), 12, '0')
          WHEN 'cadunico' THEN p.nis_se_cadastrado
          ELSE 'CT' || lpad(CAST(l.contribuinte_id AS VARCHAR), 8, '0') END AS id_origem,
        CASE WHEN l.copia = 1 OR rnd2(l.pessoa_id, l.sistema, 'prob') < 0.04 OR NOT (l.tem_cpf OR l.tem_chave) THEN 'probabilistico'
             WHEN l.sistema = 'cadunico' THEN 'nis'
             WHEN l.tem_cpf THEN 'cpf' ELSE 'cns' END AS metodo,
        CASE WHEN l.copia = 1 THEN round(0.55 + 0.35 * rnd(l.pessoa_id, 'score_dup'), 4)
             WHEN rnd2(l.pessoa_id, l.sistema, 'prob') < 0.04 OR NOT (l.tem_cpf OR l.tem_chave) THEN ${PROBABILISTIC_SCORE('l.pessoa_id * 7 + l.copia')}
             ELSE 1.0 END AS score
      FROM linhas l JOIN w_pessoa p USING (pessoa_id)
      WHERE l.vinculado_em <= ${F}`,
  ],
  tables: [
    {
      name: 'vinculo',
      orderBy: 'pessoa_id, sistema, id_origem',
      select: (ref) => `
        SELECT v.pessoa_id, v.sistema, v.id_origem, v.metodo, CAST(v.score AS DOUBLE) AS score
        FROM w_vinculo v JOIN w_pessoa p USING (pessoa_id)
        WHERE v.vinculado_em <= ${ref} AND p.data_nascimento <= ${ref}`,
    },
  ],
};
