import { describe, expect, it } from 'vitest';
import { DocumentError, compileCell, paramValuesFromStrings, parseDocument, staleCells } from '../../main/core/documents/index.ts';
import type { NotebookDocument } from '../../main/core/documents/index.ts';

function notebook(...cells: [name: string, sql: string][]): NotebookDocument {
  return parseDocument(cells.map(([name, sql]) => `\`\`\`sql ${name}\n${sql}\n\`\`\`\n`).join('\n'), 'n.md');
}

function idOf(doc: NotebookDocument, name: string): string {
  const cell = doc.cells.find((c) => c.kind === 'sql' && c.name === name);
  if (!cell) throw new Error(name);
  return cell.id;
}

function compileError(doc: NotebookDocument, name: string): DocumentError {
  try {
    compileCell(doc, name);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

describe('compileCell', () => {
  it('prefixes the named cells a cell uses, transitively and in document order', () => {
    const doc = notebook(['base', 'select * from divida;'], ['abertas', 'from base where saldo > 0 -- só positivas'], ['total', 'select sum(saldo) from abertas']);
    const compiled = compileCell(doc, 'total');
    expect(compiled.dependencies).toEqual(['base', 'abertas']);
    expect(compiled.sql).toBe('WITH "base" AS (\nselect * from divida\n),\n"abertas" AS (\nfrom base where saldo > 0\n)\nselect sum(saldo) from abertas');
    expect(compileCell(doc, 'base')).toMatchObject({ sql: 'select * from divida;', dependencies: [] });
  });

  it("splices its CTEs in front of a cell's own WITH (after leading comments, with RECURSIVE kept)", () => {
    const doc = notebook(['base', 'select 1 as n'], ['r', '-- contagem\nWITH RECURSIVE t(n) AS (select n from base union all select n + 1 from t where n < 3)\nselect * from t;']);
    expect(compileCell(doc, 'r').sql).toBe(
      '-- contagem\nWITH RECURSIVE "base" AS (\nselect 1 as n\n), t(n) AS (select n from base union all select n + 1 from t where n < 3)\nselect * from t',
    );
  });

  it('ignores names in strings, comments, columns, qualified names, function calls and own CTEs', () => {
    const doc = notebook(
      ['base', 'select 1 as base'],
      ['outra', "select base, 'from base' as t -- from base\nfrom s_2026_10_31.base, read_parquet('x') /* join base */"],
      ['propria', 'with base as (select 2) select * from base'],
    );
    expect(compileCell(doc, 'outra').dependencies).toEqual([]);
    expect(compileCell(doc, 'propria').dependencies).toEqual([]);
  });

  it('finds references after JOIN, in a FROM list and in subqueries', () => {
    const doc = notebook(['a', 'select 1 as x'], ['b', 'select 2 as x'], ['c', 'select 3 as x'], ['d', 'select * from (select * from a) s join b using (x), "C"']);
    expect(compileCell(doc, 'd').dependencies).toEqual(['a', 'b', 'c']);
  });

  it('refuses a reference to a later cell, to itself, and a cell with two statements', () => {
    const later = notebook(['a', 'select * from b'], ['b', 'select 1']);
    expect(compileError(later, 'a').message).toMatch(/"b", que está definida abaixo \(linha 5\)/);
    expect(compileError(later, 'a').line).toBe(1);
    const self = notebook(['a', 'select 1'], ['b', 'select * from b']);
    expect(compileError(self, 'b').message).toMatch(/referência circular/);
    const two = notebook(['a', 'select 1; select 2'], ['b', 'select * from a']);
    expect(compileError(two, 'b').message).toMatch(/mais de uma instrução/);
  });
});

describe('staleCells', () => {
  it('lists the cells that depend on a changed cell, directly or not', () => {
    const doc = notebook(['a', 'select 1 as x'], ['b', 'select * from a'], ['c', 'select 2'], ['d', 'select * from b, c']);
    expect(staleCells(doc, idOf(doc, 'a'))).toEqual([idOf(doc, 'b'), idOf(doc, 'd')]);
    expect(staleCells(doc, idOf(doc, 'c'))).toEqual([idOf(doc, 'd')]);
    expect(staleCells(doc, idOf(doc, 'd'))).toEqual([]);
  });
});

describe('paramValuesFromStrings', () => {
  const doc = parseDocument(
    `---
params:
  tributo: { type: select, options: [IPTU, ISS] }
  tributos: { type: multiselect, options: "select distinct tributo from divida" }
  saldo_minimo: { type: number, default: 0 }
  desde: { type: date }
  periodo: { type: daterange, default: "2026-01-01..2026-03-31" }
  busca: { type: text, required: true }
---
`,
    'p.md',
  );
  const specs = doc.frontMatter?.params ?? [];

  it('types each value by its spec, applies defaults and binds unset ones as NULL', () => {
    expect(paramValuesFromStrings(specs, { busca: 'x', saldo_minimo: '1.234,5', tributos: 'IPTU, ISS', desde: '31/10/2026' })).toEqual({
      tributo: null,
      tributos: ['IPTU', 'ISS'],
      saldo_minimo: 1234.5,
      desde: '2026-10-31',
      periodo_inicio: '2026-01-01',
      periodo_fim: '2026-03-31',
      busca: 'x',
    });
    expect(paramValuesFromStrings(specs, { busca: 'x', periodo: '2026-05-01..' })).toMatchObject({ periodo_inicio: '2026-05-01', periodo_fim: null, saldo_minimo: 0 });
    expect(paramValuesFromStrings(specs, { busca: 'x', periodo_fim: '2026-06-30' })).toMatchObject({ periodo_inicio: null, periodo_fim: '2026-06-30' });
  });

  it('refuses unknown names, bad numbers, bad dates and a missing required value', () => {
    expect(() => paramValuesFromStrings(specs, { busca: 'x', bairro: 'Centro' })).toThrow(/parâmetro desconhecido: bairro/);
    expect(() => paramValuesFromStrings(specs, { busca: 'x', saldo_minimo: 'mil' })).toThrow(/não é um número/);
    expect(() => paramValuesFromStrings(specs, { busca: 'x', desde: '2026-02-30' })).toThrow(/não é uma data/);
    expect(() => paramValuesFromStrings(specs, {})).toThrow(/busca é obrigatório/);
  });
});
