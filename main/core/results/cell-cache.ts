// Cell results answered again without running: a snapshot never changes, so a notebook or
// panel cell's rows are fixed by the snapshot, the compiled SQL, the parameters and the time
// zone. The first run's kept table becomes the cache's (no copy); a later run with the same
// key gets a kept result over that same table, so reopening a panel, or going back to
// parameters already seen, costs a page read instead of the query.
//
// Only masked runs are cached (an unmask always runs, and its raw rows are never kept beyond
// the result that shows them), and only SQL whose answer cannot change within a session: no
// clock, no randomness, no sampling, no catalog or file listing (a snapshot published while the
// workbench runs changes those). Each answer from the cache is still admitted and audited as a
// run (query-runner.ts); the cache only replaces DuckDB's work.
//
// Lifetime: an entry lives while a kept result shows it, and after that until the cache passes
// its budget of cells (rows × columns), least recently used first.
//
// A key being computed is marked (`computing`): a second run of it (a panel opened while the
// workbench prepares it, queries/panel-preparation.ts) waits for that run's answer instead of
// running the same SQL beside it.
import { createHash } from 'node:crypto';
import type { ParamValue } from '../api/index.ts';
import type { Engine, ResultColumnType } from '../engine/engine.ts';
import type { ColumnClasses } from '../privacy/result-privacy.ts';
import { tokenize } from '../sql/lexer.ts';
import { encodeIpcStream } from '../arrow/ipc.ts';
import type { KeptResult } from './kept-result.ts';
import { FIRST_BATCH_ROWS } from './run-kept.ts';

/** About 0.2–0.5 GB of DuckDB memory beyond what the shown results hold. */
export const DEFAULT_MAX_CACHED_CELLS = 30_000_000;

/** Functions and clauses whose answer changes from one run to the next, or with the catalog. */
const VOLATILE_WORD =
  /^(random|setseed|uuid|uuidv4|uuidv7|gen_random_uuid|now|today|current_timestamp|current_date|current_time|current_localtime|current_localtimestamp|localtime|localtimestamp|get_current_time|get_current_timestamp|transaction_timestamp|statement_timestamp|nextval|currval|current_query|current_setting|txid_current|current_transaction_id|glob|sample|tablesample|using_key|duckdb_\w+|pragma_\w+|read_\w+|parquet_\w+|sniff_csv|information_schema|pg_catalog)$/i;

/** True when the SQL's answer is fixed by the snapshot, the parameters and the time zone. */
export function isRepeatable(sql: string): boolean {
  // A quoted name calls the same function: `"random"()`.
  return !tokenize(sql).some((token) => (token.kind === 'word' || token.kind === 'quoted') && VOLATILE_WORD.test(token.value));
}

export interface CellCacheKey {
  snapshot: string;
  sql: string;
  params?: Readonly<Record<string, ParamValue>>;
}

export interface CachedCell {
  table: string;
  columns: readonly ResultColumnType[];
  rows: number;
  /** Its columns' privacy classes, as the run that computed it found them (the same SQL on the same snapshot finds the same). */
  classes: ColumnClasses | undefined;
  /**
   * Its first rows as the first batch event carries them (Arrow IPC), read once when it was
   * computed: an open sends them without reading the table, which DuckDB may have written out
   * to its temp files since (heavy queries push kept tables out of its memory).
   */
  firstBatch: Uint8Array;
}

interface Entry extends CachedCell {
  key: string;
  cells: number;
  /** Query ids whose kept result shows this table. */
  users: Set<string>;
}

export class CellCache {
  /** By key; Map order is recency, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** Keys a run is computing now, resolved when that run ends (answer cached or not). */
  private readonly running = new Map<string, Promise<void>>();
  /** The drops under way, in order (see trim). */
  private dropping: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly maxCells = DEFAULT_MAX_CACHED_CELLS,
  ) {}

  keyOf(request: CellCacheKey): string | undefined {
    if (this.maxCells <= 0 || !isRepeatable(request.sql)) return undefined;
    const params = Object.entries(request.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const material = JSON.stringify([request.snapshot, this.engine.timeZone, request.sql, params]);
    return createHash('sha256').update(material).digest('hex');
  }

  /**
   * Marks `key` as computed by a run from now until `done()`; undefined when it is cached or
   * another run computes it already (then `computing` gives that run's end).
   */
  startComputing(key: string): (() => void) | undefined {
    if (this.entries.has(key) || this.running.has(key)) return undefined;
    let done = () => {};
    this.running.set(key, new Promise<void>((resolve) => (done = resolve)));
    return () => {
      this.running.delete(key);
      done();
    };
  }

  /** The end of the run computing `key` now, if one is. */
  computing(key: string): Promise<void> | undefined {
    return this.running.get(key);
  }

  /** The cached answer for that key, now shown by `queryId` too. */
  use(key: string, queryId: string): CachedCell | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.users.add(queryId);
    return entry;
  }

  /** Takes a finished run's kept table as the answer for `key` (the result keeps showing it). */
  async adopt(key: string, queryId: string, kept: KeptResult, classes: ColumnClasses | undefined): Promise<void> {
    if (this.entries.has(key) || !kept.complete) return;
    let firstBatch: Uint8Array;
    try {
      firstBatch = encodeIpcStream(kept.schema, await kept.page(0, FIRST_BATCH_ROWS));
    } catch {
      return; // Released meanwhile (its table dropped): the answer is simply not kept.
    }
    if (this.entries.has(key)) return;
    kept.disown();
    const columns = kept.columnTypeList;
    const cells = kept.rowCount * Math.max(1, columns.length);
    this.entries.set(key, { key, table: kept.table, columns, rows: kept.rowCount, classes, firstBatch, cells, users: new Set([queryId]) });
    await this.trim();
  }

  /** Called when a query's results go: the tables only it showed may now be dropped. */
  async released(queryId: string): Promise<void> {
    for (const entry of this.entries.values()) entry.users.delete(queryId);
    await this.trim();
  }

  /** Drops the answer for `key` unless a result shows it. */
  async forget(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.users.size === 0) await this.drop([entry]);
  }

  async clear(): Promise<void> {
    await this.drop([...this.entries.values()]);
  }

  /**
   * Drops what no longer fits. Drops run one after another, and each call waits for the ones
   * before it: a release gets its cached tables dropped even when another call (the result
   * store's release listener) chose them.
   */
  private trim(): Promise<void> {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.cells;
    const dropped: Entry[] = [];
    for (const entry of this.entries.values()) {
      if (total <= this.maxCells) break;
      if (entry.users.size > 0) continue;
      total -= entry.cells;
      dropped.push(entry);
    }
    return this.drop(dropped);
  }

  private drop(entries: readonly Entry[]): Promise<void> {
    for (const entry of entries) this.entries.delete(entry.key);
    const done = this.dropping.then(() => this.dropTables(entries));
    this.dropping = done.catch(() => undefined);
    return done;
  }

  private async dropTables(entries: readonly Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const connection = await this.engine.appConnection();
    try {
      for (const entry of entries) await connection.run(`DROP TABLE IF EXISTS ${entry.table}`);
    } finally {
      connection.closeSync();
    }
  }
}
