// Exact number text: integers and decimals never pass through a float.
import type { Locale } from '../i18n/locale.ts';

export interface NumberSymbols {
  group: string;
  decimal: string;
}

export function symbolsOf(locale: Locale): NumberSymbols {
  return locale === 'pt-BR' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

/** "-1234567" -> "-1.234.567" (or without separators when `group` is empty). */
export function groupDigits(integerText: string, group: string): string {
  const negative = integerText.startsWith('-');
  const digits = negative ? integerText.slice(1) : integerText;
  if (!group || digits.length <= 3) return integerText;
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const part = digits.slice(Math.max(0, end - 3), end);
    out = out ? `${part}${group}${out}` : part;
  }
  return negative ? `-${out}` : out;
}

/** An Arrow 128-bit (or wider) two's-complement value, as its 32-bit little-endian words. */
export function bigIntFromWords(words: ArrayLike<number>): bigint {
  let value = 0n;
  for (let i = words.length - 1; i >= 0; i--) value = (value << 32n) | BigInt((words[i] ?? 0) >>> 0);
  const bits = BigInt(words.length * 32);
  return words.length && ((words[words.length - 1] ?? 0) >>> 31) === 1 ? value - (1n << bits) : value;
}

/** Unscaled integer + scale -> exact decimal text with the given symbols. */
export function formatScaled(unscaled: bigint, scale: number, symbols: NumberSymbols): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const integer = groupDigits(digits.slice(0, digits.length - scale), symbols.group);
  const fraction = scale > 0 ? symbols.decimal + digits.slice(digits.length - scale) : '';
  return `${negative ? '-' : ''}${integer}${fraction}`;
}

const floatFormats = new Map<string, Intl.NumberFormat>();

export function formatFloat(value: number, locale: Locale, grouped: boolean): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const key = `${locale}:${grouped}`;
  let format = floatFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: grouped });
    floatFormats.set(key, format);
  }
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-6)) return value.toExponential(6).replace('.', symbolsOf(locale).decimal);
  return format.format(value);
}
