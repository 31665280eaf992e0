// The UI's queries, from request to release: admitted by the runner (role, audit, time limit)
// before the method that started them returns, run in the background into kept results (with
// their events, a history entry and the privacy class of each result column), and remembered
// (what they ran, for an unmask or an export) exactly as long as their result is kept: until
// the client releases it, or the result store evicts it to stay under its memory cap.
import type { HistoryEntry, QueryEvent } from '../api/index.ts';
import { toApiError } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { StatementStream } from '../engine/engine.ts';
import { classifyResults, type ColumnClasses } from '../privacy/result-privacy.ts';
import type { CellCache } from '../results/cell-cache.ts';
import type { ResultStore } from '../results/result-store.ts';
import { answerKept, runKept } from '../results/run-kept.ts';
import type { QueryHistory } from '../session/history.ts';
import type { AdmittedQuery, QueryJob, QueryOrigin, QueryRunner } from './query-runner.ts';

export interface KeptQueriesParts {
  engine: Engine;
  runner: QueryRunner;
  results: ResultStore;
  /** Notebook and panel cells answered again without running (results/cell-cache.ts). */
  cache: CellCache;
  history: QueryHistory;
  emit: (event: QueryEvent) => void;
}

export class KeptQueries {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly origins = new Map<string, QueryOrigin>();

  constructor(private readonly parts: KeptQueriesParts) {
    parts.results.onRelease((queryId) => {
      this.origins.delete(queryId);
      void parts.cache.released(queryId).catch(() => undefined);
    });
  }

  /** Admits the job (rejects when refused or when its audit entry cannot be written) and starts it. */
  async start(job: QueryJob, relocate: (error: unknown) => unknown = (e) => e): Promise<{ queryId: string }> {
    await this.launch(job, relocate);
    return { queryId: job.queryId };
  }

  /**
   * Runs a cell nobody shows into the cell cache (queries/panel-preparation.ts): admitted and
   * audited as any run; its result is let go once it ends, the cache keeping the table unless
   * it holds more than `maxCells` (rows × columns: a listing, not a panel's figures).
   * Resolves with how the run ended, `too_large` when it ended well but was not kept.
   */
  async prepare(job: QueryJob, relocate: (error: unknown) => unknown, maxCells: number): Promise<HistoryEntry['status'] | 'too_large'> {
    // Not in the user's history: the user did not run it (the audit log has it).
    const { ended, cacheKey } = await this.launch(job, relocate, false);
    const status = await ended;
    const kept = this.parts.results.find({ queryId: job.queryId, statementIndex: 0 });
    const tooLarge = kept !== undefined && kept.rowCount * Math.max(1, kept.columns.length) > maxCells;
    await this.release(job.queryId);
    if (!tooLarge || cacheKey === undefined) return status;
    await this.parts.cache.forget(cacheKey);
    return 'too_large';
  }

  /**
   * Work that admits its own job through the runner and hands over its statements to keep (a
   * snapshot diff): the same events, kept results and release as a query's.
   */
  startKept(
    queryId: string,
    work: (keep: (statements: AsyncIterable<StatementStream>) => Promise<void>) => Promise<unknown>,
    classes: readonly ColumnClasses[] = [],
  ): { queryId: string } {
    const { results, emit } = this.parts;
    const started = performance.now();
    const run = work(async (statements) => {
      await runKept(statements, results, queryId, emit, classes);
    })
      .catch((error: unknown) => emit({ kind: 'error', queryId, error: toApiError(error) }))
      .then(() => emit({ kind: 'finished', queryId, elapsedMs: performance.now() - started }))
      .finally(() => this.running.delete(queryId));
    this.running.set(queryId, run);
    return { queryId };
  }

  private async launch(
    job: QueryJob,
    relocate: (error: unknown) => unknown = (e) => e,
    inHistory = true,
  ): Promise<{ ended: Promise<HistoryEntry['status']>; cacheKey: string | undefined }> {
    const admitted = await this.parts.runner.admit(job);
    this.origins.set(job.queryId, admitted.origin);
    // Marked at once, before anything else awaits: a second run of the same cell admitted from
    // here on waits for this one instead of running beside it (results/cell-cache.ts).
    const cacheKey = this.cacheKeyOf(admitted);
    const computed = cacheKey === undefined ? undefined : this.parts.cache.startComputing(cacheKey);
    const other = cacheKey === undefined || computed !== undefined ? undefined : this.parts.cache.computing(cacheKey);
    const ended = this.run(admitted, relocate, cacheKey, other, inHistory).finally(() => {
      computed?.();
      this.running.delete(job.queryId);
    });
    this.running.set(job.queryId, ended);
    return { ended, cacheKey };
  }

  cancel(queryId: string): boolean {
    return this.parts.runner.cancel(queryId);
  }

  /** What a query ran, while its result is kept. */
  origin(queryId: string): QueryOrigin | undefined {
    return this.origins.get(queryId);
  }

  async release(queryId: string): Promise<boolean> {
    this.origins.delete(queryId);
    const released = await this.parts.results.release(queryId);
    // The release listener let go of the cached tables too, without waiting: here the caller does.
    await this.parts.cache.released(queryId);
    return released;
  }

  async close(): Promise<void> {
    for (const queryId of this.running.keys()) this.parts.runner.cancel(queryId);
    await Promise.allSettled(this.running.values());
  }

  /** Cells only (a typed query is the user asking to run it), masked, one statement. */
  private cacheKeyOf(admitted: AdmittedQuery): string | undefined {
    const { job, origin } = admitted;
    if (job.action !== 'run_panel' || origin.unmasked) return undefined;
    return this.parts.cache.keyOf({ snapshot: origin.snapshot, sql: origin.sql, ...(origin.params ? { params: origin.params } : {}) });
  }

  /** A finished one-statement run becomes the cached answer for its key, with its columns' classes. */
  private async keep(cacheKey: string, queryId: string, classes: readonly ColumnClasses[]): Promise<void> {
    const kept = this.parts.results.find({ queryId, statementIndex: 0 });
    if (kept === undefined || this.parts.results.find({ queryId, statementIndex: 1 }) !== undefined) return;
    await this.parts.cache.adopt(cacheKey, queryId, kept, classes[0]);
  }

  /** `other`: the end of another run computing the same answer, to wait for. */
  private async run(
    admitted: AdmittedQuery,
    relocate: (error: unknown) => unknown,
    cacheKey: string | undefined,
    other: Promise<void> | undefined,
    inHistory: boolean,
  ): Promise<HistoryEntry['status']> {
    const { job } = admitted;
    const { engine, results, history, emit } = this.parts;
    const started = performance.now();
    const entry: HistoryEntry = {
      id: job.queryId,
      sql: job.sql,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      rowCount: null,
      snapshot: job.snapshot ?? engine.defaultSnapshot(),
      status: 'ok',
    };
    try {
      // Another run computes this very answer: wait for it (a cancel ends the wait at once).
      if (other !== undefined) await Promise.race([other, admitted.whenCancelled()]);
      const cached = cacheKey === undefined || admitted.cancelled ? undefined : this.parts.cache.use(cacheKey, job.queryId);
      if (cached !== undefined) {
        // The classes found when it was computed (same SQL, same snapshot): no second reading of the SQL.
        const classes = cached.classes !== undefined ? [cached.classes] : await classifyResults(engine, job.sql, job.snapshot);
        entry.rowCount = (await answerKept(cached, results, job.queryId, emit, classes)).rowCount;
        admitted.answered(cached.rows);
      } else {
        const classes = await classifyResults(engine, job.sql, job.snapshot);
        entry.rowCount = (await runKept(admitted.statements(), results, job.queryId, emit, classes)).rowCount;
        if (cacheKey !== undefined) await this.keep(cacheKey, job.queryId, classes);
      }
    } catch (error) {
      const detail = toApiError(relocate(error));
      entry.status = detail.code === 'cancelled' ? 'cancelled' : 'error';
      entry.error = detail.message;
      emit({ kind: 'error', queryId: job.queryId, error: detail });
    }
    entry.durationMs = Math.round(performance.now() - started);
    if (inHistory) await history.record(entry).catch(() => undefined);
    emit({ kind: 'finished', queryId: job.queryId, elapsedMs: performance.now() - started });
    return entry.status;
  }
}
