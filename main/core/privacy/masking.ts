// Masked expressions for `identificador` columns, used by the per-snapshot views that
// unqualified names resolve to. Each keeps the column's name and type, keeps NULL and blank
// values as they are (so "missing CPF" counts still hold), and reveals only what a person
// reading a grid needs: the middle digits of a CPF, the initials of a name.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { MASKING_KEY_SQL } from './masking-key.ts';

export type MaskKind = 'cpf' | 'cns' | 'nis' | 'cnpj' | 'nome' | 'token';

/** Words left out of initials: "Maria da Silva Oliveira" reads `M. S. O.`. */
const NAME_PARTICLES = ['da', 'das', 'de', 'do', 'dos', 'e'];

/** A CPF written inside a text, with or without its punctuation (an MEI's company name carries one). */
const CPF_IN_TEXT = String.raw`(^|[^0-9])[0-9]{3}[. ]?[0-9]{3}[. ]?[0-9]{3}[-. /]?[0-9]{2}([^0-9]|$)`;

/**
 * Rows of a table whose identifier columns are not personal data: a company's (PJ) name and
 * CNPJ in `contribuinte` are public. Not an MEI's: its company name is the owner's own name
 * and CPF, so it is masked like a person's (flagged `mei`, or, where that column is missing,
 * recognised by the CPF in the name).
 */
const PUBLIC_ROWS: Readonly<Record<string, (column: (name: string) => string | undefined) => string | undefined>> = {
  contribuinte: (column) => {
    const tipo = column('tipo');
    if (tipo === undefined) return undefined;
    const mei = column('mei');
    const nome = column('nome');
    return [
      `${tipo} = 'PJ'`,
      ...(mei !== undefined ? [`${mei} IS NOT TRUE`] : []),
      ...(nome !== undefined ? [`NOT coalesce(regexp_matches(${nome}, '${CPF_IN_TEXT}'), false)`] : []),
    ].join(' AND ');
  },
};

/** The condition under which a row's identifiers are public, if that table has one. */
export function publicRowsCondition(table: string, columns: readonly string[], qualifier = ''): string | undefined {
  const rule = PUBLIC_ROWS[table];
  return rule?.((name) => (columns.includes(name) ? `${qualifier}${quotedIdentifier(name)}` : undefined));
}

export function maskKindFor(column: string): MaskKind {
  const name = column.toLowerCase();
  for (const kind of ['cpf', 'cns', 'nis', 'cnpj'] as const) {
    if (new RegExp(`(^|_)${kind}($|_)`).test(name)) return kind;
  }
  if (name.includes('nome')) return 'nome';
  return 'token';
}

function digitsOf(value: string): string {
  return `regexp_replace(${value}, '[^0-9]', '', 'g')`;
}

// md5 keyed by the session's secret (masking-key.ts): unknown to the reader, so low-entropy
// values (CPFs) cannot be enumerated; md5 costs about half of sha256 per row in DuckDB and
// the token is only an in-session pseudonym, never a signature.
function tokenOf(value: string): string {
  return `concat('#', left(md5(concat(${MASKING_KEY_SQL}, ${value})), 16))`;
}

interface DigitsPattern {
  length: number;
  /** Literal text, or `[a, n]`: n digits from the a-th. */
  parts: (string | [number, number])[];
}

const DIGIT_PATTERNS: Partial<Record<MaskKind, DigitsPattern>> = {
  cpf: { length: 11, parts: ['***.', [4, 3], '.', [7, 3], '-**'] },
  nis: { length: 11, parts: ['***.', [4, 5], '.**-*'] },
  cns: { length: 15, parts: ['*** ', [4, 4], ' ', [8, 4], ' ****'] },
  cnpj: { length: 14, parts: ['**.', [3, 3], '.', [6, 3], '/****-**'] },
};

/** The pattern applied to a string of bare digits; one concat() allocates once, a chain of || per piece. */
function shownDigits(digits: string, pattern: DigitsPattern): string {
  const pieces = pattern.parts.map((part) => (typeof part === 'string' ? quotedString(part) : `substr(${digits}, ${part[0]}, ${part[1]})`));
  return `concat(${pieces.join(', ')})`;
}

/**
 * The common case first: a value that is already bare digits of the right length is cut as
 * it is, after a single regexp test. DuckDB does not reuse a repeated sub-expression inside
 * CASE, so the general branch (strip punctuation, then cut) runs regexp_replace per piece.
 */
function bareDigitsBranch(value: string, pattern: DigitsPattern): string {
  return `WHEN regexp_full_match(${value}, '[0-9]{${pattern.length}}') THEN ${shownDigits(value, pattern)}`;
}

/** Any other non-blank value: its digits through the pattern if they have the right length, else a token. */
function digitsMask(value: string, pattern: DigitsPattern): string {
  const digits = digitsOf(value);
  return `CASE WHEN length(${digits}) = ${pattern.length} THEN ${shownDigits(digits, pattern)} ELSE ${tokenOf(value)} END`;
}

function initials(value: string): string {
  const particles = NAME_PARTICLES.map((p) => quotedString(p)).join(', ');
  return (
    `array_to_string(list_transform(list_filter(string_split(trim(${value}), ' '), ` +
    `lambda w: w <> '' AND lower(w) NOT IN (${particles}) AND NOT regexp_matches(w, '[0-9]')), lambda w: upper(left(w, 1)) || '.'), ' ')`
  );
}

function maskedText(kind: MaskKind, value: string): string {
  const pattern = DIGIT_PATTERNS[kind];
  if (pattern !== undefined) return digitsMask(value, pattern);
  return kind === 'nome' ? initials(value) : tokenOf(value);
}

/**
 * The SQL expression that replaces `column` (DuckDB type `type`) in the masked view; rows
 * matching `publicRows` keep their value. Non-text identifiers become NULL of their own type.
 */
export function maskExpression(column: string, type: string, publicRows?: string): string {
  const value = quotedIdentifier(column);
  if (type.toUpperCase() !== 'VARCHAR') return `CAST(NULL AS ${type})`;
  const kind = maskKindFor(column);
  const pattern = DIGIT_PATTERNS[kind];
  const branches = [
    ...(publicRows ? [`WHEN (${publicRows}) THEN ${value}`] : []),
    // Bare digits are never NULL or blank, so testing them before the blank check is the same.
    ...(pattern !== undefined ? [bareDigitsBranch(value, pattern)] : []),
    `WHEN ${value} IS NULL OR trim(${value}) = '' THEN ${value}`,
  ];
  return `CASE ${branches.join(' ')} ELSE ${maskedText(kind, value)} END`;
}
