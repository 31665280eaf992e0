// Numbers as text with their exact digits: wide integers and decimals never pass through a float.

/** A little-endian two's complement integer of `words` 32-bit words at `at`, as a bigint. */
export function bigIntFromWords(values: Uint32Array, at: number, words: number, signed: boolean): bigint {
  let result = 0n;
  for (let w = words - 1; w >= 0; w--) result = (result << 32n) | BigInt(values[at + w] as number);
  return signed ? BigInt.asIntN(words * 32, result) : result;
}

/**
 * An unscaled decimal integer with `scale` digits after the mark: -500, 4 -> `-0.0500`, or
 * `-.0500` without the leading zero (DuckDB's text of a DECIMAL(p,p)).
 */
export function decimalText(unscaled: bigint, scale: number, mark = '.', leadingZero = true): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  const whole = digits.slice(0, cut);
  return `${negative ? '-' : ''}${leadingZero || whole !== '0' ? whole : ''}${mark}${digits.slice(cut)}`;
}

/** Shortest digits that read back to the same float32 (JS's own shortest is for float64). */
function shortestExponential(value: number, float32: boolean): string {
  if (!float32) return value.toExponential();
  for (let precision = 1; precision < 9; precision++) {
    const candidate = value.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === value) return candidate;
  }
  return value.toExponential(8);
}

/**
 * A finite float as DuckDB prints it (shortest round-trip digits; plain notation with at least
 * one decimal for exponents -4..15, else `1.5e+20` / `1e-07`).
 */
export function floatText(value: number, float32: boolean, mark = '.'): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? `-0${mark}0` : `0${mark}0`;
  const [mantissa, exponentText] = shortestExponential(value, float32).split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fractionDigits = digits.slice(1);
    const exp = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${fractionDigits ? mark + fractionDigits : ''}e${exp}`;
  }
  if (exponent < 0) return `${sign}0${mark}${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const rest = digits.slice(exponent + 1);
  return `${sign}${whole}${mark}${rest || '0'}`;
}

/** A float as a JSON number with the shortest exact digits; non-finite values as strings. */
export function floatJson(value: number, float32: boolean): string {
  if (Number.isNaN(value)) return '"NaN"';
  if (value === Infinity) return '"Infinity"';
  if (value === -Infinity) return '"-Infinity"';
  if (!float32) return String(value);
  return String(Number(shortestExponential(value, true)));
}
