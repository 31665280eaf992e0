// Dates, times, timestamps and intervals as text, from their integer encodings, exactly as
// DuckDB prints them (proleptic Gregorian; years <= 0 as "(BC)"; `infinity`).

import { offsetText, zoneOffsetSeconds } from './zone-offset.ts';

const DATE_INFINITY = 2147483647;
const TIMESTAMP_INFINITY = 9223372036854775807n;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 -> civil date (H. Hinnant's algorithm; exact for any int32). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

function yearText(year: number): { text: string; bc: boolean } {
  const bc = year <= 0;
  return { text: String(bc ? 1 - year : year).padStart(4, '0'), bc };
}

export type DateStyle = 'iso' | 'br';

/** A date's text, or null when it is outside what the style can say (BC or infinite). */
function civilText(civil: CivilDate, style: DateStyle): string | null {
  const { text, bc } = yearText(civil.year);
  // A spreadsheet's dates end at 9999; past that, and BC, csv-br keeps DuckDB's own text.
  if (style === 'br') return bc || civil.year > 9999 ? null : `${pad2(civil.day)}/${pad2(civil.month)}/${text}`;
  return `${text}-${pad2(civil.month)}-${pad2(civil.day)}`;
}

export function dateText(days: number, style: DateStyle = 'iso'): string {
  if (days === DATE_INFINITY) return 'infinity';
  if (days === -DATE_INFINITY) return '-infinity';
  const civil = civilFromDays(days);
  const text = civilText(civil, style) ?? civilText(civil, 'iso') as string;
  return civil.year <= 0 ? `${text} (BC)` : text;
}

/** Fraction digits after the point, trailing zeros removed ('' when zero). */
function fraction(value: bigint, digits: number, mark: string, trim: boolean): string {
  if (value === 0n) return '';
  const padded = value.toString().padStart(digits, '0');
  return mark + (trim ? padded.replace(/0+$/, '') : padded);
}

/** `HH:MM:SS[.fff]` from a count of sub-second units within one day (or more, for TIME 24:00:00). */
export function timeOfDayText(units: bigint, perSecond: bigint, digits: number, mark = '.', trim = true): string {
  const seconds = units / perSecond;
  const hours = Number(seconds / 3600n);
  const minutes = Number((seconds / 60n) % 60n);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(Number(seconds % 60n))}${fraction(units % perSecond, digits, mark, trim)}`;
}

export type TimeUnitName = 's' | 'ms' | 'us' | 'ns';
const PER_SECOND: Record<TimeUnitName, [bigint, number]> = { s: [1n, 0], ms: [1000n, 3], us: [1000000n, 6], ns: [1000000000n, 9] };

/**
 * What follows a TIMESTAMPTZ's wall clock: `duckdb`, the offset as DuckDB prints it (`-03`,
 * `+05:30`, a historical offset's seconds dropped); `iso`, ISO-8601's `Z` or `-03:00`, the
 * clock then shifted by the offset in whole minutes so the text names the exact instant;
 * `none`, the wall clock alone (a spreadsheet cannot read offsets; the file names the zone).
 */
export type OffsetStyle = 'duckdb' | 'iso' | 'none';

export interface TimestampStyle {
  dates: DateStyle;
  /** Between date and time: ' ' as DuckDB prints, 'T' for ISO-8601. */
  separator: string;
  /** Decimal mark of the seconds. */
  mark: string;
  offsets: OffsetStyle;
  /** DuckDB drops trailing zeros of the fraction; a fixed-format reader (csv-br) wants all digits. */
  trimFraction: boolean;
}

function isoOffsetText(seconds: number): string {
  if (seconds === 0) return 'Z';
  const text = offsetText(seconds);
  return text.length === 3 ? `${text}:00` : text;
}

/** A timestamp as DuckDB's `::VARCHAR` prints it. */
export const DUCKDB_TIMESTAMP_STYLE: TimestampStyle = { dates: 'iso', separator: ' ', mark: '.', offsets: 'duckdb', trimFraction: true };

/** Whether the wall clock's year is one a spreadsheet date can hold (1 to 9999). */
function brazilianYear(value: bigint, perSecond: bigint, zone: string | null): boolean {
  const seconds = Number(value / perSecond);
  const wall = zone === null ? seconds : seconds + zoneOffsetSeconds(seconds * 1000, zone);
  const year = civilFromDays(Math.floor(wall / 86400)).year;
  return year >= 1 && year <= 9999;
}

/**
 * A timestamp's text. `zone`: a TIMESTAMPTZ's instant is shown as the wall clock of that IANA
 * zone, with its offset as `style.offsets` says (DuckDB shows it in its session zone).
 */
export function timestampText(value: bigint, unit: TimeUnitName, zone: string | null, style: TimestampStyle): string {
  if (value === TIMESTAMP_INFINITY) return 'infinity';
  if (value === -TIMESTAMP_INFINITY) return '-infinity';
  const [perSecond, digits] = PER_SECOND[unit];
  if (style.dates === 'br' && !brazilianYear(value, perSecond, zone)) return timestampText(value, unit, zone, DUCKDB_TIMESTAMP_STYLE);
  let suffix = '';
  if (zone !== null) {
    const offset = zoneOffsetSeconds((Number(value) / Number(perSecond)) * 1000, zone);
    const shown = style.offsets === 'iso' ? Math.trunc(offset / 60) * 60 : offset;
    value += BigInt(shown) * perSecond;
    if (style.offsets === 'duckdb') suffix = offsetText(offset);
    else if (style.offsets === 'iso') suffix = isoOffsetText(shown);
  }
  const perDay = perSecond * 86400n;
  let days = value / perDay;
  let rest = value % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  const civil = civilFromDays(Number(days));
  const date = civilText(civil, style.dates) ?? (civilText(civil, 'iso') as string);
  const bc = civil.year <= 0 ? ' (BC)' : '';
  const time = timeOfDayText(rest, perSecond, digits, style.mark, style.trimFraction);
  return `${date}${bc}${style.separator}${time}${suffix}`;
}

export function timeText(value: bigint, unit: 'us' | 'ns', mark = '.'): string {
  const [perSecond, digits] = PER_SECOND[unit];
  return timeOfDayText(value, perSecond, digits, mark);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || n === -1 ? '' : 's'}`;

/** DuckDB's interval text: `1 year 2 months 3 days 04:05:06.5`, `-1 month 1 day`, `00:00:00`. */
export function intervalText(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  const restMonths = months - years * 12;
  if (years) parts.push(plural(years, 'year'));
  if (restMonths) parts.push(plural(restMonths, 'month'));
  if (days) parts.push(plural(days, 'day'));
  if (micros !== 0n || parts.length === 0) {
    const negative = micros < 0n;
    parts.push((negative ? '-' : '') + timeOfDayText(negative ? -micros : micros, 1000000n, 6));
  }
  return parts.join(' ');
}
