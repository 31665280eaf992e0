// What a cell's SQL says about other cells, read from its tokens (strings and comments are
// never looked at):
// - a TABLE REFERENCE is a name right after FROM, JOIN, PIVOT or UNPIVOT, or after a comma
//   in a FROM list, that is not schema-qualified (`s.t`) and not a table function (`f(...)`);
//   quoted names (`"estoque"`) count too, compared without case as DuckDB does;
// - the CTE names the cell defines itself (WITH at any depth) shadow cells of the same name;
// - where its own top-level WITH is, so the notebook's CTEs can be spliced in front of its own.
import { tokenize, type Token } from '../sql/lexer.ts';

export interface SqlAnalysis {
  /** Names used as table references, minus the cell's own CTE names. */
  references: Set<string>;
  cteNames: Set<string>;
  /** Index just after `WITH` (or `WITH RECURSIVE`) when the statement starts with one. */
  withEnd: number | null;
  recursive: boolean;
  /** Index after the last token of the first statement (a trailing `;` and comments left out). */
  end: number;
  /** More than one statement (a `;` followed by more tokens). */
  multipleStatements: boolean;
  empty: boolean;
}

const TABLE_KEYWORDS = new Set(['from', 'join', 'pivot', 'unpivot']);
const ENDS_FROM = new Set([
  'where', 'group', 'order', 'having', 'limit', 'offset', 'qualify', 'window', 'union', 'except',
  'intersect', 'select', 'returning', 'values',
]);
// A join condition may be followed by `, next_table`; after PIVOT … ON, commas list columns.
const ENDS_PIVOT = new Set(['on', 'using', 'group', 'order', 'limit', 'select', 'union', 'except', 'intersect']);
const SKIP_BEFORE_TABLE = new Set(['lateral', 'only']);

function isName(token: Token | undefined): token is Token {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted');
}

/** DuckDB matches names case-insensitively, quoted or not. */
function nameOf(token: Token): string {
  return token.value.toLowerCase();
}

/** Index of the token after the `)` that closes the `(` at `open`. */
function afterGroup(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const value = tokens[i]?.value;
    if (tokens[i]?.kind !== 'punct') continue;
    if (value === '(') depth += 1;
    else if (value === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return tokens.length;
}

/** Reads `name [(cols)] [USING KEY (…)] AS [NOT] [MATERIALIZED] (…)` items after a WITH. */
function readCtes(tokens: Token[], start: number, names: Set<string>): number {
  let i = start;
  for (;;) {
    const name = tokens[i];
    if (!isName(name)) return i;
    names.add(nameOf(name));
    i += 1;
    if (tokens[i]?.value === '(') i = afterGroup(tokens, i);
    if (tokens[i]?.value === 'using' && tokens[i + 1]?.value === 'key' && tokens[i + 2]?.value === '(') i = afterGroup(tokens, i + 2);
    if (tokens[i]?.value !== 'as') return i;
    i += 1;
    if (tokens[i]?.value === 'not') i += 1;
    if (tokens[i]?.value === 'materialized') i += 1;
    if (tokens[i]?.value !== '(') return i;
    i = afterGroup(tokens, i);
    if (tokens[i]?.value !== ',') return i;
    i += 1;
  }
}

function firstStatement(tokens: Token[]): { statement: Token[]; multiple: boolean } {
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.kind !== 'punct') continue;
    if (token.value === '(') depth += 1;
    else if (token.value === ')') depth -= 1;
    else if (token.value === ';' && depth <= 0) {
      const rest = tokens.slice(i + 1).some((t) => t.value !== ';');
      return { statement: tokens.slice(0, i), multiple: rest };
    }
  }
  return { statement: tokens, multiple: false };
}

export function analyzeSql(sql: string): SqlAnalysis {
  const all = tokenize(sql);
  const { statement: tokens, multiple } = firstStatement(all);
  const cteNames = new Set<string>();
  let withEnd: number | null = null;
  let recursive = false;
  if (tokens[0]?.kind === 'word' && tokens[0].value === 'with') {
    recursive = tokens[1]?.value === 'recursive' && tokens[1].kind === 'word';
    withEnd = (tokens[recursive ? 1 : 0] as Token).end;
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.kind === 'word' && token.value === 'with') {
      readCtes(tokens, tokens[i + 1]?.value === 'recursive' ? i + 2 : i + 1, cteNames);
    }
  }

  const references = new Set<string>();
  const inFrom: ('from' | 'pivot' | null)[] = [null];
  let expectTable = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const depth = inFrom.length - 1;
    if (token.kind === 'punct') {
      if (token.value === '(') inFrom.push(null);
      else if (token.value === ')' && inFrom.length > 1) inFrom.pop();
      expectTable = token.value === ',' && inFrom[depth] !== null;
      continue;
    }
    if (token.kind === 'word' && TABLE_KEYWORDS.has(token.value)) {
      inFrom[depth] = token.value === 'pivot' || token.value === 'unpivot' ? 'pivot' : 'from';
      expectTable = true;
      continue;
    }
    if (token.kind === 'word' && (inFrom[depth] === 'pivot' ? ENDS_PIVOT : ENDS_FROM).has(token.value)) inFrom[depth] = null;
    if (expectTable && token.kind === 'word' && SKIP_BEFORE_TABLE.has(token.value)) continue;
    if (expectTable && isName(token)) {
      const next = tokens[i + 1];
      const qualifiedOrCall = next?.kind === 'punct' && (next.value === '.' || next.value === '(');
      if (!qualifiedOrCall && !cteNames.has(nameOf(token))) references.add(nameOf(token));
    }
    expectTable = false;
  }

  const last = tokens.at(-1);
  return {
    references,
    cteNames,
    withEnd,
    recursive,
    end: last ? last.end : 0,
    multipleStatements: multiple,
    empty: tokens.length === 0,
  };
}
