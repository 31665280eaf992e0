// Each rule on a hand-made export that breaks it a known number of times, with the severity
// the dictionary gives it; and the dictionary's declarations themselves checked.
import { describe, expect, it } from 'vitest';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';
import { checkDeclarations } from '../../main/core/snapshot-import/declarations.ts';
import { CPFS, DICTIONARY, MATRICULA_CSV, PESSOA_CSV, dataDir, exportDir, run, summary } from './support.ts';

const HEADER = 'pessoa_id;cpf;nome;data_nascimento;sexo;renda';

describe('rules', () => {
  it('keys null and repeated, orphan references, check digits, repeated CPFs, domains and impossible dates: counted in rows', async () => {
    const data = await dataDir();
    const pessoa = [
      HEADER,
      `1;${CPFS[0]};Maria;01/02/1980;F;1`,
      `2;${CPFS[1]};José;15/07/2019;M;1`,
      `2;${CPFS[2]};José Bis;15/07/2019;X;1`,
      `;${CPFS[3]};Sem Chave;15/07/2019;M;1`,
      `5;${CPFS[0]};Outra Maria;01/11/2026;F;1`,
      `6;52998224724;Dígito;01/01/1990;F;1`,
      `7;;Sem CPF;01/01/1990;;1`,
    ].join('\n');
    const matricula = ['matricula_id;pessoa_id;data_matricula;ativa', '10;2;01/02/2024;sim', '11;99;01/02/2025;sim', '12;1;01/01/1970;não', '13;;01/01/2020;sim'].join('\n');
    const result = await run({ fromDir: await exportDir({ 'pessoa.csv': pessoa, 'matricula.csv': matricula }), dataDir: data, validateOnly: true });
    expect(summary(result.report.findings.filter((f) => f.rule !== 'deriva'))).toEqual([
      'aviso data_impossivel matricula.data_matricula 1',
      'bloqueante chave_estrangeira_orfa matricula.pessoa_id 1',
      'bloqueante cpf_repetido pessoa.cpf 2',
      'bloqueante digito_verificador pessoa.cpf 1',
      'bloqueante data_impossivel pessoa.data_nascimento 1',
      'bloqueante chave_duplicada pessoa.pessoa_id 2',
      'bloqueante chave_nula pessoa.pessoa_id 1',
      'bloqueante dominio pessoa.sexo 1',
    ]);
    const byRule = (rule: string) => result.report.findings.find((f) => f.rule === rule);
    expect(byRule('chave_duplicada')?.examples).toEqual(['2']);
    expect(byRule('chave_estrangeira_orfa')?.examples).toEqual(['99']);
    expect(byRule('cpf_repetido')?.examples).toEqual(['***.982.247-**']);
    expect(byRule('dominio')?.examples).toEqual(['X']);
    expect(byRule('data_impossivel')?.examples).toEqual(['1970-01-01']);
  });

  it('drift against the previous snapshot beyond the declared tolerances is a warning', async () => {
    const data = await dataDir();
    const more = [PESSOA_CSV, ...[4, 5, 6, 7].map((id) => `${id};;Pessoa ${id};01/01/1990;F;1`)].join('\n');
    const result = await run({ fromDir: await exportDir({ 'pessoa.csv': more, 'matricula.csv': MATRICULA_CSV }), dataDir: data, validateOnly: true });
    expect(summary(result.report.findings)).toEqual(['aviso deriva pessoa 4', 'aviso deriva pessoa.cpf 4', 'aviso deriva pessoa.nome 4', 'aviso deriva pessoa.pessoa_id 4']);
    expect(result.report.findings[0]?.message).toBe('pessoa: 3 → 7 linhas desde 2026-09-30 (133,3%, tolerância 50,0%).');
    expect(result.report.previous).toBe('2026-09-30');
  });

  it('no previous snapshot: no drift measured', async () => {
    const data = await dataDir({ previous: false });
    const result = await run({ fromDir: await exportDir({ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': MATRICULA_CSV }), dataDir: data, validateOnly: true });
    expect(result.report.findings).toEqual([]);
    expect(result.report.previous).toBeUndefined();
  });
});

describe('declarations in dicionario.yaml', () => {
  it('parses keys, references, domains, check-digit kinds, date rules, severities and tolerances', () => {
    const dictionary = parseDictionary(DICTIONARY);
    const pessoa = dictionary.tables.get('pessoa');
    expect(pessoa?.key).toEqual(['pessoa_id']);
    expect(pessoa?.columns.get('cpf')?.checkDigits).toBe('cpf');
    expect(pessoa?.columns.get('sexo')?.domain).toEqual(['F', 'M']);
    expect(pessoa?.columns.get('data_nascimento')?.dates).toEqual({ notAfterReference: true });
    const matricula = dictionary.tables.get('matricula');
    expect(matricula?.columns.get('pessoa_id')?.references).toEqual({ table: 'pessoa', column: 'pessoa_id' });
    expect(matricula?.columns.get('data_matricula')?.dates).toEqual({ notBefore: [{ table: 'pessoa', column: 'data_nascimento' }] });
    expect(matricula?.validation).toEqual({ severity: { data_impossivel: 'aviso' }, drift: {} });
    expect(dictionary.validation).toEqual({ severity: {}, drift: { rows: 0.5, nulls: 0.2, distinct: 0.5 } });
  });

  it('refuses malformed declarations, naming where', () => {
    const table = (body: string) => `tabelas:\n  t:\n${body}\n    colunas:\n      a: { tipo: VARCHAR }\n`;
    expect(() => parseDictionary(table('    chave: a'))).toThrow(/t: `chave` deve ser uma lista/);
    expect(() => parseDictionary('tabelas:\n  t:\n    colunas:\n      a: { referencia: pessoa }\n')).toThrow(/t\.a: `referencia` deve ser tabela\.coluna/);
    expect(() => parseDictionary('tabelas:\n  t:\n    colunas:\n      a: { verificador: rg }\n')).toThrow(/verificador inválido: rg/);
    expect(() => parseDictionary(table('    validacao: { severidade: { chave_nula: fatal } }'))).toThrow(/severidade de chave_nula deve ser bloqueante ou aviso/);
    expect(() => parseDictionary(table('    validacao: { severidade: { chave_torta: aviso } }'))).toThrow(/regra desconhecida em severidade: chave_torta/);
    expect(() => parseDictionary(table('    validacao: { deriva: { linhas: -1 } }'))).toThrow(/deriva\.linhas/);
  });

  it('cross-references are checked before any file is read', () => {
    const broken = parseDictionary(
      DICTIONARY.replace('chave: [pessoa_id]', 'chave: [id]').replace('referencia: pessoa.pessoa_id', 'referencia: pessoas.pessoa_id'),
    );
    expect(() => checkDeclarations(broken)).toThrow(/pessoa\.chave: a coluna id não existe[\s\S]*matricula\.pessoa_id\.referencia: pessoas\.pessoa_id não existe[\s\S]*não tem coluna com referencia para pessoa/);
    expect(() => checkDeclarations(parseDictionary(DICTIONARY))).not.toThrow();
  });
});
