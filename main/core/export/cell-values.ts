// Arrow values as spreadsheet cells: numbers as numbers only where Excel keeps every digit
// (15 significant digits), else the exact digits as text; dates as dates inside Excel's
// range (a date is a number in a cell: its serial day, shown as a date by the column's
// format); everything else as DuckDB's own text. Strings are never formulas.
import type { Data } from 'apache-arrow';
import { rendererFor, type ValueRenderer } from '../format/values.ts';
import { bigIntFromWords, decimalText, floatText } from '../format/numbers.ts';
import { zoneOffsetSeconds } from '../format/zone-offset.ts';
import { DataType, Precision } from 'apache-arrow';
import type { Decimal } from 'apache-arrow';
import type { ColumnPlan } from './column-plan.ts';

/** A date or date-time is its Excel serial (days since 1899-12-30, the time of day as the fraction). */
export type CellValue = string | number | boolean | null;

/** What was written differently from a plain number or date, to tell the user in "Sobre". */
export type CellNote = 'digits_as_text' | 'date_as_text' | 'text_truncated';

export type CellReader = (data: Data, index: number) => CellValue;

const EXCEL_DIGITS = 15;
const MAX_CELL_TEXT = 32767;
/** 1900-03-01 and 9999-12-31 as days since 1970: Excel's 1900 leap-year bug makes earlier serials ambiguous. */
const FIRST_EXCEL_DAY = -25508;
const LAST_EXCEL_DAY = 2932896;
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial day. */
const EPOCH_SERIAL = 25569;
const TEN_TO_15 = 1e15;
const TWO_TO_32 = 4294967296;
const UNIT_PER_MS = [1e-3, 1, 1e3, 1e6];
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const HAS_XML_INVALID = new RegExp(XML_INVALID.source);

/** Exact decimal text → a number when the double reads back to the same digits and Excel keeps them all. */
export function exactNumber(text: string): number | null {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > EXCEL_DIGITS) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  const normal = (t: string) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t).replace(/^-0$/, '0');
  const back = String(value);
  return !back.includes('e') && normal(back) === normal(text) ? value : null;
}

export function safeText(text: string, note: (n: CellNote) => void): string {
  let clean = HAS_XML_INVALID.test(text) ? text.replace(XML_INVALID, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`) : text;
  if (clean.length > MAX_CELL_TEXT) {
    clean = clean.slice(0, MAX_CELL_TEXT);
    note('text_truncated');
  }
  return clean;
}

/** A 64-bit column's values as 32-bit halves (low, high), one view per chunk's column. */
function halvesOf(): (data: Data) => Int32Array {
  let seen: Data | null = null;
  let halves: Int32Array<ArrayBufferLike> = new Int32Array(0);
  return (data) => {
    if (data !== seen) {
      const values = data.values as BigInt64Array;
      halves = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
      seen = data;
    }
    return halves;
  };
}

/** Milliseconds since 1970 as an Excel serial day (the time of day its fraction). */
function serial(ms: number): number {
  return EPOCH_SERIAL + ms / MS_PER_DAY;
}

/**
 * A DECIMAL of at most 15 significant digits whose unscaled value is a safe integer: that
 * integer over 10^scale (both exact, so the quotient is the double nearest the decimal, as
 * Number(text) gives), which prints back to the same digits. Null where exactNumber must judge
 * the text (wider values, scales past 10^22, magnitudes a double prints with an exponent).
 */
function smallDecimal(words: Uint32Array, at: number, scale: number): number | null {
  const high = words[at + 1] as number;
  const top = words[at + 2] as number;
  if (top !== (words[at + 3] as number) || (top !== 0 && top !== 0xffffffff) || (top === 0) !== high < 0x80000000) return null;
  const unscaled = (top === 0 ? high : high - TWO_TO_32) * TWO_TO_32 + (words[at] as number);
  if (unscaled <= -TEN_TO_15 || unscaled >= TEN_TO_15 || scale > 22) return null;
  const value = unscaled / 10 ** scale;
  return value !== 0 && Math.abs(value) < 1e-6 ? null : value;
}

/**
 * A VARCHAR column's text straight from its UTF-8 bytes: what rendererFor gives, through
 * Buffer's decoder (cheaper per value than TextDecoder's, and it too keeps a leading U+FEFF).
 */
function utf8Text(): ValueRenderer {
  let seen: Data | null = null;
  let bytes: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  return (data, index) => {
    if (!data.getValid(index)) return null;
    if (data !== seen) {
      const values = data.values as Uint8Array;
      bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
      seen = data;
    }
    const offsets = data.valueOffsets as Int32Array;
    return bytes.toString('utf8', offsets[index], offsets[index + 1]);
  };
}

export function cellReader(plan: ColumnPlan, note: (n: CellNote) => void): CellReader {
  const text = DataType.isUtf8(plan.field.type) ? utf8Text() : rendererFor(plan.field, 'text');
  const asText: CellReader = (data, index) => {
    const value = text(data, index);
    return value === null ? null : safeText(value, note);
  };
  const fallback = (data: Data, index: number, kind: CellNote): CellValue => {
    note(kind);
    return asText(data, index);
  };
  switch (plan.kind) {
    case 'bool':
      return (data, index) => (data.getValid(index) ? text(data, index) === 'true' : null);
    case 'int':
      return (data, index) => (data.getValid(index) ? (data.values[index] as number) : null);
    case 'bigint': {
      // The two 32-bit halves, not the bigint: no allocation per cell.
      const unsigned = !(plan.field.type as { isSigned: boolean }).isSigned;
      const view = halvesOf();
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const halves = view(data);
        const high = halves[index * 2 + 1] as number;
        const value = (unsigned ? high >>> 0 : high) * TWO_TO_32 + ((halves[index * 2] as number) >>> 0);
        return value > -TEN_TO_15 && value < TEN_TO_15 ? value : fallback(data, index, 'digits_as_text');
      };
    }
    case 'decimal': {
      const { scale, bitWidth } = plan.field.type as Decimal;
      const words = bitWidth / 32;
      const signed = bitWidth !== 256;
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const small = bitWidth === 128 ? smallDecimal(data.values as Uint32Array, index * words, scale) : null;
        if (small !== null) return small;
        const exact = decimalText(bigIntFromWords(data.values as Uint32Array, index * words, words, signed), scale);
        const value = exactNumber(exact);
        if (value !== null) return value;
        note('digits_as_text');
        return exact;
      };
    }
    case 'float': {
      const float32 = (plan.field.type as { precision: number }).precision === Precision.SINGLE;
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const value = data.values[index] as number;
        if (!Number.isFinite(value)) return asText(data, index);
        // A FLOAT's shortest digits (1.1), not its widened double (1.100000023841858).
        return float32 ? Number(floatText(value, true)) : value;
      };
    }
    case 'date':
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const days = data.values[index] as number;
        return days >= FIRST_EXCEL_DAY && days <= LAST_EXCEL_DAY ? EPOCH_SERIAL + days : fallback(data, index, 'date_as_text');
      };
    case 'timestamp': {
      const { unit, timezone } = plan.field.type as { unit: number; timezone?: string | null };
      const perMs = UNIT_PER_MS[unit] as number;
      // A cell has no zone: a TIMESTAMPTZ is written as the wall clock of the session's zone, which "Sobre" names.
      const zone = timezone ?? null;
      // Whole milliseconds divided in BigInt (floor): a microsecond count past 2^53 (after 2255)
      // would lose digits as a float, and round 23:59:59.999999 up into the next day.
      const per = perMs >= 1 ? BigInt(perMs) : null;
      const wholeMs = (value: bigint): number => {
        if (per === null) return Number(value) * 1000;
        const quotient = value / per;
        return Number(value % per < 0n ? quotient - 1n : quotient);
      };
      // The same floor in doubles while the count is a safe integer (until 2255 in microseconds):
      // `%` and the division of a multiple are exact there, and no bigint is made per cell.
      const wholeMsOfSafe = (value: number): number => {
        if (perMs < 1) return value * 1000;
        const rest = value % perMs;
        return (value - (rest < 0 ? rest + perMs : rest)) / perMs;
      };
      const view = halvesOf();
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const halves = view(data);
        const count = (halves[index * 2 + 1] as number) * TWO_TO_32 + ((halves[index * 2] as number) >>> 0);
        const instant = Number.isSafeInteger(count) ? wholeMsOfSafe(count) : wholeMs(data.values[index] as bigint);
        const ms = zone === null ? instant : instant + zoneOffsetSeconds(instant, zone) * 1000;
        const inRange = ms >= FIRST_EXCEL_DAY * MS_PER_DAY && ms < (LAST_EXCEL_DAY + 1) * MS_PER_DAY;
        return inRange ? serial(Math.floor(ms)) : fallback(data, index, 'date_as_text');
      };
    }
    default:
      return asText;
  }
}
