// The privacy class of each result column, traced by name to the registry tables its
// statement reads (DuckDB's own parse tree): statement by statement, whatever the case of the
// table's name, the strictest class when tables disagree (identificador > sensivel > crianca >
// publico), none for a column the dictionary does not class, none at all for a script that
// cannot be analysed.
import { describe, expect, it } from 'vitest';
import { resultClasses } from '../../main/core/privacy/result-privacy.ts';
import { analyseScript } from '../../main/core/privacy/sql-references.ts';
import { parseDictionary } from '../../main/core/registry/dictionary.ts';
import { useMemoryDuckDB } from '../support/memory-duckdb.ts';

const DICTIONARY = parseDictionary(`versao: 1
tabelas:
  publica:
    colunas:
      doc: { tipo: VARCHAR, privacidade: publico }
      bairro: { tipo: VARCHAR, privacidade: publico }
  escola:
    colunas:
      doc: { tipo: VARCHAR, privacidade: crianca }
  saude:
    colunas:
      doc: { tipo: VARCHAR, privacidade: sensivel }
      obs: { tipo: VARCHAR }
  pessoa:
    colunas:
      doc: { tipo: VARCHAR, privacidade: identificador }
      bairro: { tipo: VARCHAR, privacidade: publico }
`);

const duckdb = useMemoryDuckDB();

async function classesOf(sql: string): Promise<Record<string, string>[]> {
  return resultClasses(await analyseScript(duckdb.connection, sql), DICTIONARY).map((classes) => Object.fromEntries(classes));
}

describe('the class of a result column', () => {
  it('is the strictest among the tables the statement reads, in any order', async () => {
    const tables = ['publica', 'escola', 'saude', 'pessoa'];
    const expected = ['publico', 'crianca', 'sensivel', 'identificador'];
    for (let i = 0; i < tables.length; i++) {
      // The table itself, then with every less strict table before and after it.
      const below = tables.slice(0, i);
      expect((await classesOf(`select doc from ${tables[i]}`))[0]?.doc, tables[i]).toBe(expected[i]);
      const joined = [...below, tables[i], ...below.reverse()].join(', ');
      expect((await classesOf(`select 1 from ${joined}`))[0]?.doc, joined).toBe(expected[i]);
      const stricterFirst = [tables[i], ...tables.slice(0, i)].join(', ');
      expect((await classesOf(`select 1 from ${stricterFirst}`))[0]?.doc, stricterFirst).toBe(expected[i]);
    }
  });

  it('goes statement by statement, whatever the case of the table name, and skips unclassed columns', async () => {
    expect(await classesOf('select doc from PUBLICA; select doc from Pessoa; select obs from saude; select 1')).toEqual([
      { doc: 'publico', bairro: 'publico' },
      { doc: 'identificador', bairro: 'publico' },
      { doc: 'sensivel' },
      {},
    ]);
  });

  it('is unknown for every statement of a script that cannot be analysed', async () => {
    expect(await classesOf('select doc from pessoa; selec doc frm')).toEqual([]);
  });
});
