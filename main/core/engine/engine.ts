// The engine: a sandboxed DuckDB instance over the snapshots of one data dir, running user
// scripts one connection per query. A thin composition of the modules beside it. Just over 300
// lines because it is the one object every caller holds (snapshots, catalog, run, describe,
// cancel, close); each method is a few lines over the module that does the work.
import { version } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import type { SnapshotInfo, TableInfo } from '../api/index.ts';
import { readCatalog } from '../registry/catalog.ts';
import { loadDictionary } from '../registry/dictionary.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import { chooseSnapshot, discoverSnapshots, snapshotsRoot, toSnapshotInfo } from '../registry/snapshots.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { createSnapshotViews, rawLayout, useSnapshot } from '../registry/views.ts';
import { analyseScript } from '../privacy/sql-references.ts';
import type { ScriptAnalysis } from '../privacy/sql-references.ts';
import { createSandboxedInstance } from './instance.ts';
import { addPublishedSnapshots, type PublishedSnapshots } from './published-snapshots.ts';
import { resolveTimeZone, systemTimeZone } from '../format/zone-offset.ts';
import { executeQuery } from './query.ts';
import type { QueryRequest, StatementStream } from './query.ts';
import { QueryConnections } from './connection-pool.ts';
import { RunningQueries } from './running.ts';
import { toWorkbenchError } from './errors.ts';
import { destroyPrepared, prepareScript } from './statements.ts';
import { describeByRunning, isTyped, preparedColumns, type DescribedColumn } from './describe-columns.ts';
import { statementSpans } from '../sql/lexer.ts';
import { stageParquet } from './stage-parquet.ts';
import { createEngineTempFolder, removeEngineTempFolder } from './temp-folder.ts';

export type { ResultColumnType, StatementStream } from './query.ts';

/** `unmasked`: run on the snapshot's raw views (`bruto_*`); only the Workbench's unmask sets it. */
export type ExecuteRequest = QueryRequest & { unmasked?: boolean };

export interface EngineOptions {
  /** Contains snapshots/<YYYY-MM-DD>/*.parquet and dicionario.yaml. */
  dataDir: string;
  threads?: number;
  memoryLimit?: string;
  maxTempDirectorySize?: string;
  /** App-private temp root; default under os.tmpdir(). */
  tempRoot?: string;
  /** IANA zone TIMESTAMPTZ values are computed and shown in; default the system's. */
  timeZone?: string;
}

export class Engine {
  readonly duckdbVersion: string;
  readonly dataDir: string;
  private readonly instance: DuckDBInstance;
  private readonly layouts: SnapshotLayout[];
  private readonly dictionary: Dictionary;
  /** The app-private folder DuckDB spills to and stages exports in. */
  readonly tempFolder: string;
  /** The IANA zone of TIMESTAMPTZ values, for DuckDB and for every writer (arrow/schema.ts). */
  readonly timeZone: string;
  private readonly running = new RunningQueries();
  private readonly connections: QueryConnections;
  private readonly catalogs = new Map<string, Promise<TableInfo[]>>();
  /** One refresh at a time: two would create the same schemas. */
  private refreshing: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(parts: {
    instance: DuckDBInstance;
    dataDir: string;
    layouts: SnapshotLayout[];
    dictionary: Dictionary;
    tempFolder: string;
    timeZone: string;
  }) {
    this.instance = parts.instance;
    this.dataDir = parts.dataDir;
    this.layouts = parts.layouts;
    this.dictionary = parts.dictionary;
    this.tempFolder = parts.tempFolder;
    this.timeZone = parts.timeZone;
    this.connections = new QueryConnections(parts.instance);
    this.duckdbVersion = version();
  }

  static async open(options: EngineOptions): Promise<Engine> {
    // Real paths: allowed_directories compares resolved paths.
    const dataDir = await realpath(path.resolve(options.dataDir));
    const layouts = await discoverSnapshots(dataDir);
    const dictionary = await loadDictionary(dataDir);
    const tempFolder = await createEngineTempFolder(options.tempRoot);
    const timeZone = resolveTimeZone(options.timeZone ?? systemTimeZone());
    let instance: DuckDBInstance | undefined;
    try {
      instance = await createSandboxedInstance({
        readableDirectories: [snapshotsRoot(dataDir)],
        tempDirectory: tempFolder,
        threads: options.threads,
        memoryLimit: options.memoryLimit,
        maxTempDirectorySize: options.maxTempDirectorySize,
        timeZone,
      });
      const connection = await instance.connect();
      try {
        await createSnapshotViews(connection, layouts, dictionary);
      } finally {
        connection.closeSync();
      }
    } catch (error) {
      instance?.closeSync();
      await removeEngineTempFolder(tempFolder);
      throw error;
    }
    return new Engine({ instance, dataDir, layouts, dictionary, tempFolder, timeZone });
  }

  /** Ascending by date. */
  snapshots(): SnapshotInfo[] {
    return this.layouts.map(toSnapshotInfo);
  }

  /** The snapshots on disk as the engine reads them (folders, table files), ascending by date. */
  snapshotLayouts(): readonly SnapshotLayout[] {
    return this.layouts;
  }

  /** Takes in the snapshots published since the engine opened (published-snapshots.ts). */
  refreshSnapshots(): Promise<PublishedSnapshots> {
    this.assertOpen();
    const refresh = this.refreshing.then(() => addPublishedSnapshots(this.instance, this.dataDir, this.layouts, this.dictionary));
    this.refreshing = refresh.catch(() => undefined);
    return refresh;
  }

  /** The newest date. */
  defaultSnapshot(): string {
    return chooseSnapshot(this.layouts, undefined).date;
  }

  private assertOpen(): void {
    if (this.closed) throw new WorkbenchError({ code: 'internal', message: 'O motor de consultas já foi fechado.' });
  }

  catalog(snapshot?: string): Promise<TableInfo[]> {
    this.assertOpen();
    const layout = chooseSnapshot(this.layouts, snapshot);
    let cached = this.catalogs.get(layout.date);
    if (cached === undefined) {
      cached = this.readCatalog(layout);
      cached.catch(() => this.catalogs.delete(layout.date));
      this.catalogs.set(layout.date, cached);
    }
    return cached;
  }

  private async readCatalog(layout: SnapshotLayout): Promise<TableInfo[]> {
    const connection = await this.instance.connect();
    try {
      return await readCatalog(connection, layout, this.dictionary);
    } finally {
      connection.closeSync();
    }
  }

  async *execute(request: ExecuteRequest): AsyncGenerator<StatementStream> {
    this.assertOpen();
    const chosen = chooseSnapshot(this.layouts, request.snapshot);
    const layout = request.unmasked === true ? rawLayout(chosen) : chosen;
    const query = this.running.start(request.queryId, request.timeoutMs);
    try {
      yield* executeQuery(this.connections, query, request, layout, this.timeZone);
    } finally {
      this.running.finish(query);
    }
  }

  /**
   * Writes one allowed SELECT as Parquet into the engine's private temp folder and returns
   * the file; the caller moves it into place and removes it. Cancellable by queryId.
   */
  async stageParquet(request: QueryRequest): Promise<string> {
    this.assertOpen();
    const layout = chooseSnapshot(this.layouts, request.snapshot);
    const query = this.running.start(request.queryId, request.timeoutMs);
    try {
      return await stageParquet(this.instance, query, request, layout, this.tempFolder);
    } finally {
      this.running.finish(query);
    }
  }

  /**
   * App-made statements over the data (a column profile) on a connection of their own that
   * the query's cancel and time limit interrupt; the connection is closed afterwards.
   */
  async withQueryConnection<T>(request: ExecuteRequest, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const chosen = chooseSnapshot(this.layouts, request.snapshot);
    const query = this.running.start(request.queryId, request.timeoutMs);
    let connection: DuckDBConnection | undefined;
    try {
      connection = await this.instance.connect();
      query.attach(connection);
      await useSnapshot(connection, request.unmasked === true ? rawLayout(chosen) : chosen);
      return await work(connection);
    } catch (error) {
      if (query.stopReason !== undefined) throw query.stoppedError();
      throw error instanceof WorkbenchError ? error : toWorkbenchError(error, { script: request.sql });
    } finally {
      connection?.closeSync();
      this.running.finish(query);
    }
  }

  /** The snapshot a request means (the newest when none is given); `not_found` for an unknown date. */
  snapshotInfo(snapshot?: string): SnapshotInfo {
    return toSnapshotInfo(chooseSnapshot(this.layouts, snapshot));
  }

  /**
   * A connection for app-made statements (kept results, profiles, completion): the same
   * sandbox, outside the user allow-list. On the chosen snapshot when one is given.
   */
  async appConnection(snapshot?: string): Promise<DuckDBConnection> {
    this.assertOpen();
    const connection = await this.instance.connect();
    if (snapshot !== undefined) {
      try {
        await useSnapshot(connection, chooseSnapshot(this.layouts, snapshot));
      } catch (error) {
        connection.closeSync();
        throw error;
      }
    }
    return connection;
  }

  /** The data dictionary of this data dir (privacy classes per column). */
  get dataDictionary(): Dictionary {
    return this.dictionary;
  }

  /**
   * The result columns of the last statement of a script, through the same allow-list and
   * reference gate as a query: from preparing it, or, when its types hang on its parameters,
   * from running it under LIMIT 0 with `request.params` (describe-columns.ts).
   */
  async describe(request: QueryRequest): Promise<DescribedColumn[]> {
    this.assertOpen();
    const connection = await this.appConnection(request.snapshot ?? this.defaultSnapshot());
    try {
      const prepared = await prepareScript(connection, request.sql);
      let columns: DescribedColumn[];
      try {
        const last = prepared.statements.at(-1);
        if (!last) return [];
        columns = preparedColumns(last);
      } finally {
        destroyPrepared(prepared.statements);
      }
      if (isTyped(columns)) return columns;
      const lastText = statementSpans(request.sql).at(-1);
      return await describeByRunning(connection, lastText ? request.sql.slice(lastText.start, lastText.end) : request.sql, request.params);
    } catch (error) {
      throw error instanceof WorkbenchError ? error : toWorkbenchError(error, { script: request.sql });
    } finally {
      connection.closeSync();
    }
  }

  /**
   * What each statement of a script reads (parse only), on the chosen snapshot. On an idle query
   * connection, already on the snapshot: parsing runs nothing, and a connection of its own cost
   * a connect and a search_path per cell run.
   */
  async analyse(sql: string, snapshot?: string): Promise<ScriptAnalysis> {
    this.assertOpen();
    const layout = chooseSnapshot(this.layouts, snapshot ?? this.defaultSnapshot());
    const connection = await this.connections.acquire(layout);
    let parsed = false;
    try {
      const analysis = await analyseScript(connection, sql);
      parsed = true;
      return analysis;
    } finally {
      this.connections.release(layout, connection, parsed);
    }
  }

  /** The schema holding a snapshot's views (`s_YYYY_MM_DD`); the newest when none is given. */
  snapshotSchema(snapshot?: string): string {
    return chooseSnapshot(this.layouts, snapshot).schema;
  }

  /** True if that query was running. */
  cancel(queryId: string): boolean {
    return this.running.cancel(queryId);
  }

  cancelAll(): void {
    this.running.cancelAll();
  }

  /** True once DuckDB runs that query on a connection of its own (tests cancel at that moment). */
  isExecuting(queryId: string): boolean {
    return this.running.isExecuting(queryId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.running.cancelAll();
    this.connections.closeAll();
    this.instance.closeSync();
    await removeEngineTempFolder(this.tempFolder);
  }
}

