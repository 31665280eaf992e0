// Arrow values as spreadsheet cells: numbers as numbers only where Excel keeps every digit
// (15 significant digits), else the exact digits as text; dates as dates inside Excel's
// range; everything else as DuckDB's own text. Strings are never formulas.
import type { Data } from 'apache-arrow';
import { rendererFor } from '../format/values.ts';
import { bigIntFromWords, decimalText, floatText } from '../format/numbers.ts';
import { zoneOffsetSeconds } from '../format/zone-offset.ts';
import { Precision } from 'apache-arrow';
import type { Decimal } from 'apache-arrow';
import type { ColumnPlan } from './column-plan.ts';

/** Rich text is how exceljs writes an inline string whose spaces must survive (`xml:space="preserve"`). */
export type CellValue = string | number | boolean | Date | { richText: { text: string }[] } | null;

/** What was written differently from a plain number or date, to tell the user in "Sobre". */
export type CellNote = 'digits_as_text' | 'date_as_text' | 'text_truncated';

export type CellReader = (data: Data, index: number) => CellValue;

const EXCEL_DIGITS = 15;
const MAX_CELL_TEXT = 32767;
/** 1900-03-01 and 9999-12-31 as days since 1970: Excel's 1900 leap-year bug makes earlier serials ambiguous. */
const FIRST_EXCEL_DAY = -25508;
const LAST_EXCEL_DAY = 2932896;
// Plain string cells lose leading and trailing spaces (and a leading tab) when read back.
const EDGE_SPACE = /^\s|\s$|\n/;
const MS_PER_DAY = 86_400_000;
const UNIT_PER_MS = [1e-3, 1, 1e3, 1e6];
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

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
  let clean = text.replace(XML_INVALID, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (clean.length > MAX_CELL_TEXT) {
    clean = clean.slice(0, MAX_CELL_TEXT);
    note('text_truncated');
  }
  return clean;
}

/** Text as a string cell (never a formula, whatever it starts with), its edge spaces kept. */
export function textCell(text: string, note: (n: CellNote) => void): CellValue {
  const clean = safeText(text, note);
  return EDGE_SPACE.test(clean) ? { richText: [{ text: clean }] } : clean;
}

export function cellReader(plan: ColumnPlan, note: (n: CellNote) => void): CellReader {
  const text = rendererFor(plan.field, 'text');
  const asText: CellReader = (data, index) => {
    const value = text(data, index);
    return value === null ? null : textCell(value, note);
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
    case 'bigint':
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const value = data.values[index] as bigint;
        return value > -(10n ** 15n) && value < 10n ** 15n ? Number(value) : fallback(data, index, 'digits_as_text');
      };
    case 'decimal': {
      const { scale, bitWidth } = plan.field.type as Decimal;
      const words = bitWidth / 32;
      const signed = bitWidth !== 256;
      return (data, index) => {
        if (!data.getValid(index)) return null;
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
        return days >= FIRST_EXCEL_DAY && days <= LAST_EXCEL_DAY ? new Date(days * MS_PER_DAY) : fallback(data, index, 'date_as_text');
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
      return (data, index) => {
        if (!data.getValid(index)) return null;
        const instant = wholeMs(data.values[index] as bigint);
        const ms = zone === null ? instant : instant + zoneOffsetSeconds(instant, zone) * 1000;
        const inRange = ms >= FIRST_EXCEL_DAY * MS_PER_DAY && ms < (LAST_EXCEL_DAY + 1) * MS_PER_DAY;
        return inRange ? new Date(Math.floor(ms)) : fallback(data, index, 'date_as_text');
      };
    }
    default:
      return asText;
  }
}
