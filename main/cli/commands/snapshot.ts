// `mirante snapshot import` and `mirante snapshot validate`: a month's export folder checked
// against the dictionary, a report, and (import) the snapshot published.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError } from '../../core/api/index.ts';
import { parseCsvOptions, parseDateFormat, parseDelimiter, parseEncoding } from '../../core/snapshot-import/csv-dialect.ts';
import type { CsvOptions, ImportOptions } from '../../core/snapshot-import/csv-dialect.ts';
import { importSnapshot } from '../../core/snapshot-import/import-snapshot.ts';
import type { ImportResult } from '../../core/snapshot-import/import-snapshot.ts';
import { reportHtml, reportJson } from '../../core/snapshot-import/report.ts';
import type { ImportReport } from '../../core/snapshot-import/report.ts';
import { UsageError } from '../errors.ts';

export interface SnapshotImportOptions {
  from: string;
  date: string;
  data: string;
  report?: string;
  force?: boolean;
  motivo?: string;
  encoding?: string;
  delimiter?: string;
  decimalComma?: boolean;
  dateFormat?: string;
  header?: boolean;
  dialetos?: string;
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(error.message);
    throw error;
  }
}

/** The command line's options for every file, and a dialects file's per table (YAML or JSON). */
async function importOptions(options: SnapshotImportOptions): Promise<ImportOptions> {
  const defaults: CsvOptions = usage(() => ({
    ...(options.encoding ? { encoding: parseEncoding(options.encoding) } : {}),
    ...(options.delimiter ? { delimiter: parseDelimiter(options.delimiter) } : {}),
    ...(options.decimalComma !== undefined ? { decimalComma: options.decimalComma } : {}),
    ...(options.dateFormat ? { dateFormat: parseDateFormat(options.dateFormat) } : {}),
    ...(options.header !== undefined ? { header: options.header } : {}),
  }));
  const perTable: Record<string, CsvOptions> = {};
  if (options.dialetos) {
    const text = await readFile(options.dialetos, 'utf8').catch(() => {
      throw new UsageError(`--dialetos: arquivo não encontrado: ${options.dialetos}`);
    });
    const document: unknown = usage(() => parse(text));
    if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new UsageError('--dialetos: esperava um mapa tabela → opções');
    for (const [table, raw] of Object.entries(document as Record<string, unknown>)) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`--dialetos: ${table}: esperava um mapa de opções`);
      perTable[table] = usage(() => parseCsvOptions(raw as Record<string, unknown>, table));
    }
  }
  return { defaults, perTable };
}

async function writeReport(file: string, report: ImportReport): Promise<void> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.json' && extension !== '.html') throw new UsageError(`--report: use um arquivo .json ou .html (recebido ${file})`);
  await writeFile(file, extension === '.json' ? reportJson(report) : reportHtml(report));
}

function summary(result: ImportResult): string {
  const { report } = result;
  const lines = report.findings.map((f) => `  [${f.severity}] ${f.rule} ${f.table}${f.column ? `.${f.column}` : ''}: ${f.message}${f.examples.length ? ` Ex.: ${f.examples.join(', ')}` : ''}`);
  const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
  const head = `Snapshot ${report.date}: ${report.tables.length} tabelas lidas, ${rows.toLocaleString('pt-BR')} linhas; ${report.summary.blocking} bloqueantes, ${report.summary.warnings} avisos.`;
  return [head, ...lines].join('\n');
}

async function run(options: SnapshotImportOptions, validateOnly: boolean): Promise<void> {
  if (!validateOnly && options.force && !options.motivo) throw new UsageError('--force exige --motivo "..." (fica registrado no manifesto e na auditoria)');
  if (!validateOnly && options.motivo && !options.force) throw new UsageError('--motivo só vale com --force');
  const result = await importSnapshot({
    fromDir: options.from,
    dataDir: options.data,
    date: options.date,
    options: await importOptions(options),
    validateOnly,
    ...(options.force ? { force: true } : {}),
    ...(options.motivo ? { motivo: options.motivo } : {}),
    onTable: (table) => process.stderr.write(`lendo ${table}…\n`),
  });
  if (options.report) await writeReport(options.report, result.report);
  process.stdout.write(`${summary(result)}\n`);
  if (result.published) {
    const forced = result.published.manifest.forced ? ` (forçado: ${result.published.manifest.forced.motivo})` : '';
    process.stdout.write(`Publicado em ${result.published.directory}${forced}; manifesto SHA-256 ${result.published.manifestSha256}.\n`);
    return;
  }
  // A scheduler reads the verdict from the exit status: 1 whenever a blocking finding stands.
  if (result.report.summary.blocking > 0 && !result.published) {
    const what = validateOnly ? 'a exportação não seria publicada' : `o snapshot ${options.date} não foi publicado`;
    throw new WorkbenchError({ code: 'data', message: `Há achados bloqueantes: ${what}. Corrija a exportação, ou publique assim mesmo com --force --motivo "...".` });
  }
}

export const snapshotImportCommand = (options: SnapshotImportOptions) => run(options, false);
export const snapshotValidateCommand = (options: SnapshotImportOptions) => run(options, true);
