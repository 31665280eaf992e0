// Dates and timestamps as the analyst reads them, in UTC so a DATE never drifts a day.
import type { Locale } from '../i18n/locale.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

export function formatDate(ms: number, locale: Locale): string {
  const p = parts(ms);
  return locale === 'pt-BR' ? `${pad(p.d)}/${pad(p.m)}/${pad(p.y, 4)}` : `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

export function formatTimestamp(ms: number, locale: Locale): string {
  const p = parts(ms);
  return `${formatDate(ms, locale)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A TIMESTAMPTZ instant as the wall clock of `zone` (the session's, which the core's DuckDB
 * computes in) with its offset as DuckDB writes it: `16/02/2019 23:00:00 -03`.
 */
export function formatInstantInZone(ms: number, locale: Locale, zone: string): string {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    zoneFormats.set(zone, format);
  }
  const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
  const seconds = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3]) * 60 + Number(offset[4] ?? 0)) : 0;
  const minutes = Math.trunc(Math.abs(seconds) / 60);
  const suffix = `${seconds < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}${minutes % 60 ? `:${pad(minutes % 60)}` : ''}`;
  return `${formatTimestamp(ms + seconds * 1000, locale)} ${suffix}`;
}

/** An ISO date `YYYY-MM-DD` (snapshot names) in the locale's form. */
export function formatIsoDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-');
  return locale === 'pt-BR' && y && m && d ? `${d}/${m}/${y}` : iso;
}

/** Microseconds since midnight -> hh:mm:ss[.ffffff]. */
export function formatTimeOfDay(micros: bigint | number): string {
  const total = BigInt(micros);
  const seconds = Number(total / 1_000_000n);
  const fraction = total % 1_000_000n;
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return fraction ? `${text}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : text;
}

export function formatDuration(ms: number, locale: Locale): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toLocaleString(locale, { maximumFractionDigits: seconds < 10 ? 2 : 1 })} s`;
  return `${Math.floor(seconds / 60)} min ${pad(Math.round(seconds % 60))} s`;
}
