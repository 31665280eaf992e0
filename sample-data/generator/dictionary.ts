// The data dictionary (sample-data/dicionario.yaml): the machine-readable data contract.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Privacidade = 'identificador' | 'sensivel' | 'crianca' | 'publico';
export const PRIVACIDADES: readonly Privacidade[] = ['identificador', 'sensivel', 'crianca', 'publico'];

export interface DictColumn {
  tipo: string;
  descricao: string;
  dono: string;
  privacidade: Privacidade;
}

export interface DictTable {
  descricao: string;
  dono: string;
  colunas: Record<string, DictColumn>;
}

export interface Dictionary {
  versao: number;
  tabelas: Record<string, DictTable>;
}

/** The committed dictionary, next to the generator. */
export const DICTIONARY_PATH = fileURLToPath(new URL('../dicionario.yaml', import.meta.url));

export async function loadDictionary(path: string = DICTIONARY_PATH): Promise<Dictionary> {
  const parsed: unknown = parse(await readFile(path, 'utf8'));
  const dict = parsed as Partial<Dictionary> | null;
  if (!dict || typeof dict.tabelas !== 'object' || dict.tabelas === null) {
    throw new Error(`${path}: no 'tabelas' mapping`);
  }
  return dict as Dictionary;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The select list that gives a table exactly the dictionary's columns, in order, with its types. */
export function castedColumns(table: DictTable): string {
  return Object.entries(table.colunas)
    .map(([name, col]) => `CAST(${quote(name)} AS ${col.tipo}) AS ${quote(name)}`)
    .join(', ');
}
