// The offset of a time zone at an instant (in seconds, east positive), from the time zone data
// of the ICU that Node and Chromium carry, the same IANA data DuckDB's ICU uses for a
// TIMESTAMPTZ's wall clock. Intl answers in ~13 µs, too slow for a million rows, so offsets are
// kept per hour: an hour whose two ends have the same offset has it throughout (a zone never
// changes and changes back within an hour).

import { WorkbenchError } from '../api/index.ts';

const MS_PER_HOUR = 3_600_000;
/** The instants JavaScript's Date can hold (±100,000,000 days); DuckDB's reach further. */
const DATE_LIMIT_MS = 8.64e15;
const MAX_CACHED_HOURS = 100_000;

const formats = new Map<string, Intl.DateTimeFormat>();
const hourOffsets = new Map<string, Map<number, number>>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, format);
  }
  return format;
}

/** `GMT`, `GMT+05:30`, `GMT-03:06:28` -> seconds. */
function parseLongOffset(text: string): number {
  const match = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new Error(`offset de fuso não reconhecido: ${text}`);
  if (!match[1]) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}

function exactOffset(ms: number, zone: string): number {
  const clamped = Math.min(DATE_LIMIT_MS, Math.max(-DATE_LIMIT_MS, ms));
  const part = formatFor(zone).formatToParts(clamped).find((p) => p.type === 'timeZoneName');
  return parseLongOffset(part?.value ?? 'GMT');
}

export function isKnownTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string') return false;
  try {
    formatFor(zone.trim());
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA zone name as given (ICU would turn `Asia/Kolkata` into its legacy `Asia/Calcutta`),
 * or a clear error for a name it does not know.
 */
export function resolveTimeZone(zone: string): string {
  try {
    formatFor(zone.trim());
    return zone.trim();
  } catch {
    throw new WorkbenchError({ code: 'parameter', message: `Fuso horário desconhecido: "${zone}". Use um nome IANA, como America/Sao_Paulo ou UTC.` });
  }
}

/** The zone's offset from UTC at the instant `ms` (milliseconds since 1970, UTC), in seconds. */
export function zoneOffsetSeconds(ms: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  let hours = hourOffsets.get(zone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  const hour = Math.floor(ms / MS_PER_HOUR);
  const cached = hours.get(hour);
  if (cached !== undefined) return cached;
  const start = exactOffset(hour * MS_PER_HOUR, zone);
  if (start !== exactOffset((hour + 1) * MS_PER_HOUR - 1, zone)) return exactOffset(ms, zone);
  if (hours.size >= MAX_CACHED_HOURS) hours.clear();
  hours.set(hour, start);
  return start;
}

/**
 * An offset as DuckDB prints it after a TIMESTAMPTZ: `+00`, `-03`, `+05:30`; seconds of a
 * historical offset (local mean time, `-03:06:28`) are dropped, as DuckDB drops them.
 */
export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const minutes = Math.trunc(Math.abs(seconds) / 60);
  const hh = String(Math.trunc(minutes / 60)).padStart(2, '0');
  const mm = minutes % 60;
  return `${sign}${hh}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

/** The zone of this machine, as the OS (or `TZ`) sets it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
