// The parameters form's fields as text, to and from a ParamSpec. What an analyst types (a pt-BR
// number, a dd/mm/aaaa date, options one per line) is checked here, each problem a message of
// the i18n tables; the document is edited only with a spec the core's own check accepts
// (main/core/documents/param-specs.ts).
import { PARAM_TYPES, type ParamDefault, type ParamSpec, type ParamType } from '../../../main/core/documents/types.ts';

export { PARAM_TYPES };

export interface ParamFields {
  name: string;
  type: ParamType;
  label: string;
  /** The default as typed ('' for none). */
  defaultText: string;
  optionsKind: 'list' | 'sql' | 'saved';
  /** One option per line (list), the SQL query, or the saved query's path in the queries folder. */
  optionsText: string;
}

/** What is wrong with the fields: a message key of the i18n tables and its values. */
export interface FieldProblem {
  problem: 'paramErrName' | 'paramErrSql' | 'paramErrSaved' | 'paramErrOptions' | 'paramErrNumber' | 'paramErrDate' | 'paramErrRange' | 'paramErrOutside' | 'paramErrNotOption';
  values?: Record<string, string>;
}

export const EMPTY_FIELDS: ParamFields = { name: '', type: 'select', label: '', defaultText: '', optionsKind: 'list', optionsText: '' };

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isoToBr(iso: string | null): string {
  return iso ? iso.split('-').reverse().join('/') : '';
}

/** The fields of a declared parameter, as the form shows them. */
export function fieldsOf(spec: ParamSpec): ParamFields {
  const options = spec.options;
  const given = spec.default;
  let defaultText = '';
  if (typeof given === 'number') defaultText = String(given).replace('.', ',');
  else if (typeof given === 'string') defaultText = spec.type === 'date' ? isoToBr(given) : given;
  else if (Array.isArray(given)) defaultText = given.join(', ');
  else if (given) defaultText = `${isoToBr(given.inicio)} a ${isoToBr(given.fim)}`;
  return {
    name: spec.name,
    type: spec.type,
    label: spec.label ?? '',
    defaultText,
    optionsKind: typeof options === 'string' ? 'sql' : Array.isArray(options) || options === undefined ? 'list' : 'saved',
    optionsText: typeof options === 'string' ? options : Array.isArray(options) || options === undefined ? (options ?? []).join('\n') : options.consulta,
  };
}

/** `1.234,5`, `1234,5` or `1234.5` → 1234.5; undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const compact = text.trim().replace(/\s/g, '');
  const normalized = compact.includes(',') ? compact.replace(/\./g, '').replace(',', '.') : compact;
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return undefined;
  return Number(normalized);
}

/** `31/12/2026` or `2026-12-31` → `2026-12-31`; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const trimmed = text.trim();
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const iso = br ? `${br[3]}-${br[2]!.padStart(2, '0')}-${br[1]!.padStart(2, '0')}` : trimmed;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

type Parsed = { value: ParamDefault | undefined } | { error: FieldProblem };

function parseDefault(fields: ParamFields, list: string[] | undefined): Parsed {
  const text = fields.defaultText.trim();
  if (text === '') return { value: undefined };
  switch (fields.type) {
    case 'number': {
      const value = parseNumber(text);
      return value === undefined ? { error: { problem: 'paramErrNumber', values: { text } } } : { value };
    }
    case 'date': {
      const value = parseDate(text);
      return value === undefined ? { error: { problem: 'paramErrDate', values: { text } } } : { value };
    }
    case 'daterange': {
      const parts = text.split(/(?:^|\s+)(?:a|to)(?:\s+|$)|\.\./).map((part) => part.trim());
      const [inicio, fim] = parts.map((part) => (part === '' ? null : (parseDate(part) ?? 'x')));
      if (parts.length !== 2 || inicio === 'x' || fim === 'x') return { error: { problem: 'paramErrRange', values: { text } } };
      return { value: { inicio: inicio ?? null, fim: fim ?? null } };
    }
    case 'multiselect': {
      const values = text.split(',').map((value) => value.trim()).filter(Boolean);
      const outside = list ? values.filter((value) => !list.includes(value)) : [];
      return outside.length > 0 ? { error: { problem: 'paramErrOutside', values: { options: list!.join(', '), outside: outside.join(', ') } } } : { value: values };
    }
    case 'select':
      return list && !list.includes(text) ? { error: { problem: 'paramErrNotOption', values: { options: list.join(', ') } } } : { value: text };
    case 'text':
      return { value: text };
  }
}

/** The spec the fields describe, or the first thing wrong with them. */
export function specOf(fields: ParamFields): Omit<ParamSpec, 'required'> | FieldProblem {
  const name = fields.name.trim();
  if (!PARAM_NAME.test(name)) return { problem: 'paramErrName', values: { name } };
  const spec: Omit<ParamSpec, 'required'> = { name, type: fields.type };
  if (fields.label.trim() !== '') spec.label = fields.label.trim();
  let list: string[] | undefined;
  if (fields.type === 'select' || fields.type === 'multiselect') {
    if (fields.optionsKind === 'sql') {
      if (fields.optionsText.trim() === '') return { problem: 'paramErrSql' };
      spec.options = fields.optionsText.trim();
    } else if (fields.optionsKind === 'saved') {
      if (!/\.sql$/i.test(fields.optionsText.trim())) return { problem: 'paramErrSaved' };
      spec.options = { consulta: fields.optionsText.trim() };
    } else {
      list = fields.optionsText.split('\n').map((line) => line.trim()).filter(Boolean);
      if (list.length === 0) return { problem: 'paramErrOptions' };
      spec.options = list;
    }
  }
  const parsed = parseDefault(fields, list);
  if ('error' in parsed) return parsed.error;
  if (parsed.value !== undefined) spec.default = parsed.value;
  return spec;
}
