// The data dictionary, `<data dir>/dicionario.yaml`: per table and column a description,
// an owner and (for columns) a privacy class. A missing file is an empty dictionary; a
// malformed one is a `data` error, since privacy classes must not be silently lost.
// Optional declarations for checking an import (snapshot-import/) ride along: a table's key,
// a column's foreign key, value domain, check-digit kind and date sanity, drift tolerances
// and the severity of each rule; their shapes are checked here, their cross-references
// (does the referenced column exist?) where an import is checked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError } from '../api/index.ts';
import type { PrivacyClass } from '../api/index.ts';

export type CheckDigitKind = 'cpf' | 'cnpj' | 'cns' | 'nis';
export const CHECK_DIGIT_KINDS: readonly CheckDigitKind[] = ['cpf', 'cnpj', 'cns', 'nis'];

/** The rules an import is checked by; the ids are part of the report's contract. */
export const VALIDATION_RULES = [
  'arquivo_ilegivel',
  'tabela_ausente',
  'tabela_desconhecida',
  'coluna_ausente',
  'coluna_extra',
  'tipo_invalido',
  'chave_nula',
  'chave_duplicada',
  'chave_estrangeira_orfa',
  'digito_verificador',
  'cpf_repetido',
  'dominio',
  'data_impossivel',
  'deriva',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];
export type Severity = 'bloqueante' | 'aviso';
const SEVERITIES: readonly string[] = ['bloqueante', 'aviso'];

/** A column that names another: `tabela.coluna`. */
export interface ColumnRef {
  table: string;
  column: string;
}

export interface DateRules {
  /** The date cannot be after the snapshot's date (a birth, an enrolment). */
  notAfterReference?: boolean;
  /** Nor before these dates: a column of the same row, or of a row reached by a foreign key. */
  notBefore?: (ColumnRef | { column: string })[];
}

/** Largest accepted relative change against the previous snapshot (0.2 = 20%). */
export interface DriftTolerances {
  rows?: number;
  /** Change of the null rate, in points of proportion (0.05 = five percentage points). */
  nulls?: number;
  distinct?: number;
}

export interface ValidationSettings {
  severity: Partial<Record<ValidationRule, Severity>>;
  drift: DriftTolerances;
}

export interface DictionaryColumn {
  type?: string;
  description?: string;
  owner?: string;
  privacy?: PrivacyClass;
  references?: ColumnRef;
  domain?: string[];
  checkDigits?: CheckDigitKind;
  dates?: DateRules;
}

export interface DictionaryTable {
  description?: string;
  owner?: string;
  columns: Map<string, DictionaryColumn>;
  /** Primary key columns (`chave:`). */
  key?: string[];
  validation?: ValidationSettings;
}

export interface Dictionary {
  tables: Map<string, DictionaryTable>;
  /** Defaults for every table (`validacao:` at the root). */
  validation?: ValidationSettings;
}

export const DICTIONARY_FILE = 'dicionario.yaml';
const PRIVACY_CLASSES: readonly string[] = ['identificador', 'sensivel', 'crianca', 'publico'];

type YamlRecord = Record<string, unknown>;

function isRecord(value: unknown): value is YamlRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function malformed(where: string, problem: string): WorkbenchError {
  return new WorkbenchError({ code: 'data', message: `${DICTIONARY_FILE}: ${where}: ${problem}` });
}

const NAME = /^[a-z_][a-z0-9_]*$/;

function columnRef(where: string, raw: unknown, field: string): ColumnRef {
  const parts = typeof raw === 'string' ? raw.split('.') : [];
  if (parts.length !== 2 || !parts.every((part) => NAME.test(part))) throw malformed(where, `\`${field}\` deve ser tabela.coluna: ${String(raw)}`);
  return { table: parts[0] as string, column: parts[1] as string };
}

function names(where: string, raw: unknown, field: string): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((name) => typeof name === 'string' && NAME.test(name))) {
    throw malformed(where, `\`${field}\` deve ser uma lista de nomes de coluna`);
  }
  return raw as string[];
}

function parseDates(where: string, raw: unknown): DateRules {
  if (!isRecord(raw)) throw malformed(where, '`datas` deve ser um mapa (ate_referencia, nao_antes_de)');
  const rules: DateRules = {};
  if (raw.ate_referencia !== undefined) {
    if (typeof raw.ate_referencia !== 'boolean') throw malformed(where, '`datas.ate_referencia` deve ser true ou false');
    rules.notAfterReference = raw.ate_referencia;
  }
  if (raw.nao_antes_de !== undefined) {
    const list = Array.isArray(raw.nao_antes_de) ? raw.nao_antes_de : [raw.nao_antes_de];
    rules.notBefore = list.map((item: unknown) =>
      typeof item === 'string' && NAME.test(item) ? { column: item } : columnRef(where, item, 'datas.nao_antes_de'),
    );
  }
  return rules;
}

function parseColumn(where: string, raw: unknown): DictionaryColumn {
  if (!isRecord(raw)) throw malformed(where, 'esperava um mapa com tipo, descricao, dono e privacidade');
  const privacy = raw.privacidade;
  if (privacy !== undefined && (typeof privacy !== 'string' || !PRIVACY_CLASSES.includes(privacy))) {
    throw malformed(where, `privacidade inválida: ${String(privacy)} (use ${PRIVACY_CLASSES.join(', ')})`);
  }
  const column: DictionaryColumn = { type: text(raw.tipo), description: text(raw.descricao), owner: text(raw.dono), privacy: privacy as PrivacyClass | undefined };
  if (raw.referencia !== undefined) column.references = columnRef(where, raw.referencia, 'referencia');
  if (raw.dominio !== undefined) {
    if (!Array.isArray(raw.dominio) || raw.dominio.length === 0 || !raw.dominio.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
      throw malformed(where, '`dominio` deve ser uma lista de valores');
    }
    column.domain = raw.dominio.map(String);
  }
  if (raw.verificador !== undefined) {
    if (typeof raw.verificador !== 'string' || !(CHECK_DIGIT_KINDS as readonly string[]).includes(raw.verificador)) {
      throw malformed(where, `verificador inválido: ${String(raw.verificador)} (use ${CHECK_DIGIT_KINDS.join(', ')})`);
    }
    column.checkDigits = raw.verificador as CheckDigitKind;
  }
  if (raw.datas !== undefined) column.dates = parseDates(where, raw.datas);
  return column;
}

function tolerance(where: string, raw: YamlRecord, field: string): number | undefined {
  const value = raw[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0)) throw malformed(where, `\`deriva.${field}\` deve ser um número não negativo (0.2 = 20%)`);
  return value;
}

function parseValidation(where: string, raw: unknown): ValidationSettings {
  if (!isRecord(raw)) throw malformed(where, '`validacao` deve ser um mapa (severidade, deriva)');
  const settings: ValidationSettings = { severity: {}, drift: {} };
  if (raw.severidade !== undefined) {
    if (!isRecord(raw.severidade)) throw malformed(where, '`validacao.severidade` deve mapear regra para bloqueante ou aviso');
    for (const [rule, severity] of Object.entries(raw.severidade)) {
      if (!(VALIDATION_RULES as readonly string[]).includes(rule)) throw malformed(where, `regra desconhecida em severidade: ${rule} (regras: ${VALIDATION_RULES.join(', ')})`);
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) throw malformed(where, `severidade de ${rule} deve ser bloqueante ou aviso`);
      settings.severity[rule as ValidationRule] = severity as Severity;
    }
  }
  if (raw.deriva !== undefined) {
    if (!isRecord(raw.deriva)) throw malformed(where, '`validacao.deriva` deve ser um mapa (linhas, nulos, distintos)');
    const drift = { rows: tolerance(where, raw.deriva, 'linhas'), nulls: tolerance(where, raw.deriva, 'nulos'), distinct: tolerance(where, raw.deriva, 'distintos') };
    for (const [name, value] of Object.entries(drift)) if (value !== undefined) settings.drift[name as keyof DriftTolerances] = value;
  }
  return settings;
}

export function parseDictionary(source: string): Dictionary {
  let document: unknown;
  try {
    document = parse(source);
  } catch (error) {
    throw malformed('YAML', error instanceof Error ? error.message : String(error));
  }
  const tables = new Map<string, DictionaryTable>();
  if (document === null || document === undefined) return { tables };
  const dictionary: Dictionary = { tables };
  if (!isRecord(document) || (document.tabelas !== undefined && !isRecord(document.tabelas))) {
    throw malformed('raiz', 'esperava `tabelas:` com uma entrada por tabela');
  }
  for (const [tableName, rawTable] of Object.entries(document.tabelas ?? {})) {
    if (!isRecord(rawTable)) throw malformed(tableName, 'esperava um mapa com descricao, dono e colunas');
    if (rawTable.colunas !== undefined && !isRecord(rawTable.colunas)) throw malformed(tableName, '`colunas` deve ser um mapa');
    const columns = new Map<string, DictionaryColumn>();
    for (const [columnName, rawColumn] of Object.entries(rawTable.colunas ?? {})) {
      columns.set(columnName, parseColumn(`${tableName}.${columnName}`, rawColumn));
    }
    const table: DictionaryTable = { description: text(rawTable.descricao), owner: text(rawTable.dono), columns };
    if (rawTable.chave !== undefined) table.key = names(tableName, rawTable.chave, 'chave');
    if (rawTable.validacao !== undefined) table.validation = parseValidation(tableName, rawTable.validacao);
    tables.set(tableName, table);
  }
  if (document.validacao !== undefined) dictionary.validation = parseValidation('validacao', document.validacao);
  return dictionary;
}

export async function loadDictionary(dataDir: string): Promise<Dictionary> {
  let source: string;
  try {
    source = await readFile(path.join(dataDir, DICTIONARY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tables: new Map() };
    throw error;
  }
  return parseDictionary(source);
}
