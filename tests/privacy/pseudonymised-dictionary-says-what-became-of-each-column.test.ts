// The dictionary published with the pseudonymised tier: the input's, comments and order kept,
// `camada: pseudonimizada` at the top, and each treated column saying what became of it (a
// token is now VARCHAR); columns the dictionary does not have are left out, not invented.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pseudonymisedDictionary } from '../../main/core/privacy/pseudonymised-dictionary.ts';

const SOURCE = `# Dicionário do cadastro
versao: 1
tabelas:
  pessoa:
    colunas:
      cpf:
        tipo: BIGINT
        descricao: CPF da pessoa
      nome:
        tipo: VARCHAR
      data_nascimento:
        tipo: DATE
        descricao: Data de nascimento
      bairro:
        tipo: VARCHAR
        descricao: Bairro
`;

/** Made inside each test: a mutant is only switched on while a test runs, not while vitest collects. */
function treated(): { text: string; document: { camada: string; tabelas: Record<string, { colunas: Record<string, { tipo: string; descricao?: string }> }> } } {
  const text = pseudonymisedDictionary(SOURCE, [
    { table: 'pessoa', column: 'cpf', treatment: 'token' },
    { table: 'pessoa', column: 'nome', treatment: 'null' },
    { table: 'pessoa', column: 'data_nascimento', treatment: 'month' },
    { table: 'pessoa', column: 'nao_existe', treatment: 'token' },
    { table: 'familia', column: 'cpf', treatment: 'token' },
  ]);
  return { text, document: parse(text) as ReturnType<typeof treated>['document'] };
}

describe('the pseudonymised dictionary', () => {
  it('says each treatment after the column’s own description, and a token is text', () => {
    const { document } = treated();
    expect(document.camada).toBe('pseudonimizada');
    expect(document.tabelas.pessoa?.colunas).toEqual({
      cpf: {
        tipo: 'VARCHAR',
        descricao: 'CPF da pessoa. Pseudonimizado: token HMAC-SHA256 com chave (o mesmo valor dá o mesmo token em todas as tabelas).',
      },
      nome: { tipo: 'VARCHAR', descricao: 'Removido nesta camada: sempre nulo (exceto nome de pessoa jurídica).' },
      data_nascimento: { tipo: 'DATE', descricao: 'Data de nascimento. Reduzida ao mês: primeiro dia do mês de nascimento.' },
      bairro: { tipo: 'VARCHAR', descricao: 'Bairro' },
    });
  });

  it('keeps the comments and adds no table or column of its own', () => {
    const { text, document } = treated();
    expect(text.startsWith('# Dicionário do cadastro\n')).toBe(true);
    expect(Object.keys(document.tabelas)).toEqual(['pessoa']);
  });

  it('starts from an empty dictionary when there is none', () => {
    expect(parse(pseudonymisedDictionary('', [{ table: 'pessoa', column: 'cpf', treatment: 'token' }]))).toEqual({ tabelas: {}, camada: 'pseudonimizada' });
  });
});
