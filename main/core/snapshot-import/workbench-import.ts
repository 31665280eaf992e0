// A month imported from the workbench's Retratos screen: the same import as the command's
// (import-snapshot.ts), each file's dialect sniffed unless the analyst chose it for that table
// (the command's --dialetos), as the session's user (whose role the import checks again before
// publishing), one at a time. A published month is taken in by the engine at once, so "Dados
// de" and the Retratos screen show it without a restart.
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import type { CsvDialect, ImportMonthOutcome, ImportMonthRequest } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { SessionPrivacy } from '../privacy/session-privacy.ts';
import { importSnapshot, type ImportResult } from './import-snapshot.ts';
import type { ReadDialect } from './raw-tables.ts';
import { choicesAsOptions } from './table-options.ts';

function csvDialect(read: ReadDialect): CsvDialect | undefined {
  if (read.format !== 'csv' || read.encoding === undefined || read.delimiter === undefined) return undefined;
  return {
    encoding: read.encoding,
    delimiter: read.delimiter === '\t' ? 'tab' : read.delimiter,
    decimalComma: read.decimalComma ?? false,
    ...(read.dateFormat ? { dateFormat: read.dateFormat } : {}),
    header: read.header ?? true,
  };
}

function outcomeOf(date: string, result: ImportResult): ImportMonthOutcome {
  const { report } = result;
  return {
    date,
    tables: report.tables.map(({ table, file, rows, dialect }) => {
      const csv = csvDialect(dialect);
      return { table, file, rows, ...(csv ? { dialect: csv } : {}) };
    }),
    findings: report.findings.map(({ rule, table, column, count, severity, message, examples }) => ({
      rule,
      table,
      ...(column !== undefined ? { column } : {}),
      count,
      severity,
      message,
      examples,
    })),
    blocking: report.summary.blocking,
    warnings: report.summary.warnings,
    published: result.published !== undefined,
    ...(result.notPublished ? { notPublished: result.notPublished } : {}),
    ...(result.published ? { manifestSha256: result.published.manifestSha256 } : {}),
  };
}

export class MonthImports {
  private busy = false;

  constructor(
    private readonly engine: Engine,
    private readonly privacy: SessionPrivacy,
  ) {}

  async run(request: ImportMonthRequest): Promise<ImportMonthOutcome> {
    this.privacy.allow('profile_table');
    // The server's working folder means nothing to the person typing: a full path only.
    if (!path.isAbsolute(request.from)) {
      throw new WorkbenchError({ code: 'parameter', message: `Informe o caminho completo da pasta (por exemplo /dados/recebidos/2026-11): ${request.from}` });
    }
    const perTable = choicesAsOptions(request.dialects);
    if (this.busy) throw new WorkbenchError({ code: 'not_allowed', message: 'Já há uma importação em andamento nesta sessão: aguarde o fim dela.' });
    this.busy = true;
    try {
      const motivo = request.publish ? request.motivo?.trim() : undefined;
      const result = await importSnapshot({
        fromDir: request.from,
        dataDir: this.engine.dataDir,
        date: request.date,
        options: { defaults: {}, perTable },
        validateOnly: !request.publish,
        ...(motivo ? { force: true, motivo } : {}),
        user: this.privacy.user,
        // Recorded where the session records everything else.
        auditLogPath: this.privacy.audit.paths.log,
      });
      if (result.published) await this.engine.refreshSnapshots();
      return outcomeOf(request.date, result);
    } finally {
      this.busy = false;
    }
  }
}
