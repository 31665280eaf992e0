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
} from './api.ts';
import { encodeIpcStream } from './arrow/ipc.ts';
import { Engine, type EngineOptions } from './engine/engine.ts';
import { ResultStore } from './results/result-store.ts';
import { runKept } from './results/run-kept.ts';
import { complete } from './session/completion.ts';
import { QueryHistory } from './session/history.ts';
import { profileColumn, type ProfileTarget } from './session/profile.ts';
import { WorkspaceStore } from './session/workspace.ts';
import { DocumentStore } from './session/document-store.ts';
import {
  bindableParams,
  compileCell,
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
}

const defaultQueriesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries');

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The core behind every shell: the engine, kept results, history and the event stream. */
export class Workbench implements WorkbenchCore {
  private readonly listeners = new Set<QueryEventListener>();
  private readonly running = new Map<string, Promise<void>>();

  private constructor(
    readonly engine: Engine,
    private readonly results: ResultStore,
    private readonly history: QueryHistory,
    private readonly workspace: WorkspaceStore,
    private readonly documents: DocumentStore,
  ) {}

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
    };
  }

  catalog(request: { snapshot?: string }): Promise<TableInfo[]> {
    return this.engine.catalog(request.snapshot);
  }

  async runQuery(request: RunQueryRequest): Promise<{ queryId: string }> {
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
    return { released: await this.results.release(request.queryId) };
  }

  async profileColumn(request: ProfileSource): Promise<ColumnProfile> {
    const target = await this.profileTarget(request);
    const connection = await this.engine.appConnection(request.kind === 'table' ? request.snapshot : undefined);
    try {
      return await profileColumn(connection, target);
    } finally {
      connection.closeSync();
    }
  }

  async complete(request: { sql: string; cursor: number; snapshot?: string }): Promise<CompletionResult> {
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
    await this.documents.save(request.path, request.text);
    return { saved: true };
  }

  async autosaveDocument(request: { path: string; text: string }): Promise<{ saved: true }> {
    await this.documents.autosave(request.path, request.text);
    return { saved: true };
  }

  async discardDraft(request: { path: string }): Promise<{ discarded: boolean }> {
    return { discarded: await this.documents.discardDraft(request.path) };
  }

  async runCell(request: RunCellRequest): Promise<{ queryId: string }> {
    const doc = parseDocument(String(request.text), request.path);
    const compiled = compileCell(doc, request.cell);
    const queryId = request.queryId ?? randomUUID();
    const sqlRequest: RunQueryRequest & { queryId: string } = {
      sql: compiled.sql,
      params: bindableParams(paramSpecsOf(doc), request.params ?? {}),
      queryId,
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
    };
    const run = this.run(sqlRequest, (error) => relocateError(doc, compiled, error)).finally(() => this.running.delete(queryId));
    this.running.set(queryId, run);
    return { queryId };
  }

  async paramOptions(request: { text: string; param: string; snapshot?: string }): Promise<string[]> {
    const doc = parseDocument(String(request.text));
    const spec = paramSpecsOf(doc).find((p) => p.name === request.param);
    if (!spec) throw new WorkbenchError({ code: 'not_found', message: `Parâmetro desconhecido: ${request.param}` });
    return resolveParamOptions(this.engine, spec, request.snapshot);
  }

  onQueryEvent(listener: QueryEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const queryId of this.running.keys()) this.engine.cancel(queryId);
    await Promise.allSettled(this.running.values());
    await this.results.close();
    await this.engine.close();
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async run(request: RunQueryRequest & { queryId: string }, relocate: (error: unknown) => unknown = (e) => e): Promise<void> {
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
    try {
      entry.rowCount = (await runKept(this.engine, this.results, request, (event) => this.emit(event))).rowCount;
    } catch (error) {
      const detail = toApiError(relocate(error));
      entry.status = detail.code === 'cancelled' ? 'cancelled' : 'error';
      entry.error = detail.message;
      this.emit({ kind: 'error', queryId: request.queryId, error: detail });
    }
    entry.durationMs = Math.round(performance.now() - started);
    await this.history.record(entry).catch(() => undefined);
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
