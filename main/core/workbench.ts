import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WorkbenchError,
  toApiError,
  type ColumnProfile,
  type DocumentSummary,
  type OpenedDocument,
  type RunCellRequest,
  type CompletionResult,
  type FetchRowsRequest,
  type HistoryEntry,
  type ProfileSource,
  type QueryEvent,
  type QueryEventListener,
  type RowsPage,
  type RunQueryRequest,
  type TableInfo,
  type WorkbenchCore,
  type WorkbenchInfo,
  type Workspace,
  type ExportDocumentRequest,
  type ExportResultRequest,
  type ExportStatus,
} from './api.ts';
import { WorkbenchExports } from './export/workbench-exports.ts';
import { encodeIpcStream } from './arrow/ipc.ts';
import { Engine, type EngineOptions } from './engine/engine.ts';
import { ResultStore } from './results/result-store.ts';
import { runKept } from './results/run-kept.ts';
import { complete } from './session/completion.ts';
import { QueryHistory } from './session/history.ts';
import { profileColumn, type ProfileTarget } from './session/profile.ts';
import { WorkspaceStore } from './session/workspace.ts';
import { compileForRun } from './documents/compile-for-run.ts';
import { DocumentStore } from './session/document-store.ts';
import type { AuditAction, AuditEntry, AuditQuery, UnmaskRequest } from './api.ts';
import type { AuditRecord } from './privacy/audit-log.ts';
import { fileSha256 } from './privacy/file-digest.ts';
import { classifyResults, withColumnPrivacy } from './privacy/result-privacy.ts';
import { SessionPrivacy } from './privacy/session-privacy.ts';
import {
  bindableParams,
  paramSpecsOf,
  parseDocument,
  relocateError,
  resolveParamOptions,
} from './documents/index.ts';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface WorkbenchOptions extends EngineOptions {
  /** Where history, the saved workspace and drafts live; default ~/.mirante. */
  stateDir?: string;
  /** The curated notebooks and panels; default the project's queries/. */
  queriesDir?: string;
  /** Whose role applies (`<data dir>/mirante.yaml`); default the OS user. */
  user?: string;
  /** The audit log; default what mirante.yaml says, else `<data dir>/auditoria/auditoria.jsonl`. */
  auditLog?: string;
}

const defaultQueriesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries');

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The core behind every shell: the engine, kept results, history and the event stream. */
export class Workbench implements WorkbenchCore {
  private readonly listeners = new Set<QueryEventListener>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly exports: WorkbenchExports;

  private constructor(
    readonly engine: Engine,
    private readonly results: ResultStore,
    private readonly history: QueryHistory,
    private readonly workspace: WorkspaceStore,
    private readonly documents: DocumentStore,
    /** Role, audit log, unmasked results: exports call `privacy.audit.record({ action: 'export', ... })`. */
    readonly privacy: SessionPrivacy,
  ) {
    this.exports = new WorkbenchExports(engine, results, (event) => this.emit(event));
  }

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const engine = await Engine.open(options);
    const stateDir = options.stateDir ?? path.join(os.homedir(), '.mirante');
    try {
      const documents = new DocumentStore(options.queriesDir ?? defaultQueriesDir, path.join(stateDir, 'rascunhos'));
      return new Workbench(
        engine,
        await ResultStore.open(engine),
        QueryHistory.inDir(stateDir),
        WorkspaceStore.inDir(stateDir),
        documents,
        await SessionPrivacy.open(engine.dataDir, { user: options.user, auditLog: options.auditLog }),
      );
    } catch (error) {
      await engine.close();
      throw error;
    }
  }

  async info(_request: Record<string, never> = {}): Promise<WorkbenchInfo> {
    return {
      version: packageJson.version,
      duckdbVersion: this.engine.duckdbVersion,
      dataDir: this.engine.dataDir,
      snapshots: this.engine.snapshots(),
      defaultSnapshot: this.engine.defaultSnapshot(),
      role: this.privacy.role,
      user: this.privacy.user,
    };
  }

  catalog(request: { snapshot?: string }): Promise<TableInfo[]> {
    return this.engine.catalog(request.snapshot);
  }

  async runQuery(request: RunQueryRequest): Promise<{ queryId: string }> {
    this.privacy.allow('free_sql');
    const queryId = request.queryId ?? randomUUID();
    if (typeof request.sql !== 'string') throw new WorkbenchError({ code: 'parameter', message: 'Informe o texto SQL.' });
    const run = this.run({ ...request, queryId }).finally(() => this.running.delete(queryId));
    this.running.set(queryId, run);
    return { queryId };
  }

  async cancelQuery(request: { queryId: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: this.engine.cancel(request.queryId) };
  }

  async fetchRows(request: FetchRowsRequest): Promise<RowsPage> {
    const kept = this.results.get(request);
    const batches = await kept.page(request.offset, request.limit, request.sort);
    return {
      ipc: encodeIpcStream(kept.schema, batches),
      offset: request.offset,
      rowCount: kept.rowCount,
      complete: kept.complete,
    };
  }

  async releaseResult(request: { queryId: string }): Promise<{ released: boolean }> {
    this.privacy.forget(request.queryId);
    return { released: await this.results.release(request.queryId) };
  }

  async profileColumn(request: ProfileSource): Promise<ColumnProfile> {
    if (request.kind !== 'result') this.privacy.allow('profile_table');
    const target = await this.profileTarget(request);
    const connection = await this.engine.appConnection(request.kind === 'table' ? request.snapshot : undefined);
    try {
      return await profileColumn(connection, target);
    } finally {
      connection.closeSync();
    }
  }

  async complete(request: { sql: string; cursor: number; snapshot?: string }): Promise<CompletionResult> {
    this.privacy.allow('free_sql');
    const catalog = await this.engine.catalog(request.snapshot);
    const connection = await this.engine.appConnection(request.snapshot ?? this.engine.defaultSnapshot());
    try {
      return await complete(connection, request.sql, request.cursor, catalog);
    } finally {
      connection.closeSync();
    }
  }

  listHistory(request: { search?: string; limit?: number }): Promise<HistoryEntry[]> {
    return this.history.list(request.search, request.limit);
  }

  loadWorkspace(_request: Record<string, never> = {}): Promise<Workspace | null> {
    return this.workspace.load();
  }

  async saveWorkspace(request: Workspace): Promise<{ saved: true }> {
    await this.workspace.save(request);
    return { saved: true };
  }

  listDocuments(_request: Record<string, never> = {}): Promise<DocumentSummary[]> {
    return this.documents.list();
  }

  openDocument(request: { path: string }): Promise<OpenedDocument> {
    return this.documents.open(request.path);
  }

  async saveDocument(request: { path: string; text: string }): Promise<{ saved: true }> {
    this.privacy.allow('save_document');
    await this.documents.save(request.path, request.text);
    return { saved: true };
  }

  async autosaveDocument(request: { path: string; text: string }): Promise<{ saved: true }> {
    this.privacy.allow('save_document');
    await this.documents.autosave(request.path, request.text);
    return { saved: true };
  }

  async discardDraft(request: { path: string }): Promise<{ discarded: boolean }> {
    return { discarded: await this.documents.discardDraft(request.path) };
  }

  async runCell(request: RunCellRequest): Promise<{ queryId: string }> {
    const doc = parseDocument(await this.documentText(request), request.path);
    const compiled = await compileForRun(this.engine, doc, request.cell, request.snapshot);
    const queryId = request.queryId ?? randomUUID();
    const sqlRequest: RunQueryRequest & { queryId: string } = {
      sql: compiled.sql,
      params: bindableParams(paramSpecsOf(doc), request.params ?? {}),
      queryId,
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    };
    const cellAudit = { ...(request.path !== undefined ? { document: request.path } : {}), cell: request.cell };
    const run = this.run(sqlRequest, (error) => relocateError(doc, compiled, error), 'run_panel', cellAudit).finally(() =>
      this.running.delete(queryId),
    );
    this.running.set(queryId, run);
    return { queryId };
  }

  async paramOptions(request: { text: string; param: string; snapshot?: string; path?: string }): Promise<string[]> {
    const doc = parseDocument(await this.documentText(request));
    const spec = paramSpecsOf(doc).find((p) => p.name === request.param);
    if (!spec) throw new WorkbenchError({ code: 'not_found', message: `Parâmetro desconhecido: ${request.param}` });
    return resolveParamOptions(this.engine, spec, request.snapshot);
  }

  async exportResult(request: ExportResultRequest): Promise<{ exportId: string }> {
    const started = this.exports.exportResult(request);
    this.auditExport(started.exportId, { queryId: request.queryId, ...(request.purpose ? { purpose: request.purpose } : {}) });
    return started;
  }

  async exportDocument(request: ExportDocumentRequest): Promise<{ exportId: string }> {
    // Role `consulta` exports the saved panel at `path`, never text sent by the client.
    const text = await this.documentText(request);
    const started = this.exports.exportDocument({ ...request, text });
    this.auditExport(started.exportId, {
      ...(request.path ? { document: request.path } : {}),
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.params ? { params: request.params } : {}),
      ...(request.purpose ? { purpose: request.purpose } : {}),
    });
    return started;
  }

  /** Logs a finished export with the file it wrote and that file's SHA-256 (LGPD: who exported what, for what). */
  private auditExport(exportId: string, details: Omit<AuditRecord, 'action'>): void {
    void this.exports.settled(exportId).then(async (status) => {
      if (status.state !== 'done' || !status.path) return;
      const sha256 = await fileSha256(status.path);
      await this.privacy.audit.record({ action: 'export', path: status.path, sha256, rows: status.rowsWritten, ...details });
    }).catch(() => undefined);
  }

  async cancelExport(request: { exportId: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: this.exports.cancel(request.exportId) };
  }

  async exportStatus(request: { exportId: string }): Promise<ExportStatus> {
    return this.exports.status(request.exportId);
  }

  /** For the web mode's download route (not part of the contract): the file of a finished export, once. */
  takeDownload(exportId: string): ReturnType<WorkbenchExports['takeDownload']> {
    return this.exports.takeDownload(exportId);
  }

  /** Resolves when an export has ended. */
  exportSettled(exportId: string): Promise<ExportStatus> {
    return this.exports.settled(exportId);
  }

  async unmaskResult(request: UnmaskRequest): Promise<{ queryId: string }> {
    const queryId = randomUUID();
    const unmasked = await this.privacy.unmask(request, queryId);
    const run = this.run(unmasked, undefined, 'unmask', { purpose: request.purpose.trim() }).finally(() =>
      this.running.delete(queryId),
    );
    this.running.set(queryId, run);
    return { queryId };
  }

  async listAudit(request: AuditQuery): Promise<AuditEntry[]> {
    this.privacy.allow('read_audit');
    return this.privacy.audit.list(request ?? {});
  }

  /**
   * The notebook text to run (not part of the contract; exports of a panel use it too): what
   * the client sent, or for role `consulta` the saved file at `path`, whatever text was sent.
   */
  async documentText(request: { text?: unknown; path?: string }): Promise<string> {
    if (this.privacy.canWriteSql) return String(request.text);
    if (typeof request.path !== 'string' || request.path === '') {
      throw new WorkbenchError({ code: 'not_allowed', message: 'O seu papel (consulta) executa apenas painéis salvos: informe o caminho do painel.' });
    }
    return (await this.documents.open(request.path)).text;
  }

  onQueryEvent(listener: QueryEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const queryId of this.running.keys()) this.engine.cancel(queryId);
    await Promise.allSettled(this.running.values());
    await this.exports.close();
    await this.results.close();
    await this.engine.close();
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async run(
    request: RunQueryRequest & { queryId: string },
    relocate: (error: unknown) => unknown = (e) => e,
    action: AuditAction = 'query',
    audit: Partial<AuditRecord> = {},
  ): Promise<void> {
    const started = performance.now();
    const entry: HistoryEntry = {
      id: request.queryId,
      sql: request.sql,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      rowCount: null,
      snapshot: request.snapshot ?? this.engine.defaultSnapshot(),
      status: 'ok',
    };
    this.exports.remember(request);
    const snapshot = entry.snapshot;
    this.privacy.remember(request.queryId, { sql: request.sql, snapshot, ...(request.params ? { params: request.params } : {}), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) });
    const classes = await classifyResults(this.engine, request.sql, request.snapshot);
    try {
      const emit = (event: QueryEvent) => this.emit(withColumnPrivacy(event, classes));
      entry.rowCount = (await runKept(this.engine, this.results, request, emit)).rowCount;
    } catch (error) {
      const detail = toApiError(relocate(error));
      entry.status = detail.code === 'cancelled' ? 'cancelled' : 'error';
      entry.error = detail.message;
      this.emit({ kind: 'error', queryId: request.queryId, error: detail });
    }
    entry.durationMs = Math.round(performance.now() - started);
    await this.history.record(entry).catch(() => undefined);
    const outcome = { rows: entry.rowCount, status: entry.status, ...(entry.error !== undefined ? { error: entry.error } : {}) };
    await this.privacy
      .recordRun(action, { ...request, snapshot }, outcome, audit)
      .catch((error: unknown) => console.error(`mirante: falha ao gravar a auditoria: ${String(error)}`));
    this.emit({ kind: 'finished', queryId: request.queryId, elapsedMs: performance.now() - started });
  }

  private async profileTarget(request: ProfileSource): Promise<ProfileTarget> {
    if (request.kind === 'result') {
      const kept = this.results.get(request);
      const column = kept.columnType(request.column);
      if (!column) throw new WorkbenchError({ code: 'not_found', message: `Coluna ${request.column} não existe neste resultado.` });
      return { relation: kept.table, column: kept.storedColumn(request.column), name: column.name, type: column.type };
    }
    const catalog = await this.engine.catalog(request.snapshot);
    const table = catalog.find((t) => t.name === request.table);
    const column = table?.columns.find((c) => c.name === request.column);
    if (!table || !column) {
      throw new WorkbenchError({ code: 'not_found', message: `Coluna desconhecida: ${request.table}.${request.column}` });
    }
    const relation = `${this.engine.snapshotSchema(request.snapshot)}.${quoteIdentifier(table.name)}`;
    const connection = await this.engine.appConnection();
    try {
      const described = await connection.run(`SELECT ${quoteIdentifier(column.name)} FROM ${relation} LIMIT 0`);
      return { relation, column: quoteIdentifier(column.name), name: column.name, type: described.columnType(0) };
    } finally {
      connection.closeSync();
    }
  }
}
