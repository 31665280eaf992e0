// Check digits of Brazilian identifiers: CPF, CNPJ, NIS (PIS/PASEP) and CNS. Each rule twice:
// in TypeScript (one value, readable, the reference the tests sweep) and as a DuckDB expression
// (a whole column at once: a registry has millions of identifiers). The tests hold both to the
// same answer. Punctuation (`123.456.789-09`) is ignored; any other character, or the wrong
// number of digits, makes the value invalid.

export type IdentifierKind = 'cpf' | 'cnpj' | 'cns' | 'nis';
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ['cpf', 'cnpj', 'cns', 'nis'];

const PUNCTUATION = /[.\-/ ]/g;
const PUNCTUATION_SQL = String.raw`[.\-/ ]`;

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const NIS_W = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNS_W = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
const LENGTH: Record<IdentifierKind, number> = { cpf: 11, cnpj: 14, cns: 15, nis: 11 };

function weighted(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + Number(digits[index]) * weight, 0);
}

/** Modulo 11 as CPF and CNPJ use it: a remainder under 2 gives 0. */
function mod11(sum: number): number {
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function cpfOk(d: string): boolean {
  // 000.000.000-00, 111.111.111-11 … pass the arithmetic but the Receita never issues them.
  if (/^(\d)\1{10}$/.test(d)) return false;
  return mod11(weighted(d, CPF_W1)) === Number(d[9]) && mod11(weighted(d, CPF_W2)) === Number(d[10]);
}

function cnpjOk(d: string): boolean {
  if (/^(\d)\1{13}$/.test(d)) return false;
  return mod11(weighted(d, CNPJ_W1)) === Number(d[12]) && mod11(weighted(d, CNPJ_W2)) === Number(d[13]);
}

function nisOk(d: string): boolean {
  const digit = 11 - (weighted(d, NIS_W) % 11);
  return (digit >= 10 ? 0 : digit) === Number(d[10]);
}

/**
 * CNS: definitive cards (first digit 1 or 2) are built from a PIS (first 11 digits) with the
 * tail `000d`, or `001d` when the first try gives 10; provisional cards (7, 8 or 9) only need
 * the weighted sum of all 15 digits to be a multiple of 11. Other first digits do not exist.
 */
function cnsOk(d: string): boolean {
  const first = d[0];
  if (first === '1' || first === '2') {
    const sum = weighted(d, CNS_W.slice(0, 11));
    let digit = 11 - (sum % 11);
    if (digit === 11) digit = 0;
    const tail = digit === 10 ? `001${11 - ((sum + 2) % 11)}` : `000${digit}`;
    return d.slice(11) === tail;
  }
  if (first === '7' || first === '8' || first === '9') return weighted(d, CNS_W) % 11 === 0;
  return false;
}

const CHECKS: Record<IdentifierKind, (digits: string) => boolean> = { cpf: cpfOk, cnpj: cnpjOk, cns: cnsOk, nis: nisOk };

/** True when `value` (digits, optionally punctuated) has valid check digits for its kind. */
export function hasValidCheckDigits(kind: IdentifierKind, value: string): boolean {
  const digits = value.replace(PUNCTUATION, '');
  if (digits.length !== LENGTH[kind] || !/^\d+$/.test(digits)) return false;
  return CHECKS[kind](digits);
}

// ---- The same rules in DuckDB SQL, over an expression `d` holding the bare digits.

function digitSql(d: string, position: number): string {
  return `(ascii(substr(${d}, ${position}, 1)) - 48)`;
}

function weightedSql(d: string, weights: readonly number[]): string {
  return `(${weights.map((weight, index) => `${digitSql(d, index + 1)} * ${weight}`).join(' + ')})`;
}

function mod11Sql(sum: string): string {
  return `(CASE WHEN ${sum} % 11 < 2 THEN 0 ELSE 11 - ${sum} % 11 END)`;
}

function repeatedSql(d: string, length: number): string {
  return `${d} = repeat(substr(${d}, 1, 1), ${length})`;
}

const CHECKS_SQL: Record<IdentifierKind, (d: string) => string> = {
  cpf: (d) =>
    `NOT (${repeatedSql(d, 11)}) AND ${mod11Sql(weightedSql(d, CPF_W1))} = ${digitSql(d, 10)} AND ${mod11Sql(weightedSql(d, CPF_W2))} = ${digitSql(d, 11)}`,
  cnpj: (d) =>
    `NOT (${repeatedSql(d, 14)}) AND ${mod11Sql(weightedSql(d, CNPJ_W1))} = ${digitSql(d, 13)} AND ${mod11Sql(weightedSql(d, CNPJ_W2))} = ${digitSql(d, 14)}`,
  nis: (d) => `(CASE WHEN 11 - ${weightedSql(d, NIS_W)} % 11 >= 10 THEN 0 ELSE 11 - ${weightedSql(d, NIS_W)} % 11 END) = ${digitSql(d, 11)}`,
  cns: (d) => {
    const sum = weightedSql(d, CNS_W.slice(0, 11));
    const digit = `(CASE WHEN 11 - ${sum} % 11 = 11 THEN 0 ELSE 11 - ${sum} % 11 END)`;
    const tail = `(CASE WHEN ${digit} = 10 THEN '001' || CAST(11 - (${sum} + 2) % 11 AS VARCHAR) ELSE '000' || CAST(${digit} AS VARCHAR) END)`;
    return (
      `(CASE WHEN substr(${d}, 1, 1) IN ('1', '2') THEN substr(${d}, 12) = ${tail} ` +
      `WHEN substr(${d}, 1, 1) IN ('7', '8', '9') THEN ${weightedSql(d, CNS_W)} % 11 = 0 ELSE false END)`
    );
  },
};

/**
 * A DuckDB boolean expression: true when the VARCHAR `value` has valid check digits, false
 * otherwise; NULL stays NULL (a missing identifier is not a wrong one).
 */
export function validCheckDigitsSql(kind: IdentifierKind, value: string): string {
  const digits = `regexp_replace(${value}, '${PUNCTUATION_SQL}', '', 'g')`;
  const length = LENGTH[kind];
  // The digits expression is repeated inside; DuckDB evaluates regexp_replace per use, so the
  // common case (already bare digits) skips it.
  const check = (d: string) => `(regexp_full_match(${d}, '[0-9]{${length}}') AND ${CHECKS_SQL[kind](d)})`;
  return `(CASE WHEN ${value} IS NULL THEN NULL WHEN regexp_full_match(${value}, '[0-9]{${length}}') THEN ${CHECKS_SQL[kind](value)} ELSE ${check(digits)} END)`;
}
