// Finance snapshot tables: the state of taxpayers' debts and agreements at a reference date.
import type { Domain } from './domain.ts';
import { financeWorld } from './finance-world.ts';

/** Agreements signed by `ref`, with the instalments paid and their state at `ref`. */
function acordoRef(ref: string): string {
  return `acordo_ref AS (
    SELECT a.acordo_id, a.contribuinte_id, a.data_acordo, a.num_parcelas, a.valor_total,
      coalesce(p.pagas, 0) AS pagas, p.ultimo_pagamento,
      CASE WHEN ${ref} - 5 < a.data_acordo THEN 0
           ELSE least(a.num_parcelas, date_sub('month', a.data_acordo, ${ref} - 5) + 1) END AS vencidas,
      CAST(a.data_acordo + to_months(CAST(a.paga_ate + 2 AS INTEGER)) AS DATE) + 5 AS data_rompimento
    FROM w_acordo a
    LEFT JOIN (SELECT acordo_id, count(*) AS pagas, max(data_pagamento) AS ultimo_pagamento FROM w_pagamento
               WHERE acordo_id IS NOT NULL AND data_pagamento <= ${ref} GROUP BY acordo_id) p USING (acordo_id)
    WHERE a.data_acordo <= ${ref}
  ), acordo_estado AS (
    SELECT *, CASE WHEN pagas >= num_parcelas THEN 'quitado' WHEN vencidas - pagas >= 3 THEN 'rompido'
                   WHEN vencidas > pagas THEN 'atrasado' ELSE 'em_dia' END AS situacao
    FROM acordo_ref
  )`;
}

function dividaSelect(ref: string): string {
  return `WITH ${acordoRef(ref)}, estado AS (
      SELECT c.*, a.pagas, a.num_parcelas,
        CASE WHEN a.acordo_id IS NOT NULL THEN (CASE a.situacao WHEN 'quitado' THEN 'quitada' WHEN 'rompido' THEN 'aberta' ELSE 'parcelada' END)
             WHEN c.acordo_id IS NULL AND c.data_evento <= ${ref} THEN c.evento ELSE 'aberta' END AS situacao,
        CASE WHEN a.acordo_id IS NOT NULL THEN (CASE a.situacao WHEN 'quitado' THEN a.ultimo_pagamento
                                                WHEN 'rompido' THEN a.data_rompimento ELSE a.data_acordo END)
             WHEN c.acordo_id IS NULL AND c.data_evento <= ${ref} THEN c.data_evento ELSE c.data_inscricao END AS data_situacao
      FROM w_cda c LEFT JOIN acordo_estado a ON a.acordo_id = c.acordo_id
      WHERE c.data_inscricao <= ${ref}
    ), calculado AS (
      SELECT *, CASE WHEN situacao IN ('quitada', 'cancelada', 'prescrita') THEN data_situacao ELSE ${ref} END AS calculo_em
      FROM estado
    )
    SELECT cda, contribuinte_id, inscricao_imobiliaria, tributo, exercicio, data_inscricao, valor_principal,
      juros_em(valor_principal, vencimento, calculo_em) AS valor_juros, valor_multa,
      correcao_em(valor_principal, vencimento, calculo_em) AS valor_correcao,
      CASE WHEN situacao IN ('quitada', 'cancelada', 'prescrita') THEN dinheiro(0)
           WHEN situacao = 'parcelada' THEN dinheiro(CAST(saldo_em(valor_principal, valor_multa, vencimento, calculo_em) AS DOUBLE)
                                                     * (1 - pagas / num_parcelas))
           ELSE saldo_em(valor_principal, valor_multa, vencimento, calculo_em) END AS saldo,
      situacao, data_situacao
    FROM calculado`;
}

export const financeDomain: Domain = {
  label: 'finanças',
  world: (p) => financeWorld(p),
  tables: [
    {
      name: 'contribuinte',
      orderBy: 'contribuinte_id',
      select: () => `SELECT contribuinte_id, tipo, pessoa_id, cnpj, nome, mei FROM w_contribuinte`,
    },
    {
      name: 'imovel',
      orderBy: 'inscricao_imobiliaria',
      select: () => `
        SELECT i.inscricao_imobiliaria, i.contribuinte_id, b.nome AS bairro, i.area_terreno, i.area_construida, i.valor_venal
        FROM w_imovel i JOIN bairro b USING (bairro_id)`,
    },
    { name: 'divida_ativa', orderBy: 'cda', select: dividaSelect },
    {
      name: 'parcelamento',
      orderBy: 'acordo_id',
      select: (ref) => `WITH ${acordoRef(ref)}
        SELECT acordo_id, contribuinte_id, data_acordo, num_parcelas, pagas AS parcelas_pagas, valor_total, situacao
        FROM acordo_estado`,
    },
    {
      name: 'pagamento',
      orderBy: 'pagamento_id',
      select: (ref) => `SELECT pagamento_id, cda, acordo_id, data_pagamento, valor FROM w_pagamento WHERE data_pagamento <= ${ref}`,
    },
  ],
};
