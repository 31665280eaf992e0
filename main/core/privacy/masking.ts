// Masked expressions for `identificador` columns, used by the per-snapshot views that
// unqualified names resolve to. Each keeps the column's name and type, keeps NULL and blank
// values as they are (so "missing CPF" counts still hold), and reveals only what a person
// reading a grid needs: the middle digits of a CPF, the initials of a name.
import { randomBytes } from 'node:crypto';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';

export type MaskKind = 'cpf' | 'cns' | 'nis' | 'cnpj' | 'nome' | 'token';

/** Words left out of initials: "Maria da Silva Oliveira" reads `M. S. O.`. */
const NAME_PARTICLES = ['da', 'das', 'de', 'do', 'dos', 'e'];

/**
 * Rows of a table whose identifier columns are not personal data: a company (PJ) name in
 * `contribuinte` is public; only people's names are masked there.
 */
const PUBLIC_ROWS: Readonly<Record<string, { column: string; value: string }>> = {
  contribuinte: { column: 'tipo', value: 'PJ' },
};

/** The condition under which a row's identifiers are public, if that table has one. */
export function publicRowsCondition(table: string, columns: readonly string[], qualifier = ''): string | undefined {
  const rule = PUBLIC_ROWS[table];
  if (rule === undefined || !columns.includes(rule.column)) return undefined;
  return `${qualifier}${quotedIdentifier(rule.column)} = ${quotedString(rule.value)}`;
}

export function maskKindFor(column: string): MaskKind {
  const name = column.toLowerCase();
  for (const kind of ['cpf', 'cns', 'nis', 'cnpj'] as const) {
    if (new RegExp(`(^|_)${kind}($|_)`).test(name)) return kind;
  }
  if (name.includes('nome')) return 'nome';
  return 'token';
}

/** A per-session secret for tokens: equal values mask equal (joins and distinct counts hold). */
export function newMaskingSalt(): string {
  return randomBytes(16).toString('hex');
}

function digitsOf(value: string): string {
  return `regexp_replace(${value}, '[^0-9]', '', 'g')`;
}

function tokenOf(value: string, salt: string): string {
  return `'#' || left(sha256(${quotedString(salt)} || ${value}), 16)`;
}

/** A fixed-length digit string shown through `pattern`, where `$a..$b` keeps those digits. */
function digitsMask(value: string, length: number, parts: (string | [number, number])[], salt: string): string {
  const digits = digitsOf(value);
  const shown = parts.map((part) => (typeof part === 'string' ? quotedString(part) : `substr(${digits}, ${part[0]}, ${part[1]})`));
  return `CASE WHEN length(${digits}) = ${length} THEN ${shown.join(' || ')} ELSE ${tokenOf(value, salt)} END`;
}

function initials(value: string): string {
  const particles = NAME_PARTICLES.map((p) => quotedString(p)).join(', ');
  return (
    `array_to_string(list_transform(list_filter(string_split(trim(${value}), ' '), ` +
    `lambda w: w <> '' AND lower(w) NOT IN (${particles})), lambda w: upper(left(w, 1)) || '.'), ' ')`
  );
}

function maskedText(kind: MaskKind, value: string, salt: string): string {
  switch (kind) {
    case 'cpf':
      return digitsMask(value, 11, ['***.', [4, 3], '.', [7, 3], '-**'], salt);
    case 'nis':
      return digitsMask(value, 11, ['***.', [4, 5], '.**-*'], salt);
    case 'cns':
      return digitsMask(value, 15, ['*** ', [4, 4], ' ', [8, 4], ' ****'], salt);
    case 'cnpj':
      return digitsMask(value, 14, ['**.', [3, 3], '.', [6, 3], '/****-**'], salt);
    case 'nome':
      return initials(value);
    case 'token':
      return tokenOf(value, salt);
  }
}

/**
 * The SQL expression that replaces `column` (DuckDB type `type`) in the masked view; rows
 * matching `publicRows` keep their value. Non-text identifiers become NULL of their own type.
 */
export function maskExpression(column: string, type: string, salt: string, publicRows?: string): string {
  const value = quotedIdentifier(column);
  if (type.toUpperCase() !== 'VARCHAR') return `CAST(NULL AS ${type})`;
  const masked = maskedText(maskKindFor(column), value, salt);
  const keep = `${value} IS NULL OR trim(${value}) = ''${publicRows ? ` OR (${publicRows})` : ''}`;
  return `CASE WHEN ${keep} THEN ${value} ELSE ${masked} END`;
}
