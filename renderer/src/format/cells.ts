// Cell text by DuckDB type: `display` for the grid (grouped, localised), `raw` for copies
// that paste cleanly into a spreadsheet of the same locale (no thousands separators).
import type { Locale } from '../i18n/locale.ts';
import { bigIntFromWords, formatFloat, formatScaled, groupDigits, symbolsOf } from './numbers.ts';
import { formatDate, formatInstantInZone, formatTimeOfDay, formatTimestamp } from './temporal.ts';

export interface CellFormat {
  display(value: unknown): string;
  raw(value: unknown): string;
  numeric: boolean;
}

type Kind = 'integer' | 'decimal' | 'float' | 'date' | 'timestamp' | 'time' | 'boolean' | 'blob' | 'text' | 'nested' | 'interval' | 'variant';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/;

export function kindOf(type: string): { kind: Kind; scale: number } {
  const upper = type.toUpperCase();
  if (INTEGER.test(upper)) return { kind: 'integer', scale: 0 };
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) return { kind: 'decimal', scale: Number(decimal[2]) };
  if (upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL') return { kind: 'float', scale: 0 };
  if (upper === 'DATE') return { kind: 'date', scale: 0 };
  if (upper.startsWith('TIMESTAMP')) return { kind: 'timestamp', scale: 0 };
  if (upper.startsWith('TIME')) return { kind: 'time', scale: 0 };
  if (upper === 'BOOLEAN') return { kind: 'boolean', scale: 0 };
  if (upper === 'BLOB') return { kind: 'blob', scale: 0 };
  if (upper === 'INTERVAL') return { kind: 'interval', scale: 0 };
  if (upper === 'VARIANT') return { kind: 'variant', scale: 0 };
  if (upper.endsWith(']') || upper.startsWith('STRUCT') || upper.startsWith('MAP') || upper.startsWith('UNION')) return { kind: 'nested', scale: 0 };
  return { kind: 'text', scale: 0 };
}

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (ArrayBuffer.isView(value)) return bigIntFromWords(value as unknown as ArrayLike<number>);
  return BigInt(String(value));
}

function toMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

export function compactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return Array.from(v);
    if (v && typeof v === 'object' && 'toJSON' in v && typeof v.toJSON === 'function') return (v as { toJSON(): unknown }).toJSON();
    return v;
  });
}

function blobText(value: unknown): string {
  const bytes = value instanceof Uint8Array ? value : new Uint8Array();
  const shown = Array.from(bytes.subarray(0, 64), (b) => (b >= 32 && b < 127 && b !== 92 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`));
  return shown.join('') + (bytes.length > 64 ? '…' : '');
}

const pad2 = (n: bigint): string => String(n).padStart(2, '0');

/**
 * An INTERVAL as DuckDB prints it (`1 year 2 months 3 days 04:05:06.5`, `2562047788:00:00`).
 * The Arrow interval holds DuckDB's own bytes: months, days, then MICROseconds in 64 bits (the
 * core's arrow/schema.ts says why), read here as the four 32-bit words the grid receives.
 */
export function intervalText(value: unknown): string {
  const words = value as Int32Array;
  const months = words[0] as number;
  const days = words[1] as number;
  const micros = (BigInt(words[3] as number) << 32n) | BigInt((words[2] as number) >>> 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 || n === -1 ? '' : 's'}`;
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  if (years) parts.push(plural(years, 'year'));
  if (months - years * 12) parts.push(plural(months - years * 12, 'month'));
  if (days) parts.push(plural(days, 'day'));
  if (micros !== 0n || parts.length === 0) {
    const size = micros < 0n ? -micros : micros;
    const seconds = size / 1000000n;
    const fraction = size % 1000000n;
    const clock = `${pad2(seconds / 3600n)}:${pad2((seconds / 60n) % 60n)}:${pad2(seconds % 60n)}`;
    parts.push(`${micros < 0n ? '-' : ''}${clock}${fraction ? `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : ''}`);
  }
  return parts.join(' ');
}

/** A VARIANT arrives as {text, json} (the core's arrow/variant.ts): the grid shows DuckDB's text. */
function variantText(value: unknown): string {
  return String((value as { text?: unknown } | null)?.text ?? '');
}

/** Years read badly as "2.015": a column named like a year keeps its digits together. */
const YEAR_NAME = /^(ano|exercicio|exercício|year|ano_\w+|\w+_ano)$/i;

/** `timeZone`: the zone a TIMESTAMPTZ column's Arrow field names (the session's). */
export function cellFormat(type: string, locale: Locale, booleans: [string, string], columnName = '', timeZone?: string): CellFormat {
  const { kind, scale } = kindOf(type);
  const symbols = YEAR_NAME.test(columnName) && kind === 'integer' ? { ...symbolsOf(locale), group: '' } : symbolsOf(locale);
  const plain = { group: '', decimal: symbols.decimal };
  switch (kind) {
    case 'integer':
      return {
        numeric: true,
        display: (v) => groupDigits(toBigInt(v).toString(), symbols.group),
        raw: (v) => toBigInt(v).toString(),
      };
    case 'decimal':
      return {
        numeric: true,
        display: (v) => formatScaled(toBigInt(v), scale, symbols),
        raw: (v) => formatScaled(toBigInt(v), scale, plain),
      };
    case 'float':
      return { numeric: true, display: (v) => formatFloat(Number(v), locale, true), raw: (v) => formatFloat(Number(v), locale, false) };
    case 'date':
      return { numeric: false, display: (v) => formatDate(toMs(v), locale), raw: (v) => formatDate(toMs(v), locale) };
    case 'timestamp': {
      // A TIMESTAMPTZ is shown in the session's zone, the one its column's Arrow field names.
      const text = timeZone && /WITH TIME ZONE|TIMESTAMPTZ/.test(type.toUpperCase())
        ? (v: unknown) => formatInstantInZone(toMs(v), locale, timeZone)
        : (v: unknown) => formatTimestamp(toMs(v), locale);
      return { numeric: false, display: text, raw: text };
    }
    case 'time':
      return { numeric: false, display: (v) => formatTimeOfDay(v as bigint), raw: (v) => formatTimeOfDay(v as bigint) };
    case 'boolean':
      return { numeric: false, display: (v) => (v ? booleans[0] : booleans[1]), raw: (v) => (v ? 'true' : 'false') };
    case 'blob':
      return { numeric: false, display: blobText, raw: blobText };
    case 'nested':
      return { numeric: false, display: compactJson, raw: compactJson };
    case 'interval':
      return { numeric: false, display: intervalText, raw: intervalText };
    case 'variant':
      return { numeric: false, display: variantText, raw: variantText };
    default:
      return {
        numeric: false,
        display: (v) => (typeof v === 'string' ? v : ArrayBuffer.isView(v) ? compactJson(Array.from(v as Int32Array)) : String(v)),
        raw: (v) => (typeof v === 'string' ? v : String(v)),
      };
  }
}
