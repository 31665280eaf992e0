// A small SQL tokenizer: enough to tell identifiers from string literals, comments and
// quoted names, which is all the reference detection between cells needs.

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words lower-cased; quoted identifiers without their quotes; punctuation as is. */
  value: string;
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u00C0-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u00C0-\uFFFF]/;

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? sql.length : newline + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (ch === "'") {
      const end = skipQuoted(sql, i, "'");
      tokens.push({ kind: 'string', value: sql.slice(i, end), start: i, end });
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(sql, i, '"');
      tokens.push({ kind: 'quoted', value: sql.slice(i + 1, end - 1).replaceAll('""', '"'), start: i, end });
      i = end;
    } else if (ch === '$' && sql[i + 1] === '$') {
      const close = sql.indexOf('$$', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      tokens.push({ kind: 'string', value: sql.slice(i, end), start: i, end });
      i = end;
    } else if (ch === '$' && WORD_PART.test(sql[i + 1] ?? '')) {
      let end = i + 1;
      while (end < sql.length && /[A-Za-z0-9_]/.test(sql[end] as string)) end += 1;
      tokens.push({ kind: 'param', value: sql.slice(i + 1, end), start: i, end });
      i = end;
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end] as string)) end += 1;
      const word = sql.slice(i, end);
      // E'…' and similar prefixed strings: the string follows immediately.
      tokens.push({ kind: 'word', value: word.toLowerCase(), start: i, end });
      i = end;
    } else if (/[0-9]/.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /[0-9._eE]/.test(sql[end] as string)) end += 1;
      tokens.push({ kind: 'number', value: sql.slice(i, end), start: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i += 1;
    }
  }
  return tokens;
}
