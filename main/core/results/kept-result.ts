// A statement's whole result, kept in DuckDB (an in-memory table fed by the Appender while
// the statement streams), so the grid can page, sort and filter it without the user's SQL running
// again, and without the renderer ever holding more than a page. A kept result may also look
// at a table it does not own: a cell's result answered from the cell cache (cell-cache.ts),
// which several results share and the cache drops.
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { PrivacyClass, ResultColumn, ResultFilter, SortKey } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';
import { chunkToRecordBatch } from '../arrow/chunk-to-batch.ts';
import type { ResultColumnType } from '../engine/engine.ts';
import { filterSql } from './filter-where.ts';
import { orderByKeys } from './sort-order.ts';

const FLUSH_EVERY_MS = 200;

/** Result tables use positional names (a result may repeat a column name); pages restore them. */
function storedName(index: number): string {
  return `c${index}`;
}

export class KeptResult {
  readonly columns: ResultColumn[];
  private appender: DuckDBAppender | null = null;
  private lastFlush = 0;
  private appendedRows = 0;
  private visibleRows = 0;
  private finished = false;
  /** One filtered or sorted copy at a time: asking again for the same view pages it directly. */
  private view: { key: string; table: string; ready: Promise<number> } | null = null;
  /** False once the table belongs to the cell cache (or from the start, for a cached answer). */
  private ownsTable = true;

  constructor(
    private readonly connection: DuckDBConnection,
    readonly table: string,
    private readonly columnTypes: readonly ResultColumnType[],
    readonly schema: Schema,
    /** The zone its TIMESTAMPTZ values are shown in (the engine's). */
    readonly timeZone: string,
    /** Its own filtered or sorted copy: never shared, even when the table is. */
    private readonly sortedTableName = `${table}_ordenado`,
  ) {
    this.columns = columnTypes.map((c) => ({ name: c.name, type: c.type.toString() }));
  }

  static async create(
    connection: DuckDBConnection,
    schemaName: string,
    tableName: string,
    columns: readonly ResultColumnType[],
    arrowSchema: Schema,
    timeZone: string,
  ): Promise<KeptResult> {
    const definitions = columns.map((c, i) => `${storedName(i)} ${c.type.toString()}`).join(', ');
    const table = `${schemaName}.${tableName}`;
    await connection.run(`CREATE TABLE ${table} (${definitions || 'c0 INTEGER'})`);
    const kept = new KeptResult(connection, table, columns, arrowSchema, timeZone);
    kept.appender = await connection.createAppender(tableName, schemaName);
    return kept;
  }

  /** A finished result over a table someone else keeps (and drops): `rows` rows in `table`, stored as this module stores them. */
  static over(
    connection: DuckDBConnection,
    table: string,
    sortedTableName: string,
    columns: readonly ResultColumnType[],
    arrowSchema: Schema,
    timeZone: string,
    rows: number,
  ): KeptResult {
    const kept = new KeptResult(connection, table, columns, arrowSchema, timeZone, sortedTableName);
    kept.ownsTable = false;
    kept.appendedRows = rows;
    kept.visibleRows = rows;
    kept.finished = true;
    return kept;
  }

  /** Hands the table to whoever keeps it from now on (the cell cache): dropping this result leaves it. */
  disown(): void {
    this.ownsTable = false;
  }

  /** Marks each column with the privacy class its name traces to (exports ask a purpose for personal data). */
  classify(classes: ReadonlyMap<string, PrivacyClass> | undefined): void {
    for (const column of this.columns) {
      const privacy = classes?.get(column.name);
      if (privacy !== undefined) column.privacy = privacy;
    }
  }

  /** True when a column traces to personal data (identificador, sensivel or crianca). */
  get holdsPersonalData(): boolean {
    return this.columns.some((column) => column.privacy !== undefined && column.privacy !== 'publico');
  }

  /** The DuckDB types of its columns, in order. */
  get columnTypeList(): readonly ResultColumnType[] {
    return this.columnTypes;
  }

  columnType(index: number): ResultColumnType | undefined {
    return this.columnTypes[index];
  }

  /** The stored column of position `index`, for app-made statements over the kept table. */
  storedColumn(index: number): string {
    return storedName(index);
  }

  get rowCount(): number {
    return this.finished ? this.appendedRows : this.visibleRows;
  }

  get complete(): boolean {
    return this.finished;
  }

  append(chunk: DuckDBDataChunk): void {
    if (!this.appender) return;
    this.appender.appendDataChunk(chunk);
    this.appendedRows += chunk.rowCount;
    const now = performance.now();
    if (now - this.lastFlush >= FLUSH_EVERY_MS) {
      this.appender.flushSync();
      this.visibleRows = this.appendedRows;
      this.lastFlush = now;
    }
  }

  finish(): void {
    if (!this.appender) return;
    this.appender.flushSync();
    this.appender.closeSync();
    this.appender = null;
    this.visibleRows = this.appendedRows;
    this.finished = true;
  }

  /** Rows [offset, offset + limit) in result order, or in the order of `sort`; only those `filter` keeps. */
  async page(offset: number, limit: number, sort: readonly SortKey[] = [], filter: readonly ResultFilter[] = []): Promise<RecordBatch[]> {
    // A column that does not exist is refused where the ORDER BY or WHERE is written (sort-order.ts, filter-where.ts).
    const source = sort.length > 0 || filter.length > 0 ? (await this.viewOf(sort, filter)).table : this.table;
    const first = Math.max(0, Math.floor(offset));
    const count = Math.max(0, Math.min(Math.floor(limit), 100_000));
    const select = this.columnTypes.map((c, i) => `${storedName(i)} AS ${quotedIdentifier(c.name)}`).join(', ');
    // rowid follows insertion order (and the sort order of a sorted copy), so a page is a range scan.
    const result = await this.connection.run(
      `SELECT ${select || '*'} FROM ${source} WHERE rowid >= ${first} AND rowid < ${first + count} ORDER BY rowid`,
    );
    const batches: RecordBatch[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      batches.push(chunkToRecordBatch(chunk, this.schema));
    }
    return batches;
  }

  /** The rows `filter` keeps (all of them without one). */
  async rowsKept(filter: readonly ResultFilter[], sort: readonly SortKey[] = []): Promise<number> {
    return filter.length > 0 ? (await this.viewOf(sort, filter)).rows : this.rowCount;
  }

  private async viewOf(sort: readonly SortKey[], filter: readonly ResultFilter[]): Promise<{ table: string; rows: number }> {
    if (!this.finished) {
      throw new WorkbenchError({ code: 'not_allowed', message: `Aguarde o fim da consulta para ${filter.length > 0 ? 'filtrar' : 'ordenar'} o resultado.` });
    }
    const columns = this.columnTypes.map((column, index) => ({ stored: storedName(index), name: column.name, type: column.type }));
    const order = orderByKeys(sort, columns);
    const { where, params } = filterSql(filter, columns);
    const key = JSON.stringify([order, where, params]);
    if (this.view?.key !== key) {
      const previous = this.view;
      const table = this.sortedTableName;
      const ready = (async () => {
        await previous?.ready.catch(() => undefined);
        await this.connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${this.table} ${where} ORDER BY ${order}`, params);
        const counted = await this.connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
        return Number(counted.getRowsJS()[0]?.[0] ?? 0);
      })();
      this.view = { key, table, ready };
    }
    const view = this.view;
    return { table: view.table, rows: await view.ready };
  }

  async drop(): Promise<void> {
    try {
      this.appender?.closeSync();
    } catch {
      // The appender may already be invalid after an interrupted statement.
    }
    this.appender = null;
    if (this.ownsTable) await this.connection.run(`DROP TABLE IF EXISTS ${this.table}`);
    await this.connection.run(`DROP TABLE IF EXISTS ${this.sortedTableName}`);
    this.connection.closeSync();
  }
}
