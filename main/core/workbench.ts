// The core behind every shell: the WorkbenchApi over one query session (engine, role, audit,
// the runner every piece of SQL goes through), kept results, history, documents and exports.
// Each method is a thin composition of the modules it names. Over 300 lines because it is the
// contract's whole method table in one place (28 methods of a few lines each); what any method
// does lives in the module it calls.
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WorkbenchError,
  type AuditEntry,
  type AuditQuery,
  type ColumnProfile,
  type CompletionResult,
  type DiffSnapshotsRequest,
  type DocumentSummary,
  type ExportDocumentRequest,
  type ExportResultRequest,
  type ExportStatus,
  type FetchRowsRequest,
  type ImportMonthOutcome,
  type ImportMonthRequest,
  type HistoryEntry,
  type OpenedDocument,
  type ParamOptionsRequest,
  type ProfileSource,
  type QueryEvent,
  type QueryEventListener,
  type RowsPage,
  type RunCellRequest,
  type RunQueryRequest,
  type SaveDocumentAsRequest,
  type SavedDocument,
  type SnapshotOverview,
  type TableInfo,
  type UnmaskRequest,
  type WorkbenchCore,
  type WorkbenchInfo,
  type Workspace,
  type WorkspacePage,
} from './api/index.ts';
import { encodeIpcStream } from './arrow/ipc.ts';
import { cellJob, paramSpecsOf, parseDocument, resolveParamOptions } from './documents/index.ts';
import { prepareSaveAs } from './documents/save-as.ts';
import type { Engine } from './engine/engine.ts';
import { WorkbenchExports } from './export/workbench-exports.ts';
import type { SaveTargets } from './export/save-targets.ts';
import { checkedPurpose, statementText, type SessionPrivacy } from './privacy/session-privacy.ts';
import { KeptQueries } from './queries/kept-queries.ts';
import { PanelPreparation, type PanelPreparationReport, type PreparationLimits } from './queries/panel-preparation.ts';
import { openQuerySession, type QuerySession, type QuerySessionOptions } from './queries/query-session.ts';
import type { QueryOrigin, QueryRunner, QuerySource } from './queries/query-runner.ts';
import { CellCache } from './results/cell-cache.ts';
import { snapshotsOverview } from './registry/snapshot-overview.ts';
import { startKeptDiff } from './snapshot-diff/kept-diff.ts';
import { MonthImports } from './snapshot-import/workbench-import.ts';
import { ResultStore } from './results/result-store.ts';
import { complete } from './session/completion.ts';
import { DocumentStore } from './session/document-store.ts';
import { QueryHistory } from './session/history.ts';
import { profileColumn, profileTarget } from './session/profile.ts';
import { WorkspaceStore } from './session/workspace.ts';
import { isKnownTimeZone } from './format/zone-offset.ts';
import { AuditedExports } from './queries/audited-exports.ts';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Queries from the UI stop after this long unless the user chose another limit. */
export const DEFAULT_UI_TIMEOUT_MS = 10 * 60_000;

export interface WorkbenchOptions extends QuerySessionOptions {
  /** Where history, the saved workspace and drafts live; default ~/.mirante. */
  stateDir?: string;
  /** The curated notebooks and panels; default the project's queries/. */
  queriesDir?: string;
  /** Memory budget of kept results, in cells (rows × columns); see results/result-store.ts. */
  maxKeptCells?: number;
  /** Budget of cell results kept for answering again, in cells; 0 turns the cache off (results/cell-cache.ts). */
  maxCachedCells?: number;
  /** Electron's shell grants save targets after its native save dialog; absent in the web mode (downloads only). */
  saveTargets?: SaveTargets;
  /**
   * Prepare the saved panels of the newest snapshot in the background (queries/panel-preparation.ts):
   * the shells people use set it; tests and the command line leave it off.
   */
  preparePanels?: boolean | PreparationLimits;
}

const defaultQueriesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries');

interface Parts {
  session: QuerySession;
  results: ResultStore;
  history: QueryHistory;
  workspace: WorkspaceStore;
  documents: DocumentStore;
  stateDir: string;
  maxCachedCells?: number;
  saveTargets?: SaveTargets;
  /** Undefined: no preparation. */
  preparePanels: PreparationLimits | undefined;
}

export class Workbench implements WorkbenchCore {
  readonly engine: Engine;
  readonly privacy: SessionPrivacy;
  /** The one path SQL takes (role, audit, time limit, cancel); the bench measures through it. */
  readonly runner: QueryRunner;
  private readonly listeners = new Set<QueryEventListener>();
  private readonly queries: KeptQueries;
  private readonly exports: WorkbenchExports;
  private readonly audited: AuditedExports;
  private readonly imports: MonthImports;
  private readonly preparation: PanelPreparation;

  private constructor(private readonly parts: Parts) {
    const { engine, privacy, runner } = parts.session;
    this.engine = engine;
    this.privacy = privacy;
    this.runner = runner;
    const emit = (event: QueryEvent) => this.emit(event);
    const audit = privacy.audit.paths;
    this.exports = new WorkbenchExports(engine, runner, parts.results, emit, {
      protectedRoots: [parts.stateDir, ...[audit.log, audit.key, audit.anchor].map((file) => path.dirname(file))],
      ...(parts.saveTargets ? { saveTargets: parts.saveTargets } : {}),
    });
    this.queries = new KeptQueries({
      engine,
      runner,
      results: parts.results,
      cache: new CellCache(engine, parts.maxCachedCells),
      history: parts.history,
      emit,
    });
    this.audited = new AuditedExports(this.exports, privacy.audit);
    this.imports = new MonthImports(engine, privacy);
    this.preparation = new PanelPreparation({ engine, queries: this.queries, documents: parts.documents }, parts.preparePanels);
    this.preparePanels();
  }

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const stateDir = options.stateDir ?? path.join(os.homedir(), '.mirante');
    const workspace = WorkspaceStore.inDir(stateDir);
    // The zone: the shell's option (--tz), else the one the user chose in the status bar (a name
    // this machine no longer knows is passed over), else the system's.
    const saved = (await workspace.load())?.timeZone;
    const timeZone = options.timeZone ?? (saved !== undefined && isKnownTimeZone(saved) ? saved : undefined);
    const session = await openQuerySession({ defaultTimeoutMs: DEFAULT_UI_TIMEOUT_MS, ...options, ...(timeZone ? { timeZone } : {}) });
    try {
      return new Workbench({
        session,
        results: await ResultStore.open(session.engine, options.maxKeptCells !== undefined ? { maxKeptCells: options.maxKeptCells } : {}),
        history: QueryHistory.inDir(stateDir),
        workspace,
        documents: new DocumentStore(options.queriesDir ?? defaultQueriesDir, path.join(stateDir, 'rascunhos')),
        stateDir,
        ...(options.maxCachedCells !== undefined ? { maxCachedCells: options.maxCachedCells } : {}),
        ...(options.saveTargets ? { saveTargets: options.saveTargets } : {}),
        preparePanels: options.preparePanels === true ? {} : options.preparePanels || undefined,
      });
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** Also takes in snapshots published since the workbench opened: the UI asks again when it regains focus. */
  async info(_request: Record<string, never> = {}): Promise<WorkbenchInfo> {
    await this.engine.refreshSnapshots();
    this.preparePanels();
    return {
      version: packageJson.version,
      duckdbVersion: this.engine.duckdbVersion,
      dataDir: this.engine.dataDir,
      snapshots: this.engine.snapshots(),
      defaultSnapshot: this.engine.defaultSnapshot(),
      role: this.privacy.role,
      user: this.privacy.user,
      timeZone: this.engine.timeZone,
    };
  }

  async catalog(request: { snapshot?: string }): Promise<TableInfo[]> {
    this.privacy.allow('profile_table');
    return this.engine.catalog(request.snapshot);
  }

  runQuery(request: RunQueryRequest): Promise<{ queryId: string }> {
    return this.queries.start({ ...queryOf(request), action: 'query', source: { kind: 'free' } });
  }

  async cancelQuery(request: { queryId: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: this.queries.cancel(request.queryId) };
  }

  async fetchRows(request: FetchRowsRequest): Promise<RowsPage> {
    const kept = this.parts.results.get(request);
    const batches = await kept.page(request.offset, request.limit, request.sort, request.filter);
    const rowCount = await kept.rowsKept(request.filter ?? [], request.sort);
    return { ipc: encodeIpcStream(kept.schema, batches), offset: request.offset, rowCount, complete: kept.complete };
  }

  async releaseResult(request: { queryId: string }): Promise<{ released: boolean }> {
    return { released: await this.queries.release(request.queryId) };
  }

  async profileColumn(request: ProfileSource): Promise<ColumnProfile> {
    const target = await profileTarget(this.engine, this.parts.results, request);
    const admitted = await this.runner.admit({
      action: 'profile',
      source: request.kind === 'result' ? { kind: 'kept' } : { kind: 'free' },
      queryId: randomUUID(),
      sql: target.describe,
      ...(request.kind === 'table' && request.snapshot ? { snapshot: request.snapshot } : {}),
    });
    return admitted.withConnection((connection) => profileColumn(connection, target));
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
    return this.parts.history.list(request.search, request.limit);
  }

  /** With `page`, that page owns the workspace from now on (session/workspace.ts). */
  loadWorkspace(request: WorkspacePage = {}): Promise<Workspace | null> {
    if (typeof request.page === 'string') this.parts.workspace.claim(request.page);
    return this.parts.workspace.load();
  }

  async saveWorkspace(request: Workspace & WorkspacePage): Promise<{ saved: true }> {
    await this.parts.workspace.save(request, typeof request.page === 'string' ? request.page : undefined);
    return { saved: true };
  }

  listDocuments(_request: Record<string, never> = {}): Promise<DocumentSummary[]> {
    return this.parts.documents.list();
  }

  openDocument(request: { path: string }): Promise<OpenedDocument> {
    return this.parts.documents.open(request.path);
  }

  async saveDocument(request: { path: string; text: string }): Promise<{ saved: true }> {
    this.privacy.allow('save_document');
    await this.parts.documents.save(request.path, request.text, { record: () => this.recordSave(request.path, request.text) });
    return { saved: true };
  }

  async saveDocumentAs(request: SaveDocumentAsRequest): Promise<SavedDocument> {
    this.privacy.allow('save_document');
    const { fileName, text } = prepareSaveAs(request.text, request, request.fileName);
    await this.parts.documents.save(fileName, text, { replace: request.overwrite === true, record: () => this.recordSave(fileName, text) });
    return { path: fileName, text };
  }

  async autosaveDocument(request: { path: string; text: string }): Promise<{ saved: true }> {
    this.privacy.allow('save_document');
    await this.parts.documents.autosave(request.path, request.text);
    return { saved: true };
  }

  async discardDraft(request: { path: string }): Promise<{ discarded: boolean }> {
    return { discarded: await this.parts.documents.discardDraft(request.path) };
  }

  async runCell(request: RunCellRequest): Promise<{ queryId: string }> {
    const { text, source } = await this.documentText(request);
    const doc = parseDocument(text, request.path);
    const { job, relocate } = await cellJob(this.engine, doc, request.cell, {
      source,
      queryId: request.queryId ?? randomUUID(),
      ...(request.params ? { params: request.params } : {}),
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.path !== undefined ? { audit: { document: request.path } } : {}),
    });
    return this.queries.start(job, relocate);
  }

  async paramOptions(request: ParamOptionsRequest): Promise<string[]> {
    const { text, source } = await this.documentText(request);
    const spec = paramSpecsOf(parseDocument(text)).find((p) => p.name === request.param);
    if (!spec) throw new WorkbenchError({ code: 'not_found', message: `Parâmetro desconhecido: ${request.param}` });
    return resolveParamOptions(this.runner, spec, {
      source,
      readSaved: async (saved) => (await this.parts.documents.open(saved)).text,
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.queryId ? { queryId: request.queryId } : {}),
    });
  }

  async unmaskResult(request: UnmaskRequest): Promise<{ queryId: string }> {
    this.runner.check({ action: 'unmask', source: { kind: 'free' }, unmasked: true });
    const purpose = checkedPurpose(request.purpose);
    const origin = this.queries.origin(request.queryId);
    const sql = origin === undefined ? undefined : statementText(origin.sql, request.statementIndex);
    if (origin === undefined || sql === undefined) {
      throw new WorkbenchError({ code: 'not_found', message: 'Este resultado não está mais disponível: execute a consulta de novo.' });
    }
    return this.queries.start({
      action: 'unmask',
      source: origin.source,
      unmasked: true,
      queryId: randomUUID(),
      sql,
      snapshot: origin.snapshot,
      audit: { purpose },
      ...(origin.params ? { params: origin.params } : {}),
      ...(origin.timeoutMs !== undefined ? { timeoutMs: origin.timeoutMs } : {}),
    });
  }

  async listAudit(request: AuditQuery): Promise<AuditEntry[]> {
    this.privacy.allow('read_audit');
    return this.privacy.audit.list(request ?? {});
  }

  async exportResult(request: ExportResultRequest): Promise<{ exportId: string }> {
    this.exports.checkResultExport(request);
    const kept = this.parts.results.get(request);
    const origin = this.queries.origin(request.queryId);
    return this.audited.exportResult(request, { personal: kept.holdsPersonalData, unmasked: origin?.unmasked === true }, origin);
  }

  async exportDocument(request: ExportDocumentRequest): Promise<{ exportId: string }> {
    this.exports.checkPlacement(request);
    const { text, source } = await this.documentText(request);
    return this.audited.exportDocument({ ...request, text, source }, this.engine);
  }

  async cancelExport(request: { exportId: string }): Promise<{ cancelled: boolean }> {
    return { cancelled: this.exports.cancel(request.exportId) };
  }

  async exportStatus(request: { exportId: string }): Promise<ExportStatus> {
    return this.exports.status(request.exportId);
  }

  async snapshotOverview(_request: Record<string, never> = {}): Promise<SnapshotOverview[]> {
    this.privacy.allow('profile_table');
    return snapshotsOverview(this.engine);
  }

  async diffSnapshots(request: DiffSnapshotsRequest): Promise<{ queryId: string }> {
    return startKeptDiff(this.runner, this.queries, request);
  }

  async importMonth(request: ImportMonthRequest): Promise<ImportMonthOutcome> {
    const outcome = await this.imports.run(request);
    this.preparePanels();
    return outcome;
  }

  /** The latest preparation of the saved panels, once it ends; null when this workbench prepares none. */
  panelsPrepared(): Promise<PanelPreparationReport | null> {
    return this.preparation.settled();
  }

  /** For the web mode's download route (not part of the contract): the file of a finished export, once. */
  takeDownload(exportId: string): ReturnType<WorkbenchExports['takeDownload']> {
    return this.exports.takeDownload(exportId);
  }

  /** What a kept query ran (not part of the contract: tests and the bench look at it). */
  queryOrigin(queryId: string): QueryOrigin | undefined {
    return this.queries.origin(queryId);
  }

  /** Resolves when an export has ended and its closing audit entry is written. */
  exportSettled(exportId: string): Promise<ExportStatus> {
    return this.audited.settled(exportId);
  }

  onQueryEvent(listener: QueryEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.preparation.stop();
    await this.queries.close();
    await this.audited.close();
    await this.exports.close();
    await this.parts.results.close();
    await this.parts.session.close();
  }

  /**
   * The notebook text to run and where it comes from: what the client sent (analysts), or for
   * role `consulta` the saved file at `path`, whatever text was sent.
   */
  private async documentText(request: { text?: unknown; path?: string }): Promise<{ text: string; source: QuerySource }> {
    if (this.privacy.canWriteSql) return { text: String(request.text), source: { kind: 'free' } };
    if (typeof request.path !== 'string' || request.path === '') {
      throw new WorkbenchError({ code: 'not_allowed', message: 'O seu papel (consulta) executa apenas painéis salvos: informe o caminho do painel.' });
    }
    const saved = await this.parts.documents.open(request.path);
    return { text: saved.text, source: { kind: 'saved', document: request.path } };
  }

  /** A document written to the shared queries folder is audited like any other write, before it appears. */
  private async recordSave(document: string, text: string): Promise<void> {
    await this.privacy.audit.record({ action: 'save_document', document, sha256: createHash('sha256').update(text).digest('hex'), status: 'ok' });
  }

  /** A newest snapshot not prepared yet (at open, or published since) gets its panels prepared. */
  private preparePanels(): void {
    if (this.parts.preparePanels !== undefined) this.preparation.ensure();
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** The parts of a request every query job takes, with a fresh queryId when the client chose none. */
function queryOf(request: RunQueryRequest): Pick<RunQueryRequest, 'sql' | 'params' | 'snapshot' | 'timeoutMs'> & { queryId: string } {
  return {
    sql: request.sql,
    queryId: request.queryId ?? randomUUID(),
    ...(request.params ? { params: request.params } : {}),
    ...(request.snapshot ? { snapshot: request.snapshot } : {}),
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
  };
}
