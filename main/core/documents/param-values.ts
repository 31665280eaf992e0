// Parameter values for the engine, from the notebook's specs: typed (numbers as numbers,
// dates as 'YYYY-MM-DD' text DuckDB casts, multiselect as a LIST, daterange as two values
// `<name>_inicio` and `<name>_fim`), defaults applied, and unset optional ones bound as NULL
// so cells can write `($tributo is null or tributo = $tributo)`.
import type { ParamValue } from '../api/index.ts';
import { isIsoDate } from './param-specs.ts';
import { DocumentError } from './types.ts';
import type { ParamDefault, ParamSpec } from './types.ts';

export type ParamValues = Record<string, ParamValue>;

function invalid(message: string): DocumentError {
  return new DocumentError(message, { code: 'parameter' });
}

function parseNumber(spec: ParamSpec, text: string): number {
  const trimmed = text.trim();
  // pt-BR input: "1.234,56" or "1000,5".
  const normalized = trimmed.includes(',') ? trimmed.replaceAll('.', '').replace(',', '.') : trimmed;
  const value = Number(normalized);
  if (normalized === '' || !Number.isFinite(value)) throw invalid(`parâmetro ${spec.name}: "${text}" não é um número`);
  return value;
}

function parseDate(spec: ParamSpec, text: string): string {
  const trimmed = text.trim();
  const brazilian = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(trimmed);
  const iso = brazilian ? `${brazilian[3]}-${brazilian[2]}-${brazilian[1]}` : trimmed;
  if (!isIsoDate(iso)) throw invalid(`parâmetro ${spec.name}: "${text}" não é uma data (AAAA-MM-DD ou dd/mm/aaaa)`);
  return iso;
}

function rangeNames(name: string): [string, string] {
  return [`${name}_inicio`, `${name}_fim`];
}

/** Binds one spec's value (already typed) into `out`; null for unset. */
function put(out: ParamValues, spec: ParamSpec, value: ParamValue | { inicio: string | null; fim: string | null }): void {
  if (spec.type === 'daterange') {
    const [inicio, fim] = rangeNames(spec.name);
    const range = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { inicio: null, fim: null };
    out[inicio] = range.inicio;
    out[fim] = range.fim;
    return;
  }
  out[spec.name] = Array.isArray(value) && value.length === 0 ? null : (value as ParamValue);
}

function fromText(spec: ParamSpec, text: string): ParamValue | { inicio: string | null; fim: string | null } {
  switch (spec.type) {
    case 'number':
      return parseNumber(spec, text);
    case 'date':
      return parseDate(spec, text);
    case 'multiselect':
      return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    case 'daterange': {
      const parts = text.split('..');
      if (parts.length !== 2) throw invalid(`parâmetro ${spec.name}: use início..fim (por exemplo 2026-01-01..2026-03-31)`);
      const [inicio = '', fim = ''] = parts;
      return { inicio: inicio.trim() ? parseDate(spec, inicio) : null, fim: fim.trim() ? parseDate(spec, fim) : null };
    }
    case 'select':
    case 'text':
      return text;
  }
}

function defaultOf(spec: ParamSpec): ParamDefault | null {
  return spec.default ?? null;
}

function missing(spec: ParamSpec): DocumentError {
  return invalid(`o parâmetro ${spec.name}${spec.label ? ` (${spec.label})` : ''} é obrigatório`);
}

/**
 * Text values (as `--param name=value` gives them) → typed values for every spec. A daterange
 * also accepts its two halves by name (`periodo_inicio=…`). An unknown name is an error.
 */
export function paramValuesFromStrings(specs: readonly ParamSpec[], raw: Readonly<Record<string, string>>): ParamValues {
  const out: ParamValues = {};
  const used = new Set<string>();
  for (const spec of specs) {
    let value: ReturnType<typeof fromText> | ParamDefault | null;
    const text = raw[spec.name];
    if (text !== undefined) {
      used.add(spec.name);
      value = text.trim() === '' ? null : fromText(spec, text);
    } else if (spec.type === 'daterange' && rangeNames(spec.name).some((n) => raw[n] !== undefined)) {
      const [inicio, fim] = rangeNames(spec.name).map((n) => {
        used.add(n);
        const half = raw[n];
        return half === undefined || half.trim() === '' ? null : parseDate(spec, half);
      });
      value = { inicio: inicio ?? null, fim: fim ?? null };
    } else {
      value = defaultOf(spec);
    }
    if (value === null && spec.required) throw missing(spec);
    put(out, spec, value);
  }
  const unknown = Object.keys(raw).filter((name) => !used.has(name));
  if (unknown.length > 0) {
    const known = specs.map((s) => s.name).join(', ') || 'nenhum';
    throw invalid(`parâmetro desconhecido: ${unknown.join(', ')} (o documento declara: ${known})`);
  }
  return out;
}

/**
 * Typed values (as the UI holds them) completed for the engine: defaults for the missing
 * ones, NULL for unset optional ones, a daterange given as `[inicio, fim]` split in two.
 * Names the specs do not declare pass through unchanged.
 */
export function bindableParams(specs: readonly ParamSpec[], values: Readonly<Record<string, ParamValue | undefined>> = {}): ParamValues {
  const out: ParamValues = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) out[name] = value;
  for (const spec of specs) {
    const given = values[spec.name];
    if (spec.type === 'daterange') {
      const [inicio, fim] = rangeNames(spec.name);
      delete out[spec.name];
      if (Array.isArray(given)) {
        put(out, spec, { inicio: (given[0] as string | undefined) ?? null, fim: (given[1] as string | undefined) ?? null });
      } else if (values[inicio] !== undefined || values[fim] !== undefined) {
        put(out, spec, { inicio: (values[inicio] as string | null | undefined) ?? null, fim: (values[fim] as string | null | undefined) ?? null });
      } else put(out, spec, defaultOf(spec));
      if (spec.required && out[inicio] === null && out[fim] === null) throw missing(spec);
      continue;
    }
    const value = given === undefined || given === '' ? defaultOf(spec) : given;
    if ((value === null || (Array.isArray(value) && value.length === 0)) && spec.required) throw missing(spec);
    put(out, spec, value as ParamValue);
  }
  return out;
}
