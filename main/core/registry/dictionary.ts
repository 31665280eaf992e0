// The data dictionary, `<data dir>/dicionario.yaml`: per table and column a description,
// an owner and (for columns) a privacy class. A missing file is an empty dictionary; a
// malformed one is a `data` error, since privacy classes must not be silently lost.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError } from '../api/index.ts';
import type { PrivacyClass } from '../api/index.ts';

export interface DictionaryColumn {
  type?: string;
  description?: string;
  owner?: string;
  privacy?: PrivacyClass;
}

export interface DictionaryTable {
  description?: string;
  owner?: string;
  columns: Map<string, DictionaryColumn>;
}

export interface Dictionary {
  tables: Map<string, DictionaryTable>;
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

function parseColumn(where: string, raw: unknown): DictionaryColumn {
  if (!isRecord(raw)) throw malformed(where, 'esperava um mapa com tipo, descricao, dono e privacidade');
  const privacy = raw.privacidade;
  if (privacy !== undefined && (typeof privacy !== 'string' || !PRIVACY_CLASSES.includes(privacy))) {
    throw malformed(where, `privacidade inválida: ${String(privacy)} (use ${PRIVACY_CLASSES.join(', ')})`);
  }
  return { type: text(raw.tipo), description: text(raw.descricao), owner: text(raw.dono), privacy: privacy as PrivacyClass | undefined };
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
    tables.set(tableName, { description: text(rawTable.descricao), owner: text(rawTable.dono), columns });
  }
  return { tables };
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
