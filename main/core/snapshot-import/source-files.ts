// The files of an export folder, matched to the dictionary's tables: one file per table,
// `<table>.csv`, `.txt` or `.parquet` (any case). Two files for one table is refused before
// anything is read (which one is this month's?); a file for no table and a table without a
// file are findings.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import type { NewFinding } from './findings.ts';

export type SourceFormat = 'csv' | 'parquet';

export interface SourceFile {
  table: string;
  file: string;
  format: SourceFormat;
}

const EXTENSIONS: Record<string, SourceFormat> = { '.csv': 'csv', '.txt': 'csv', '.parquet': 'parquet' };

export interface SourceListing {
  sources: SourceFile[];
  findings: NewFinding[];
}

export async function listSources(fromDir: string, dictionary: Dictionary): Promise<SourceListing> {
  const entries = await readdir(fromDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new WorkbenchError({ code: 'not_found', message: `Pasta de origem não encontrada ou ilegível: ${fromDir} (${error.code ?? error.message})` });
  });
  const byTable = new Map<string, SourceFile[]>();
  const findings: NewFinding[] = [];
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const extension = path.extname(entry.name).toLowerCase();
    const format = EXTENSIONS[extension];
    // Anything else (a README, the city's own checksums) is not data.
    if (format === undefined || entry.name.startsWith('.')) continue;
    const table = path.basename(entry.name, path.extname(entry.name)).toLowerCase();
    if (!dictionary.tables.has(table)) {
      findings.push({ rule: 'tabela_desconhecida', table, count: 1, message: `O arquivo ${entry.name} não corresponde a nenhuma tabela do dicionário; não foi importado.` });
      continue;
    }
    byTable.set(table, [...(byTable.get(table) ?? []), { table, file: path.join(fromDir, entry.name), format }]);
  }
  const doubled = [...byTable.values()].filter((files) => files.length > 1);
  if (doubled.length > 0) {
    const list = doubled.map((files) => `${files[0]?.table}: ${files.map((f) => path.basename(f.file)).join(', ')}`).join('; ');
    throw new WorkbenchError({ code: 'parameter', message: `Mais de um arquivo para a mesma tabela (${list}). Deixe um só arquivo por tabela na pasta de origem; nada foi importado.` });
  }
  for (const table of dictionary.tables.keys()) {
    if (!byTable.has(table)) findings.push({ rule: 'tabela_ausente', table, count: 1, message: `Falta o arquivo da tabela ${table} (${table}.csv, .txt ou .parquet).` });
  }
  const sources = [...byTable.values()].map((files) => files[0] as SourceFile);
  return { sources: sources.sort((a, b) => a.table.localeCompare(b.table)), findings };
}
