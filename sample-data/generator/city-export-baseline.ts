// Counts of the rules the export injects, by the plainest SQL and the check digits of
// city-export-documents.ts: run on the clean snapshot they give the truth file's baseline;
// run on tables read back from the exported files they must give baseline + injected.
// Tables are read by their names on the connection given (tables or views).
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { DOCUMENT_VALIDATORS, type DocumentKind } from './city-export-documents.ts';
import type { RuleCount } from './city-export-truth.ts';

export type RuleTarget = Omit<RuleCount, 'count' | 'values'>;

/** What each (rule, table, column) the export injects means, as a count of rows. */
async function countOf(conn: DuckDBConnection, target: RuleTarget, date: string): Promise<number> {
  const table = quotedIdentifier(target.table);
  const column = target.column === undefined ? '' : quotedIdentifier(target.column);
  const scalar = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]?.[0] ?? 0);
  const key = `${target.rule} ${target.table}.${target.column ?? ''}`;
  switch (key) {
    case 'digito_verificador pessoa.cpf':
    case 'digito_verificador pessoa.cns':
    case 'digito_verificador pessoa.nis':
    case 'digito_verificador contribuinte.cnpj': {
      const valid = DOCUMENT_VALIDATORS[target.column as DocumentKind];
      const values = (await conn.runAndReadAll(`SELECT ${column} FROM ${table} WHERE trim(${column}) <> ''`)).getRowsJS();
      return values.filter(([value]) => !valid(String(value))).length;
    }
    case 'cpf_repetido pessoa.cpf':
      return scalar(`SELECT count(*) FROM pessoa WHERE cpf IN (SELECT cpf FROM pessoa WHERE cpf IS NOT NULL GROUP BY cpf HAVING count(*) > 1)`);
    case 'chave_estrangeira_orfa matricula.pessoa_id':
      return scalar(`SELECT count(*) FROM matricula WHERE pessoa_id IS NOT NULL
        AND pessoa_id NOT IN (SELECT pessoa_id FROM pessoa WHERE pessoa_id IS NOT NULL)`);
    case 'data_impossivel pessoa.data_nascimento':
      return scalar(`SELECT count(*) FROM pessoa WHERE data_nascimento > DATE ${quotedString(date)}`);
    case 'data_impossivel matricula.data_matricula':
      return scalar(`SELECT count(*) FROM matricula m JOIN pessoa p USING (pessoa_id) WHERE m.data_matricula < p.data_nascimento`);
    case 'coluna_ausente escola.capacidade':
    case 'arquivo_ilegivel vacinacao.':
      return 0;
    default:
      throw new Error(`sem contagem de referência para ${key}`);
  }
}

/** The number of distinct CPFs shared by more than one row (for `cpf_repetido`). */
async function sharedValues(conn: DuckDBConnection): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT count(*) FROM (SELECT cpf FROM pessoa WHERE cpf IS NOT NULL GROUP BY cpf HAVING count(*) > 1)`);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

export async function countRules(conn: DuckDBConnection, targets: readonly RuleTarget[], date: string): Promise<RuleCount[]> {
  const counts: RuleCount[] = [];
  for (const target of targets) {
    const count = await countOf(conn, target, date);
    counts.push({ ...target, count, ...(target.rule === 'cpf_repetido' ? { values: await sharedValues(conn) } : {}) });
  }
  return counts;
}
