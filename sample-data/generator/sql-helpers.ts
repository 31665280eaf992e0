// SQL building blocks: hash-derived randomness, weighted choices, document check digits.
//
// Every random value is a pure function of (key, salt, seed) through DuckDB's hash(), so a
// row's values do not depend on the order or the thread that computes it.

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL list literal of strings. */
export function listLit(values: readonly string[]): string {
  return `[${values.map(lit).join(', ')}]`;
}

/** `CASE` choosing among values by weight, given a uniform [0,1) expression. */
export function weighted(u: string, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const whens = choices.slice(0, -1).map(([value, w]) => {
    acc += w / total;
    return `WHEN ${u} < ${acc.toFixed(6)} THEN ${lit(value)}`;
  });
  const last = choices[choices.length - 1];
  if (!last) throw new Error('weighted() needs at least one choice');
  return `(CASE ${whens.join(' ')} ELSE ${lit(last[0])} END)`;
}

/** Weighted sum of the decimal digits of the integer `x` written with `width` digits (weights in order). */
function weightedDigits(x: string, width: number, weights: readonly number[]): string {
  return weights.map((w, i) => `${w} * ((${x} // ${10n ** BigInt(width - 1 - i)}) % 10)`).join(' + ');
}

/** The usual modulo-11 check digit: remainder < 2 gives 0, else 11 - remainder. */
function mod11Digit(sum: string): string {
  return `(CASE WHEN (${sum}) % 11 < 2 THEN 0 ELSE 11 - (${sum}) % 11 END)`;
}

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const NIS_W = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNS_W = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3];

/**
 * Macros created once per generation instance; `seed` is baked in. Document numbers are
 * computed on integers (digit = x // 10^k % 10): string-based versions nested inside CASE
 * expressions blew up, as DuckDB does not share common subexpressions there.
 */
export function macroStatements(seed: number): string[] {
  return [
    `CREATE MACRO rnd(k, salt) AS CAST(hash(k, salt, CAST(${seed} AS BIGINT)) AS DOUBLE) / 18446744073709551616.0`,
    `CREATE MACRO rnd2(k1, k2, salt) AS CAST(hash(k1, k2, salt, CAST(${seed} AS BIGINT)) AS DOUBLE) / 18446744073709551616.0`,
    `CREATE MACRO rint(k, salt, lo, hi) AS CAST(lo + floor(rnd(k, salt) * (hi - lo + 1)) AS INTEGER)`,
    // Box-Muller: a standard normal from two hash-derived uniforms.
    `CREATE MACRO rnorm(k, salt) AS sqrt(-2 * ln(1 - rnd(k, salt || '#a'))) * cos(2 * pi() * rnd(k, salt || '#b'))`,
    `CREATE MACRO pick(xs, k, salt) AS xs[1 + CAST(floor(rnd(k, salt) * len(xs)) AS BIGINT)]`,
    // A bijection of [0, 10^d): odd multipliers not divisible by 5 are units mod 10^d.
    `CREATE MACRO perm(n, mult, offs, modulus) AS CAST((CAST(n AS HUGEINT) * mult + offs) % modulus AS BIGINT)`,
    // CPF: 9 digits, then two modulo-11 digits (weights 10..2, then 11..2 over the first ten).
    `CREATE MACRO cpf_dv1(n) AS ${mod11Digit(weightedDigits('n', 9, CPF_W1))}`,
    `CREATE MACRO cpf_dv2(n, d1) AS ${mod11Digit(`${weightedDigits('n', 9, CPF_W2.slice(0, 9))} + 2 * d1`)}`,
    `CREATE MACRO cpf_with_dv1(n, d1) AS lpad(CAST(n AS VARCHAR), 9, '0') || CAST(d1 AS VARCHAR) || CAST(cpf_dv2(n, d1) AS VARCHAR)`,
    `CREATE MACRO make_cpf(n) AS cpf_with_dv1(n, cpf_dv1(n))`,
    // CNPJ: 8-digit root, branch 0001, two modulo-11 digits.
    `CREATE MACRO cnpj_dv1(b) AS ${mod11Digit(weightedDigits('b', 12, CNPJ_W1))}`,
    `CREATE MACRO cnpj_dv2(b, d1) AS ${mod11Digit(`${weightedDigits('b', 12, CNPJ_W2.slice(0, 12))} + 2 * d1`)}`,
    `CREATE MACRO cnpj_with_dv1(b, d1) AS lpad(CAST(b AS VARCHAR), 12, '0') || CAST(d1 AS VARCHAR) || CAST(cnpj_dv2(b, d1) AS VARCHAR)`,
    `CREATE MACRO make_cnpj(n) AS cnpj_with_dv1(CAST(n AS BIGINT) * 10000 + 1, cnpj_dv1(CAST(n AS BIGINT) * 10000 + 1))`,
    // PIS/NIS: 10 digits (here starting with 1) plus a modulo-11 digit where 10 and 11 become 0.
    `CREATE MACRO nis_dv_of(s) AS CASE WHEN 11 - s % 11 >= 10 THEN 0 ELSE 11 - s % 11 END`,
    `CREATE MACRO make_nis(n) AS CAST(1000000000 + n AS VARCHAR) || CAST(nis_dv_of(${weightedDigits('(1000000000 + n)', 10, NIS_W)}) AS VARCHAR)`,
    // Provisional CNS (starts with 7): the weighted sum of all 15 digits is a multiple of 11.
    `CREATE MACRO cns_tail(t) AS CASE WHEN t <= 9 THEN '0' || CAST(t AS VARCHAR) ELSE '18' END`,
    `CREATE MACRO make_cns(n) AS CAST(7000000000000 + n AS VARCHAR)
       || cns_tail((11 - (${weightedDigits('(7000000000000 + n)', 13, CNS_W)}) % 11) % 11)`,
  ];
}
