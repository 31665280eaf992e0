// The key two snapshots of a table are compared by: the one asked for, else the table's `chave:`
// in dicionario.yaml, else the registry's own keys below (a data dir whose dictionary predates
// `chave:` still compares); a table with none of these needs one given.
import { WorkbenchError } from '../api/index.ts';
import type { DictionaryTable } from '../registry/dictionary.ts';

/** The registry tables' keys (docs/DATA-CONTRACT.md), unique in every generated snapshot. */
const REGISTRY_KEYS: Readonly<Record<string, readonly string[]>> = {
  pessoa: ['pessoa_id'],
  familia: ['familia_id'],
  vinculo: ['sistema', 'id_origem'],
  escola: ['escola_id'],
  matricula: ['matricula_id'],
  frequencia: ['matricula_id', 'mes'],
  fila_creche: ['pedido_id'],
  unidade_saude: ['unidade_id'],
  agendamento: ['agendamento_id'],
  vacinacao: ['pessoa_id', 'vacina', 'dose'],
  calendario_vacinal: ['vacina', 'dose'],
  atendimento_social: ['atendimento_id'],
  contribuinte: ['contribuinte_id'],
  imovel: ['inscricao_imobiliaria'],
  divida_ativa: ['cda'],
  parcelamento: ['acordo_id'],
  pagamento: ['pagamento_id'],
  obra: ['obra_id'],
  medicao: ['obra_id', 'data_medicao'],
};

/** The key columns, each present in both snapshots' columns; a `parameter` error otherwise. */
export function diffKey(table: string, given: readonly string[] | undefined, entry: DictionaryTable | undefined, columns: ReadonlySet<string>): string[] {
  const key = given !== undefined && given.length > 0 ? given : (entry?.key ?? REGISTRY_KEYS[table]);
  if (key === undefined) {
    throw new WorkbenchError({ code: 'parameter', message: `A tabela ${table} não tem chave declarada: informe as colunas da chave (--key).` });
  }
  const missing = key.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new WorkbenchError({ code: 'parameter', message: `A chave de ${table} cita colunas que não estão nos dois snapshots: ${missing.join(', ')}.` });
  }
  return [...new Set(key)];
}
