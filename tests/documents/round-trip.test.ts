import { describe, expect, it } from 'vitest';
import {
  DocumentError,
  deleteCell,
  duplicateCell,
  insertCell,
  moveCell,
  parseDocument,
  serializeDocument,
  setCellName,
  setFrontMatterParam,
  setFrontMatterValue,
  updateCellSource,
} from '../../main/core/documents/index.ts';
import type { NotebookDocument, SqlCell } from '../../main/core/documents/index.ts';

const DIVIDA = `---
title: Dívida ativa
owner: Secretaria de Finanças # quem responde
purpose: Acompanhar o estoque
# parâmetros do painel
params:
  tributo: { type: select, label: Tributo, options: "select distinct tributo from divida_ativa" }
  saldo_minimo: { type: number, label: Saldo mínimo (R$), default: 0 }
extra:
  - mantido como está
---

Texto livre em Markdown.

\`\`\`sql estoque_por_tributo
select tributo, sum(saldo) as saldo
from divida_ativa
where ($tributo is null or tributo = $tributo)
group by all
\`\`\`

\`\`\`chart estoque_por_tributo
mark: barY
x: tributo
y: saldo
\`\`\`

Fim.
`;

const NESTED_FENCES = `# Exemplo

Como escrever uma célula:

\`\`\`\`markdown
\`\`\`sql nao_e_celula
select 1
\`\`\`
\`\`\`\`

~~~python
print("\`\`\`sql")
~~~

\`\`\`sql
\`\`\`

\`\`\`sql vazia
\`\`\`
`;

const CRLF_NO_FINAL_NEWLINE = '---\r\ntitle: Janelas\r\n---\r\n\r\n```sql a\r\nselect 1 as n\r\n```\r\n\r\n```sql b\r\nselect n from a\r\n```';

function sqlCell(doc: NotebookDocument, name: string): SqlCell {
  const cell = doc.cells.find((c) => c.kind === 'sql' && c.name === name);
  if (!cell || cell.kind !== 'sql') throw new Error(`no cell ${name}`);
  return cell;
}

/** Lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

describe('round trip', () => {
  it.each([
    ['front matter with comments, Markdown, SQL and chart', DIVIDA, 'divida.md'],
    ['fenced examples inside Markdown, empty cells', NESTED_FENCES, 'exemplos.md'],
    ['CRLF and no final newline', CRLF_NO_FINAL_NEWLINE, 'janelas.md'],
    ['only Markdown, no front matter', 'Só texto.\n\n\n', 'texto.md'],
    ['byte-order mark and trailing blank lines', '\uFEFF```sql x\nselect 1\n```\n\n\n', 'bom.md'],
    ['empty file', '', 'vazio.md'],
  ])('%s: serialising the parsed file gives the same bytes', (_label, text, name) => {
    expect(serializeDocument(parseDocument(text, name))).toBe(text);
  });

  it('reads the cells, names, targets and front matter', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    expect(doc.title).toBe('Dívida ativa');
    expect(doc.cells.map((c) => c.kind)).toEqual(['markdown', 'sql', 'chart', 'markdown']);
    expect(sqlCell(doc, 'estoque_por_tributo').source).toBe('select tributo, sum(saldo) as saldo\nfrom divida_ativa\nwhere ($tributo is null or tributo = $tributo)\ngroup by all');
    const chart = doc.cells[2];
    expect(chart?.kind === 'chart' && chart.target).toBe('estoque_por_tributo');
    expect(chart?.kind === 'chart' && chart.spec).toEqual({ mark: 'barY', x: 'tributo', y: 'saldo' });
    expect(doc.frontMatter?.data.extra).toEqual(['mantido como está']);
    expect(doc.frontMatter?.params).toEqual([
      { name: 'tributo', type: 'select', label: 'Tributo', options: 'select distinct tributo from divida_ativa', required: false },
      { name: 'saldo_minimo', type: 'number', label: 'Saldo mínimo (R$)', default: 0, required: false },
    ]);
  });

  it('keeps fenced SQL inside a longer fence or another language as Markdown', () => {
    const doc = parseDocument(NESTED_FENCES, 'exemplos.md');
    const sql = doc.cells.filter((c) => c.kind === 'sql');
    expect(sql.map((c) => (c.kind === 'sql' ? c.name : 'x'))).toEqual([null, 'vazia']);
    expect(sql.map((c) => c.source)).toEqual(['', '']);
    expect(doc.cells.filter((c) => c.kind === 'markdown')).toHaveLength(1);
  });

  it('opens a plain .sql file as one unnamed SQL cell titled by the file name', () => {
    const text = '-- estoque\r\nselect 1;\r\nselect 2';
    const doc = parseDocument(text, '/tmp/consultas/estoque.sql');
    expect(doc.kind).toBe('sql');
    expect(doc.title).toBe('estoque');
    expect(doc.cells).toHaveLength(1);
    expect(doc.cells[0]).toMatchObject({ kind: 'sql', name: null, source: '-- estoque\nselect 1;\nselect 2' });
    expect(serializeDocument(doc)).toBe(text);
    const edited = updateCellSource(doc, doc.cells[0]?.id ?? '', 'select 3\nselect 4');
    expect(serializeDocument(edited)).toBe('select 3\r\nselect 4');
  });
});

describe('edits change only what was edited', () => {
  it('editing a cell rewrites only its lines', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    const cell = sqlCell(doc, 'estoque_por_tributo');
    const edited = serializeDocument(updateCellSource(doc, cell.id, cell.source.replace('group by all', 'group by tributo\norder by saldo desc')));
    expect(changedLines(DIVIDA, edited)).toEqual({ removed: ['group by all'], added: ['group by tributo', 'order by saldo desc'] });
  });

  it('keeps CRLF and the missing final newline of the untouched cells when one is edited', () => {
    const doc = parseDocument(CRLF_NO_FINAL_NEWLINE, 'janelas.md');
    const a = sqlCell(doc, 'a');
    expect(serializeDocument(updateCellSource(doc, a.id, 'select 2 as n'))).toBe(CRLF_NO_FINAL_NEWLINE.replace('select 1 as n', 'select 2 as n'));
    const b = sqlCell(doc, 'b');
    expect(serializeDocument(updateCellSource(doc, b.id, 'select n + 1\nfrom a'))).toBe(CRLF_NO_FINAL_NEWLINE.replace('select n from a', 'select n + 1\r\nfrom a'));
  });

  it('a cell moved away from the end of a file without final newline still closes its fence', () => {
    const doc = parseDocument(CRLF_NO_FINAL_NEWLINE, 'janelas.md');
    const moved = serializeDocument(moveCell(doc, sqlCell(doc, 'b').id, 0));
    const reparsed = parseDocument(moved, 'janelas.md', { tolerant: true });
    expect(reparsed.cells.map((c) => (c.kind === 'sql' ? c.name : c.kind))).toEqual(['b', 'a']);
  });

  it('setting a front-matter value changes only that value; comments and order stay', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    const edited = serializeDocument(setFrontMatterValue(doc, ['params', 'saldo_minimo', 'default'], 1000));
    expect(changedLines(DIVIDA, edited)).toEqual({
      removed: ['  saldo_minimo: { type: number, label: Saldo mínimo (R$), default: 0 }'],
      added: ['  saldo_minimo: { type: number, label: Saldo mínimo (R$), default: 1000 }'],
    });
    const retitled = serializeDocument(setFrontMatterValue(doc, ['title'], 'Dívida ativa: estoque'));
    expect(changedLines(DIVIDA, retitled)).toEqual({ removed: ['title: Dívida ativa'], added: ['title: "Dívida ativa: estoque"'] });
  });

  it('adding a parameter adds one line to params', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    const edited = setFrontMatterParam(doc, 'bairro', { type: 'multiselect', label: 'Bairro', options: ['Centro', 'Jundiapeba'], required: false });
    expect(changedLines(DIVIDA, serializeDocument(edited))).toEqual({
      removed: [],
      added: ['  bairro: { type: multiselect, label: Bairro, options: [ Centro, Jundiapeba ] }'],
    });
    expect(edited.frontMatter?.params.map((p) => p.name)).toEqual(['tributo', 'saldo_minimo', 'bairro']);
  });

  it('inserts, renames, duplicates and deletes cells without touching the others', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    const inserted = insertCell(doc, 3, { kind: 'sql', name: 'por_bairro', source: 'select bairro, count(*) from divida_ativa group by 1' });
    const text = serializeDocument(inserted);
    expect(text).toBe(DIVIDA.replace('```\n\nFim.', '```\n\n```sql por_bairro\nselect bairro, count(*) from divida_ativa group by 1\n```\n\nFim.'));
    expect(serializeDocument(parseDocument(text, 'divida.md'))).toBe(text);

    const renamed = setCellName(inserted, inserted.cells[3]?.id ?? '', 'por_bairro_2026');
    expect(changedLines(text, serializeDocument(renamed))).toEqual({ removed: ['```sql por_bairro'], added: ['```sql por_bairro_2026'] });

    const duplicated = duplicateCell(doc, sqlCell(doc, 'estoque_por_tributo').id);
    expect(duplicated.cells.filter((c) => c.kind === 'sql').map((c) => (c.kind === 'sql' ? c.name : ''))).toEqual(['estoque_por_tributo', 'estoque_por_tributo_2']);
    expect(duplicated.problems).toEqual([]);

    expect(serializeDocument(deleteCell(inserted, inserted.cells[3]?.id ?? ''))).toBe(DIVIDA);
  });

  it('a source holding a fence gets a longer fence, so the cell stays one cell', () => {
    const doc = parseDocument(DIVIDA, 'divida.md');
    const cell = sqlCell(doc, 'estoque_por_tributo');
    const text = serializeDocument(updateCellSource(doc, cell.id, "select '\n```\n' as cerca"));
    const again = parseDocument(text, 'divida.md');
    expect(sqlCell(again, 'estoque_por_tributo').source).toBe("select '\n```\n' as cerca");
  });
});

describe('malformed files', () => {
  function problemOf(text: string): DocumentError {
    try {
      parseDocument(text, 'ruim.md');
    } catch (error) {
      if (error instanceof DocumentError) return error;
      throw error;
    }
    throw new Error('expected a DocumentError');
  }

  it.each([
    ['bad YAML', '---\ntitle: ok\nparams: [a, b\n---\n```sql x\nselect 1\n```\n', 3, /YAML inválido/],
    ['unclosed front matter', '---\ntitle: x\n\n```sql x\nselect 1\n```\n', 1, /não foi fechado/],
    ['unclosed fence', '# t\n\n```sql x\nselect 1\n', 3, /não foi fechado/],
    ['duplicate cell names', '```sql x\nselect 1\n```\n\n```sql x\nselect 2\n```\n', 5, /já foi usado na linha 1/],
    ['a chart naming an unknown cell', '```sql x\nselect 1\n```\n```chart y\nmark: dot\n```\n', 4, /não há célula SQL/],
    ['a bad cell name', 'texto\n\n```sql Estoque-Total\nselect 1\n```\n', 3, /nome de célula inválido/],
    ['a param of unknown type', '---\ntitle: t\nparams:\n  a: { type: number }\n  b: { type: cor }\n---\n', 5, /tipo desconhecido "cor"/],
    ['a select without options', '---\nparams:\n  a: { type: select }\n---\n', 3, /precisa de options/],
    ['a date default that is not a date', '---\nparams:\n  desde: { type: date, default: ontem }\n---\n', 3, /data/],
    ['a comparison naming no parameter', '---\ntitle: t\nparams:\n  a: { type: number }\ncomparacao: anterior\n---\n', 5, /comparacao: "anterior" deve nomear um parâmetro/],
    ['a comparison naming a number parameter', '---\ntitle: t\nparams:\n  a: { type: number }\ncomparacao: a\n---\n', 5, /do tipo date, text ou select/],
  ])('%s: DocumentError at the right line', (_label, text, line, message) => {
    const error = problemOf(text);
    expect(error.line).toBe(line);
    expect(error.detail.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('tolerant mode keeps the whole text and lists every problem', () => {
    const text = '---\nparams:\n  a: { type: cor }\n---\n```sql x\nselect 1\n```\n```sql x\nselect 2\n```\n```sql y\nselect 3\n';
    const doc = parseDocument(text, 'ruim.md', { tolerant: true });
    expect(doc.problems.map((p) => p.line)).toEqual([3, 8, 11]);
    expect(serializeDocument(doc)).toBe(text);
    const fixed = updateCellSource(doc, doc.cells[2]?.id ?? '', 'select 4');
    expect(serializeDocument(fixed)).toBe(text.replace('select 3\n', 'select 4\n```\n'));
  });
});
