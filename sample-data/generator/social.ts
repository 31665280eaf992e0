// Social assistance attendances of CadÚnico families at their CRAS.
import { sqlDate, type Domain } from './domain.ts';
import { FINAL_DATE, HISTORY_START } from './params.ts';
import { weighted } from './sql-helpers.ts';

const F = sqlDate(FINAL_DATE);
const H = sqlDate(HISTORY_START);

export const socialDomain: Domain = {
  label: 'assistência social',
  world: () => [
    `CREATE TABLE w_atendimento AS
      WITH counted AS (
        SELECT familia_id, membros, acompanhada,
          CAST(floor((CASE WHEN acompanhada THEN 6.0 ELSE 1.2 END) * (${F} - ${H}) / 365.25 + rnd(familia_id, 'n_at')) AS INTEGER) AS n
        FROM w_familia
      ), expanded AS (
        SELECT c.*, j, ${H} + CAST(floor(rnd2(familia_id, j, 'at_dia') * (${F} - ${H} + 1)) AS INTEGER) AS data,
          rnd2(familia_id, j, 'at_serv') AS us
        FROM counted c, unnest(range(c.n)) u(j)
      )
      SELECT row_number() OVER (ORDER BY e.data, e.familia_id, e.j) AS atendimento_id, e.familia_id, e.data,
        CASE WHEN rnd2(e.familia_id, e.j, 'at_pessoa') < 0.7 AND p.data_nascimento <= e.data THEN m.pessoa_id END AS pessoa_id,
        CASE WHEN e.acompanhada
          THEN ${weighted('e.us', [['PAIF', 50], ['PAEFI', 15], ['SCFV', 15], ['cadastro_unico', 10], ['beneficio_eventual', 10]])}
          ELSE ${weighted('e.us', [['cadastro_unico', 45], ['beneficio_eventual', 20], ['SCFV', 20], ['PAIF', 15]])}
        END AS servico,
        e.acompanhada
      FROM expanded e
      JOIN w_membro m ON m.familia_id = e.familia_id
        AND m.membro_k = CAST(floor(rnd2(e.familia_id, e.j, 'at_membro') * e.membros) AS BIGINT)
      JOIN w_pessoa p ON p.pessoa_id = m.pessoa_id`,
  ],
  tables: [
    {
      name: 'atendimento_social',
      orderBy: 'atendimento_id',
      select: (ref) => `
        SELECT a.atendimento_id, a.familia_id, a.pessoa_id, b.cras, a.data, a.servico,
          a.acompanhada AND a.servico IN ('PAIF', 'PAEFI') AS acompanhamento
        FROM w_atendimento a JOIN w_familia f USING (familia_id) JOIN bairro b ON b.bairro_id = f.bairro_id
        WHERE a.data <= ${ref}`,
    },
  ],
};
