// The `params:` of a front matter, checked into typed specs. Each problem carries the line
// of the parameter in the file, so a bad spec points at itself.
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { PARAM_TYPES } from './types.ts';
import type { DocumentProblem, NotebookDocument, ParamDefault, ParamSpec, ParamType, SavedQueryOptions } from './types.ts';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** YAML reads an unquoted 2026-01-31 as a Date (yaml 1.1 schema) or a string: accept both. */
function dateText(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && isIsoDate(value)) return value;
  return undefined;
}

class WrongDefault {
  constructor(readonly message: string) {}
}

function checkDefault(type: ParamType, value: unknown): ParamDefault | WrongDefault {
  const wrong = (expected: string): WrongDefault => new WrongDefault(`o padrão (default) deve ser ${expected}`);
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : wrong('um número');
    case 'date':
      return dateText(value) ?? wrong('uma data AAAA-MM-DD');
    case 'text':
    case 'select':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : wrong('um texto');
    case 'multiselect':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
      return wrong('uma lista');
    case 'daterange': {
      const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split('..') : undefined;
      if (parts?.length !== 2) return wrong('um intervalo [início, fim] ou "início..fim"');
      const [inicio, fim] = parts.map((part: unknown) => (part === null || part === '' ? null : (dateText(part) ?? 'x')));
      if (inicio === 'x' || fim === 'x') return wrong('um intervalo de datas AAAA-MM-DD');
      return { inicio: inicio ?? null, fim: fim ?? null };
    }
  }
}

/** `{ consulta: bairros.sql }`: a saved `.sql` document named by its path in the queries folder. */
function savedQueryOf(options: unknown): SavedQueryOptions | undefined {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return undefined;
  const entries = Object.entries(options);
  const [key, value] = entries[0] ?? [];
  if (entries.length !== 1 || key !== 'consulta' || typeof value !== 'string' || !/\.sql$/i.test(value.trim())) return undefined;
  return { consulta: value.trim() };
}

function checkSpec(name: string, raw: unknown): ParamSpec | string {
  if (!PARAM_NAME.test(name)) return `nome de parâmetro inválido: "${name}"`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `o parâmetro ${name} deve ser um mapa (type, label, …)`;
  const fields = raw as Record<string, unknown>;
  const type = fields.type;
  if (typeof type !== 'string' || !(PARAM_TYPES as readonly string[]).includes(type)) {
    return `o parâmetro ${name} tem tipo desconhecido "${String(type)}" (use ${PARAM_TYPES.join(', ')})`;
  }
  const spec: ParamSpec = { name, type: type as ParamType, required: fields.required === true };
  if (fields.required !== undefined && typeof fields.required !== 'boolean') return `parâmetro ${name}: required deve ser true ou false`;
  if (fields.label !== undefined) spec.label = String(fields.label);
  if (spec.type === 'select' || spec.type === 'multiselect') {
    const options = fields.options;
    const saved = savedQueryOf(options);
    if (typeof options === 'string' && options.trim()) spec.options = options;
    else if (Array.isArray(options) && options.every((o) => typeof o === 'string' || typeof o === 'number')) spec.options = options.map(String);
    else if (saved !== undefined) spec.options = saved;
    else return `o parâmetro ${name} (${spec.type}) precisa de options: uma consulta SQL, uma lista ou { consulta: arquivo.sql } (uma consulta salva)`;
  }
  if (fields.default !== undefined && fields.default !== null) {
    const checked = checkDefault(spec.type, fields.default);
    if (checked instanceof WrongDefault) return `parâmetro ${name}: ${checked.message}`;
    spec.default = checked;
  }
  return spec;
}

/** Reads `params:` from a parsed front matter; `firstLine` is the file line of the YAML's line 1. */
export function readParamSpecs(
  yamlDoc: Document,
  lineCounter: LineCounter,
  firstLine: number,
): { params: ParamSpec[]; problems: DocumentProblem[] } {
  const params: ParamSpec[] = [];
  const problems: DocumentProblem[] = [];
  const lineOf = (node: Node | null | undefined, fallback: number): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : fallback;
  const paramsNode = yamlDoc.get('params', true) as Node | undefined;
  if (paramsNode === undefined || (isScalar(paramsNode) && paramsNode.value === null)) return { params, problems };
  if (!isMap(paramsNode)) {
    problems.push({ line: lineOf(paramsNode, firstLine), message: 'params deve ser um mapa de nome: especificação' });
    return { params, problems };
  }
  for (const pair of paramsNode.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = lineOf(pair.key as Node, lineOf(paramsNode, firstLine));
    const value: unknown = isMap(pair.value) || isScalar(pair.value) ? pair.value.toJSON() : (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.();
    const checked = checkSpec(key, value);
    if (typeof checked === 'string') problems.push({ line, message: checked });
    else params.push(checked);
  }
  return { params, problems };
}

/** The parameters a document declares in its front matter (none for a plain .sql file). */
export function paramSpecsOf(doc: NotebookDocument): ParamSpec[] {
  return doc.frontMatter?.params ?? [];
}
