// Exports as the audit log sees them: an entry before the job starts (if it cannot be written,
// nothing is exported), one when it ends with the file's name, SHA-256 and rows, or its error.
// Personal data needs a declared purpose (privacy/export-rules.ts). The cells a panel export
// runs are audited one by one by the runner, with this export's id.
import { randomUUID } from 'node:crypto';
import { WorkbenchError, type ExportDocumentRequest, type ExportResultRequest, type ExportStatus } from '../api/index.ts';
import { compileForRun } from '../documents/compile-for-run.ts';
import { bindableParams, paramSpecsOf, parseDocument } from '../documents/index.ts';
import type { Engine } from '../engine/engine.ts';
import { exportedCells } from '../export/kept-tables.ts';
import type { ExportOrigin, WorkbenchExports } from '../export/workbench-exports.ts';
import type { AuditLog, AuditRecord } from '../privacy/audit-log.ts';
import { exportPurpose, type ExportedRows } from '../privacy/export-rules.ts';
import { fileSha256 } from '../privacy/file-digest.ts';
import { classifyResults } from '../privacy/result-privacy.ts';
import type { QuerySource } from './query-runner.ts';

const AUDIT_UNAVAILABLE = 'O registro de auditoria não pôde ser gravado, então a exportação não foi feita.';

export class AuditedExports {
  private readonly closing = new Map<string, Promise<ExportStatus>>();
  /** What each export's first entry said (purpose, document, …), repeated in its closing entry. */
  private readonly context = new Map<string, Omit<AuditRecord, 'action' | 'status'>>();

  constructor(
    private readonly exports: WorkbenchExports,
    private readonly audit: AuditLog,
  ) {}

  async exportResult(request: ExportResultRequest, rows: ExportedRows, origin?: ExportOrigin): Promise<{ exportId: string }> {
    const purpose = exportPurpose(request.purpose, rows);
    const exportId = request.exportId ?? randomUUID();
    await this.recordStart({ exportId, format: request.format, queryId: request.queryId, ...(purpose ? { purpose } : {}) });
    return this.watch(this.exports.exportResult({ ...request, exportId, ...(purpose ? { purpose } : {}) }, origin));
  }

  async exportDocument(request: ExportDocumentRequest & { text: string; source: QuerySource }, engine: Engine): Promise<{ exportId: string }> {
    const personal = await documentHoldsPersonalData(engine, request);
    const purpose = exportPurpose(request.purpose, { personal, unmasked: false });
    const exportId = request.exportId ?? randomUUID();
    await this.recordStart({
      exportId,
      format: request.format,
      ...(request.path ? { document: request.path } : {}),
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.params ? { params: request.params } : {}),
      ...(purpose ? { purpose } : {}),
    });
    return this.watch(this.exports.exportDocument({ ...request, exportId, ...(purpose ? { purpose } : {}) }));
  }

  /** The export's end, once its closing audit entry is written. */
  async settled(exportId: string): Promise<ExportStatus> {
    return (await this.closing.get(exportId)) ?? this.exports.settled(exportId);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.closing.values());
  }

  private async recordStart(record: Omit<AuditRecord, 'action' | 'status'>): Promise<void> {
    try {
      await this.audit.record({ action: 'export', status: 'started', ...record });
      if (record.exportId !== undefined) this.context.set(record.exportId, record);
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      console.error(`mirante: falha ao gravar a auditoria: ${String(error)}`);
      throw new WorkbenchError({ code: 'internal', message: AUDIT_UNAVAILABLE });
    }
  }

  private watch(started: { exportId: string }): { exportId: string } {
    const { exportId } = started;
    this.closing.set(exportId, this.exports.settled(exportId).then(async (status) => {
      await this.recordEnd(status).catch((error: unknown) => console.error(`mirante: falha ao gravar a auditoria: ${String(error)}`));
      return status;
    }));
    return started;
  }

  private async recordEnd(status: ExportStatus): Promise<void> {
    const state = status.state === 'done' ? 'ok' : status.state === 'running' ? 'error' : status.state;
    const file = status.state === 'done' && status.path ? { path: status.path, sha256: await fileSha256(status.path) } : {};
    const { params: _params, ...context } = this.context.get(status.exportId) ?? {};
    this.context.delete(status.exportId);
    await this.audit.record({
      ...context,
      action: 'export',
      status: state,
      exportId: status.exportId,
      format: status.format,
      rows: status.rowsWritten,
      ...file,
      ...(status.error ? { error: status.error.message } : {}),
    });
  }
}

/** Whether any sheet of a panel export traces to personal data (its cells planned, not run). */
async function documentHoldsPersonalData(engine: Engine, request: ExportDocumentRequest & { text: string }): Promise<boolean> {
  const { snapshot } = request;
  const doc = parseDocument(request.text, request.path);
  const params = bindableParams(paramSpecsOf(doc), request.params ?? {});
  for (const cell of exportedCells(doc)) {
    const compiled = await compileForRun(engine, doc, cell, snapshot, params);
    const classes = (await classifyResults(engine, compiled.sql, snapshot)).at(-1);
    const columns = await engine.describe({ sql: compiled.sql, queryId: randomUUID(), params, ...(snapshot ? { snapshot } : {}) });
    if (columns.some((column) => (classes?.get(column.name) ?? 'publico') !== 'publico')) return true;
  }
  return false;
}
