// The state of every tab's latest run, fed by the client's query events.
import type { ApiError, DiffSnapshotsRequest, QueryEvent, ResultColumn, RunCellRequest, WorkbenchClient } from '../../../main/core/api/index.ts';
import { decodeIpc, type ArrowTable } from '../client/arrow.ts';
import { apiErrorOf } from '../client/client-error.ts';

export interface StatementResult {
  statementIndex: number;
  columns: ResultColumn[];
  /** The rows of the first `batch` event: shown at once, before any page is fetched. */
  first: ArrowTable | null;
  /** performance.now() when that batch arrived (for the paint measurement). */
  firstArrivedAt: number;
  rowsSoFar: number;
  rowCount: number | null;
}

export type RunStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface Run {
  queryId: string;
  /** Whose run it is: a SQL tab's id, or a document cell's key (documents/cell-runs.ts). */
  key: string;
  /** Where the submitted text starts in the tab's editor text (errors map back through it). */
  sqlOffset: number;
  /** The SQL text a SQL tab submitted; empty for a cell (the server compiles the cell). */
  sql: string;
  /** The cell a document run ran. */
  cell?: string;
  snapshot: string;
  status: RunStatus;
  startedAt: number;
  elapsedMs: number;
  rowsSoFar: number;
  statements: StatementResult[];
  error: ApiError | null;
  /** Rows re-run on the raw views after the user declared a purpose (shown with a warning). */
  unmasked?: boolean;
}

/** Events of queries not adopted yet (an unmask's id is known only when its call returns). */
const MAX_STASHED_EVENTS = 64;

function newQueryId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `q-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class QueryStore {
  private readonly runs = new Map<string, Run>();
  /** Run key of each query id, while its run is the current one of that key. */
  private readonly keyOfQuery = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private stashed: QueryEvent[] = [];
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;
  /** The user's time limit for queries and cells (the workspace setting); the core's default when undefined. */
  timeoutMs: number | undefined;

  constructor(private readonly client: WorkbenchClient) {
    client.onQueryEvent((event) => this.apply(event));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  runOf(key: string): Run | null {
    return this.runs.get(key) ?? null;
  }

  /** `params`: the values of the script's `$name`s (ParamPrompt), bound by name in the core. */
  async run(key: string, sql: string, sqlOffset: number, snapshot: string, params?: Record<string, string>): Promise<void> {
    await this.start(key, sql, sqlOffset, snapshot, (queryId) => this.client.runQuery({ sql, snapshot, queryId, ...(params ? { params } : {}), ...this.limit() }));
  }

  /** A notebook cell: `key` names the run (document tab + cell); a new run replaces a running one. */
  async runCell(key: string, request: Omit<RunCellRequest, 'queryId'>): Promise<void> {
    const previous = this.runs.get(key);
    if (previous?.status === 'running') await this.cancel(key);
    const snapshot = request.snapshot ?? '';
    await this.start(key, '', 0, snapshot, (queryId) => this.client.runCell({ ...request, queryId, ...this.limit() }), true, request.cell);
  }

  /** A table compared between two snapshots (three results: summary, changes per column, rows). */
  async diffSnapshots(key: string, request: Omit<DiffSnapshotsRequest, 'queryId'>): Promise<void> {
    const previous = this.runs.get(key);
    if (previous?.status === 'running') await this.cancel(key);
    await this.start(key, '', 0, request.to, (queryId) => this.client.diffSnapshots({ ...request, queryId, ...this.limit() }), true);
  }

  private limit(): { timeoutMs?: number } {
    return this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {};
  }

  private async start(key: string, sql: string, sqlOffset: number, snapshot: string, submit: (queryId: string) => Promise<unknown>, replace = false, cell?: string): Promise<void> {
    const previous = this.runs.get(key);
    if (previous?.status === 'running' && !replace) return;
    if (previous) this.release(previous.queryId);
    const queryId = newQueryId();
    this.keyOfQuery.set(queryId, key);
    const run: Run = {
      queryId, key, sqlOffset, sql, snapshot, status: 'running', startedAt: performance.now(),
      elapsedMs: 0, rowsSoFar: 0, statements: [], error: null, ...(cell !== undefined ? { cell } : {}),
    };
    this.set(run);
    try {
      await submit(queryId);
    } catch (error) {
      this.update(queryId, (r) => ({ ...r, status: 'error', error: apiErrorOf(error), elapsedMs: performance.now() - r.startedAt }));
    }
  }

  /**
   * Replaces the tab's result by the same statement unmasked (the server checks the role and
   * the purpose, and logs it); throws the server's refusal.
   */
  async unmask(key: string, statementIndex: number, purpose: string): Promise<void> {
    const previous = this.runs.get(key);
    if (!previous || previous.status === 'running') return;
    const { queryId } = await this.client.unmaskResult({ queryId: previous.queryId, statementIndex, purpose });
    this.release(previous.queryId);
    this.keyOfQuery.set(queryId, key);
    this.set({
      queryId, key, sqlOffset: previous.sqlOffset, sql: previous.sql, snapshot: previous.snapshot, status: 'running', startedAt: performance.now(),
      elapsedMs: 0, rowsSoFar: 0, statements: [], error: null, unmasked: true, ...(previous.cell !== undefined ? { cell: previous.cell } : {}),
    });
    const early = this.stashed.filter((event) => event.queryId === queryId);
    this.stashed = this.stashed.filter((event) => event.queryId !== queryId);
    for (const event of early) this.apply(event);
  }

  async cancel(key: string): Promise<void> {
    const run = this.runs.get(key);
    if (run?.status === 'running') await this.client.cancelQuery({ queryId: run.queryId }).catch(() => undefined);
  }

  /** Frees the tab's kept result on the server (a closed tab). */
  forget(key: string): void {
    const run = this.runs.get(key);
    if (!run) return;
    if (run.status === 'running') void this.client.cancelQuery({ queryId: run.queryId }).catch(() => undefined);
    this.release(run.queryId);
    this.runs.delete(key);
    this.notify();
  }

  /** Frees every run of a closed document tab (its cells' results, in every variant). */
  forgetDocument(tabKey: string): void {
    for (const key of [...this.runs.keys()]) if (key.startsWith(`${tabKey}::`)) this.forget(key);
  }

  private release(queryId: string): void {
    this.keyOfQuery.delete(queryId);
    void this.client.releaseResult({ queryId }).catch(() => undefined);
  }

  private apply(event: QueryEvent): void {
    if (!this.keyOfQuery.has(event.queryId)) {
      this.stashed.push(event);
      if (this.stashed.length > MAX_STASHED_EVENTS) this.stashed.shift();
      return;
    }
    const arrivedAt = performance.now();
    this.update(event.queryId, (run) => {
      switch (event.kind) {
        case 'columns':
          return withStatement(run, event.statementIndex, () => ({
            statementIndex: event.statementIndex, columns: event.columns, first: null, firstArrivedAt: 0, rowsSoFar: 0, rowCount: null,
          }));
        case 'batch':
          return withStatement(run, event.statementIndex, (s) =>
            // Only the first batch is decoded: later rows are read page by page as the grid scrolls.
            s.first ? { ...s, rowsSoFar: event.rowsSoFar } : { ...s, first: decodeIpc(event.ipc), firstArrivedAt: arrivedAt, rowsSoFar: event.rowsSoFar },
          );
        case 'progress':
          return { ...withStatement(run, event.statementIndex, (s) => ({ ...s, rowsSoFar: event.rowsSoFar })), rowsSoFar: event.rowsSoFar, elapsedMs: event.elapsedMs };
        case 'done':
          return { ...withStatement(run, event.statementIndex, (s) => ({ ...s, rowsSoFar: event.rowCount, rowCount: event.rowCount })), rowsSoFar: event.rowCount, elapsedMs: event.elapsedMs };
        case 'error':
          return { ...run, status: event.error.code === 'cancelled' ? 'cancelled' : 'error', error: event.error };
        case 'finished':
          return { ...run, status: run.status === 'running' ? 'done' : run.status, elapsedMs: event.elapsedMs };
      }
    });
  }

  private update(queryId: string, change: (run: Run) => Run): void {
    const key = this.keyOfQuery.get(queryId);
    const run = key ? this.runs.get(key) : undefined;
    if (run && run.queryId === queryId) this.set(change(run));
  }

  private set(run: Run): void {
    this.runs.set(run.key, run);
    this.notify();
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function withStatement(run: Run, index: number, change: (s: StatementResult) => StatementResult): Run {
  const existing = run.statements.find((s) => s.statementIndex === index);
  const base: StatementResult = existing ?? { statementIndex: index, columns: [], first: null, firstArrivedAt: 0, rowsSoFar: 0, rowCount: null };
  const next = change(base);
  const statements = existing ? run.statements.map((s) => (s === existing ? next : s)) : [...run.statements, next];
  return { ...run, statements };
}
