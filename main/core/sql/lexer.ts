// The one SQL lexer of Mirante, shared by the core and the renderer (plain TypeScript, no Node
// or DOM): DuckDB's own extractStatements splits a script but does not say where each
// statement is, and the editor must find the statement under the cursor without a server
// round trip. It knows just enough of DuckDB's lexical rules to never split inside a literal:
// '…' strings ('' escapes), E'…' strings (backslash escapes), "…" identifiers, $tag$…$tag$
// dollar quotes, -- line comments and nested /* */ block comments. Offsets are UTF-16 indexes.

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words lower-cased; quoted identifiers without their quotes; strings and punctuation as written. */
  value: string;
  start: number;
  end: number;
}

/** A statement: from its first token to its last (its `;` excluded). */
export interface StatementSpan {
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u00C0-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u00C0-\uFFFF]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*)?\$/;

/** The end of a quoted run opened at `start`; a doubled quote is an escaped one. */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') i += 2;
    else if (char === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/** Block comments nest in DuckDB: `/* a /* b *\/ c *\/` is one comment. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

function runWhile(sql: string, start: number, part: RegExp): number {
  let end = start;
  while (end < sql.length && part.test(sql[end] as string)) end += 1;
  return end;
}

/** Every token of the script in order; whitespace and comments are skipped. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value = sql.slice(start, end)) => {
    tokens.push({ kind, value, start, end });
    return end;
  };
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (/\s/.test(char)) i += 1;
    else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? sql.length : newline + 1;
    } else if (char === '/' && next === '*') i = blockCommentEnd(sql, i);
    else if (char === "'") i = push('string', i, quotedEnd(sql, i, "'", false));
    else if ((char === 'E' || char === 'e') && next === "'" && !WORD_PART.test(sql[i - 1] ?? ' ')) {
      i = push('string', i, quotedEnd(sql, i + 1, "'", true));
    } else if (char === '"') {
      const end = quotedEnd(sql, i, '"', false);
      i = push('quoted', i, end, sql.slice(i + 1, Math.max(i + 1, end - 1)).replaceAll('""', '"'));
    } else if (char === '$') {
      const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        i = push('string', i, close < 0 ? sql.length : close + tag.length);
      } else if (/[A-Za-z0-9_]/.test(next)) {
        const end = runWhile(sql, i + 1, /[A-Za-z0-9_]/);
        i = push('param', i, end, sql.slice(i + 1, end));
      } else i = push('punct', i, i + 1);
    } else if (WORD_START.test(char)) {
      const end = runWhile(sql, i + 1, WORD_PART);
      i = push('word', i, end, sql.slice(i, end).toLowerCase());
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next))) {
      let end = runWhile(sql, i + 1, /[0-9._]/);
      if (/[eE]/.test(sql[end] ?? '') && /[-+0-9]/.test(sql[end + 1] ?? '')) end = runWhile(sql, end + 2, /[0-9]/);
      i = push('number', i, end);
    } else i = push('punct', i, i + 1);
  }
  return tokens;
}

/** The statements of a script, split at top-level semicolons; empty statements are left out. */
export function statementSpans(sql: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let current: StatementSpan | null = null;
  for (const token of tokenize(sql)) {
    if (token.kind === 'punct' && token.value === ';') {
      if (current) spans.push(current);
      current = null;
    } else if (current) current.end = token.end;
    else current = { start: token.start, end: token.end };
  }
  if (current) spans.push(current);
  return spans;
}

/** Where each non-empty statement starts (UTF-16 index), in order. */
export function statementStarts(sql: string): number[] {
  return statementSpans(sql).map((span) => span.start);
}

/** The statement a script index belongs to, given the statement starts. */
export function statementIndexAt(starts: readonly number[], index: number): number | undefined {
  let found: number | undefined;
  starts.forEach((start, statementIndex) => {
    if (start <= index) found = statementIndex;
  });
  return found;
}

/**
 * The statement under the cursor (Ctrl+Enter): the one whose text or closing `;` it touches;
 * between statements, the one before; before the first, the first.
 */
export function statementAt(sql: string, offset: number): StatementSpan | null {
  const spans = statementSpans(sql);
  const closing = (span: StatementSpan) => {
    const semicolon = sql.indexOf(';', span.end);
    return semicolon < 0 ? sql.length : semicolon + 1;
  };
  const hit = spans.find((span) => offset >= span.start && offset <= closing(span));
  return hit ?? [...spans].reverse().find((span) => span.end <= offset) ?? spans[0] ?? null;
}
