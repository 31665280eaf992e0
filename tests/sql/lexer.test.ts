// The one SQL lexer: where statements start and end (refusals point at their statement;
// Ctrl+Enter runs the statement under the cursor, never a fragment of one), and tokens.
import { describe, expect, it } from 'vitest';
import { statementAt, statementIndexAt, statementSpans, statementStarts, tokenize } from '../../main/core/sql/lexer.ts';

describe('statements', () => {
  it('skips semicolons in strings, quoted names, dollar quotes and comments', () => {
    const script = [
      "select 'a;b', \"c;d\", $$e;f$$, E'g\\';h' -- i;j",
      '/* k; /* nested; */ l; */ ;',
      '  select 2;',
      'select 3',
    ].join('\n');
    const starts = statementStarts(script);
    expect(starts.map((start) => script.slice(start, start + 8))).toEqual(["select '", 'select 2', 'select 3']);
  });

  it('ignores empty statements and trailing comments', () => {
    expect(statementStarts(';; select 1 ;; -- fim')).toEqual([3]);
    expect(statementStarts('  -- nada\n /* nada */ ')).toEqual([]);
    expect(statementSpans('select 1 -- fim\n;')).toEqual([{ start: 0, end: 8 }]);
  });

  it("treats date'...' as a plain string (no backslash escapes)", () => {
    expect(statementStarts("select date'2026-01-01\\'; select 2")).toHaveLength(2);
  });

  it('keeps tagged dollar quotes and E strings whole', () => {
    expect(statementStarts("select $x$ a; b $x$ as t; select E'it\\'s; fine'; select 3")).toHaveLength(3);
  });

  it('finds the statement of an index', () => {
    expect(statementIndexAt([0, 10, 20], 15)).toBe(1);
    expect(statementIndexAt([0, 10, 20], 25)).toBe(2);
    expect(statementIndexAt([5], 2)).toBeUndefined();
  });
});

describe('the statement under the cursor (Ctrl+Enter)', () => {
  const under = (sql: string, marker = '|') => {
    const offset = sql.indexOf(marker);
    const text = sql.replace(marker, '');
    const span = statementAt(text, offset);
    return span ? text.slice(span.start, span.end) : null;
  };

  it('runs the whole statement around a semicolon inside a dollar quote, an E string or a nested comment', () => {
    expect(under("select 1;\nselect $$ a; b $$ as |t;\nselect 3")).toBe('select $$ a; b $$ as t');
    expect(under("select E'x\\'; y' as |t; select 2")).toBe("select E'x\\'; y' as t");
    expect(under('select /* a /* b; */ c; */ 1 as |t; select 2')).toBe('select /* a /* b; */ c; */ 1 as t');
  });

  it('right after the semicolon still means the statement it closes; between statements, the one before', () => {
    expect(under('select 1;| select 2')).toBe('select 1');
    expect(under('select 1;\n\n|\nselect 2')).toBe('select 1');
    expect(under('|  select 1; select 2')).toBe('select 1');
    expect(under('  -- só comentário |')).toBe(null);
  });
});

describe('tokens', () => {
  it('tells words, quoted names, strings, numbers, parameters and punctuation apart', () => {
    const kinds = tokenize(`select "Nome", 'x''y', 1.5e-3, $bairro, E'a\\'b' from t;`).map((t) => [t.kind, t.value]);
    expect(kinds).toEqual([
      ['word', 'select'], ['quoted', 'Nome'], ['punct', ','], ['string', "'x''y'"], ['punct', ','], ['number', '1.5e-3'],
      ['punct', ','], ['param', 'bairro'], ['punct', ','], ['string', "E'a\\'b'"], ['word', 'from'], ['word', 't'], ['punct', ';'],
    ]);
  });
});
