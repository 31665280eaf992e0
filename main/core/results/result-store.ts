// The kept results of this session, by query and statement. A result lives while something
// shows it: until the client releases it (a closed tab, a cell run again). Only when the kept
// results together pass a memory budget are the ones least recently looked at released, and a
// later request for one says so plainly instead of a bare "not found".
import type { Schema } from 'apache-arrow';
import { WorkbenchError, type ResultRef } from '../api/index.ts';
import type { Engine, ResultColumnType } from '../engine/engine.ts';
import type { CachedCell } from './cell-cache.ts';
import { KeptResult } from './kept-result.ts';

const RESULTS_SCHEMA = 'resultados';
/** Cells (rows × columns) kept before the least recently used results go: about 2–4 GB of DuckDB memory. */
export const DEFAULT_MAX_KEPT_CELLS = 200_000_000;
/** Evicted ids remembered for their message; older ones read as unknown. */
const REMEMBERED_EVICTIONS = 256;

export interface ResultStoreOptions {
  maxKeptCells?: number;
}

function key(ref: ResultRef): string {
  return `${ref.queryId}\u0000${ref.statementIndex}`;
}

export class ResultStore {
  private readonly results = new Map<string, KeptResult>();
  /** Query ids, least recently used first. */
  private readonly recency: string[] = [];
  private readonly evicted = new Set<string>();
  private readonly releaseListeners = new Set<(queryId: string) => void>();
  private nextTable = 1;

  private constructor(
    private readonly engine: Engine,
    private readonly maxKeptCells: number,
  ) {}

  static async open(engine: Engine, options: ResultStoreOptions = {}): Promise<ResultStore> {
    const connection = await engine.appConnection();
    try {
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`);
    } finally {
      connection.closeSync();
    }
    return new ResultStore(engine, options.maxKeptCells ?? DEFAULT_MAX_KEPT_CELLS);
  }

  /** The zone TIMESTAMPTZ values of kept results are shown in (the engine's). */
  get timeZone(): string {
    return this.engine.timeZone;
  }

  /** Called with the query id whenever a query's results go, released or evicted. */
  onRelease(listener: (queryId: string) => void): void {
    this.releaseListeners.add(listener);
  }

  async create(ref: ResultRef, columns: readonly ResultColumnType[], schema: Schema): Promise<KeptResult> {
    this.touch(ref.queryId);
    await this.evictOverBudget(ref.queryId);
    const connection = await this.engine.appConnection();
    const kept = await KeptResult.create(connection, RESULTS_SCHEMA, `r${this.nextTable++}`, columns, schema, this.engine.timeZone).catch(
      (error: unknown) => {
        connection.closeSync();
        throw error;
      },
    );
    this.results.set(key(ref), kept);
    return kept;
  }

  /** A finished result over a table the cell cache keeps: nothing is copied, and releasing it leaves the table. */
  async createOver(ref: ResultRef, cached: CachedCell, schema: Schema): Promise<KeptResult> {
    this.touch(ref.queryId);
    const connection = await this.engine.appConnection();
    const sortedTable = `${RESULTS_SCHEMA}.r${this.nextTable++}_ordenado`;
    const kept = KeptResult.over(connection, cached.table, sortedTable, cached.columns, schema, this.engine.timeZone, cached.rows);
    this.results.set(key(ref), kept);
    return kept;
  }

  /** The kept result, if there is one; unlike get(), not a use. */
  find(ref: ResultRef): KeptResult | undefined {
    return this.results.get(key(ref));
  }

  get(ref: ResultRef): KeptResult {
    const kept = this.results.get(key(ref));
    if (!kept) {
      const message = this.evicted.has(ref.queryId)
        ? 'Este resultado foi liberado para poupar memória (era o que estava há mais tempo sem ser visto): execute a consulta de novo.'
        : 'Este resultado não está mais disponível: execute a consulta de novo.';
      throw new WorkbenchError({ code: 'not_found', message });
    }
    this.touch(ref.queryId);
    return kept;
  }

  async release(queryId: string): Promise<boolean> {
    const index = this.recency.indexOf(queryId);
    if (index < 0) return false;
    this.recency.splice(index, 1);
    for (const [k, kept] of this.results) {
      if (k.startsWith(`${queryId}\u0000`)) {
        this.results.delete(k);
        await kept.drop();
      }
    }
    for (const listener of this.releaseListeners) listener(queryId);
    return true;
  }

  async close(): Promise<void> {
    for (const queryId of [...this.recency]) await this.release(queryId);
  }

  private touch(queryId: string): void {
    const index = this.recency.indexOf(queryId);
    if (index >= 0) this.recency.splice(index, 1);
    this.recency.push(queryId);
  }

  private cellsOf(queryId: string): number {
    let cells = 0;
    for (const [k, kept] of this.results) if (k.startsWith(`${queryId}\u0000`)) cells += kept.rowCount * Math.max(1, kept.columns.length);
    return cells;
  }

  /** Releases the least recently used finished results (never `keep`) until the rest fit the budget. */
  async evictOverBudget(keep: string): Promise<void> {
    let total = this.recency.reduce((sum, queryId) => sum + this.cellsOf(queryId), 0);
    for (const queryId of [...this.recency]) {
      if (total <= this.maxKeptCells) return;
      if (queryId === keep || !this.isComplete(queryId)) continue;
      total -= this.cellsOf(queryId);
      await this.release(queryId);
      this.evicted.add(queryId);
      if (this.evicted.size > REMEMBERED_EVICTIONS) this.evicted.delete(this.evicted.values().next().value as string);
    }
  }

  private isComplete(queryId: string): boolean {
    for (const [k, kept] of this.results) if (k.startsWith(`${queryId}\u0000`) && !kept.complete) return false;
    return true;
  }
}
