// The dictionary of the pseudonymised tier: the input's, with each treated column saying what
// became of it, and `camada: pseudonimizada` at the top. Comments and order are kept.
import { parseDocument } from 'yaml';
import type { ColumnTreatment } from './pseudonymise.ts';

const NOTES: Record<ColumnTreatment, string> = {
  token: 'Pseudonimizado: token HMAC-SHA256 com chave (o mesmo valor dá o mesmo token em todas as tabelas).',
  null: 'Removido nesta camada: sempre nulo (exceto nome de pessoa jurídica).',
  month: 'Reduzida ao mês: primeiro dia do mês de nascimento.',
};

export function pseudonymisedDictionary(
  source: string,
  treated: readonly { table: string; column: string; treatment: ColumnTreatment }[],
): string {
  const document = parseDocument(source === '' ? 'tabelas: {}\n' : source);
  document.set('camada', 'pseudonimizada');
  for (const { table, column, treatment } of treated) {
    const where = ['tabelas', table, 'colunas', column];
    if (!document.hasIn(where)) continue;
    const previous = document.getIn([...where, 'descricao']);
    const note = NOTES[treatment];
    document.setIn([...where, 'descricao'], typeof previous === 'string' ? `${previous}. ${note}` : note);
    if (treatment === 'token') document.setIn([...where, 'tipo'], 'VARCHAR');
  }
  return document.toString();
}
