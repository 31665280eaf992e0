// Per-table reading options checked before any file is read: the Retratos screen's choices
// parsed as the command parses its --dialetos file (the same Portuguese errors), and options
// that name no dictionary table, or a table that came as Parquet, refused instead of ignored.
import { WorkbenchError } from '../api/index.ts';
import type { DialectChoice } from '../api/index.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import { parseCsvOptions } from './csv-dialect.ts';
import type { CsvOptions, ImportOptions } from './csv-dialect.ts';
import type { SourceFile } from './source-files.ts';

const NOTHING = 'Nada foi importado.';

function refused(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'parameter', message: `${message} ${NOTHING}` });
}

export function choicesAsOptions(choices: Readonly<Record<string, DialectChoice>> | undefined): Record<string, CsvOptions> {
  const perTable: Record<string, CsvOptions> = {};
  for (const [table, choice] of Object.entries(choices ?? {})) {
    if (choice === null || typeof choice !== 'object' || Array.isArray(choice)) throw refused(`Opções de leitura da tabela ${table}: esperava encoding, delimiter, decimalComma, dateFormat ou header.`);
    try {
      perTable[table] = parseCsvOptions(choice as Record<string, unknown>, table);
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      // parseCsvOptions names the table itself in some messages.
      const detail = error.message.startsWith(`${table}: `) ? error.message.slice(table.length + 2) : error.message;
      throw refused(`Opções de leitura da tabela ${table}: ${detail}.`);
    }
  }
  return perTable;
}

export function checkOptionTables(options: ImportOptions, dictionary: Dictionary): void {
  const unknown = Object.keys(options.perTable).filter((table) => !dictionary.tables.has(table));
  if (unknown.length > 0) throw refused(`Opções de leitura para ${unknown.join(', ')}, que não ${unknown.length === 1 ? 'é tabela' : 'são tabelas'} do dicionário de dados.`);
}

export function checkOptionFormats(options: ImportOptions, sources: readonly SourceFile[]): void {
  const parquet = sources.filter((source) => source.format === 'parquet' && options.perTable[source.table] !== undefined);
  if (parquet.length > 0) throw refused(`Opções de leitura de CSV para ${parquet.map((s) => s.table).join(', ')}, que ${parquet.length === 1 ? 'veio' : 'vieram'} em Parquet.`);
}
