import type { Schema } from 'apache-arrow';
import { WorkbenchError, type ResultRef } from '../api.ts';
import type { Engine, ResultColumnType } from '../engine/engine.ts';
import { KeptResult } from './kept-result.ts';

const RESULTS_SCHEMA = 'resultados';
/** Results of closed or forgotten tabs go after this many newer ones. */
const MAX_KEPT_QUERIES = 24;

function key(ref: ResultRef): string {
  return `${ref.queryId}\u0000${ref.statementIndex}`;
}

/** The kept results of this session, by query and statement, oldest dropped first. */
export class ResultStore {
  private readonly results = new Map<string, KeptResult>();
  private readonly queryOrder: string[] = [];
  private nextTable = 1;

  private constructor(private readonly engine: Engine) {}

  static async open(engine: Engine): Promise<ResultStore> {
    const connection = await engine.appConnection();
    try {
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`);
    } finally {
      connection.closeSync();
    }
    return new ResultStore(engine);
  }

  async create(ref: ResultRef, columns: readonly ResultColumnType[], schema: Schema): Promise<KeptResult> {
    if (!this.queryOrder.includes(ref.queryId)) {
      this.queryOrder.push(ref.queryId);
      while (this.queryOrder.length > MAX_KEPT_QUERIES) await this.release(this.queryOrder[0] as string);
    }
    const connection = await this.engine.appConnection();
    const kept = await KeptResult.create(connection, RESULTS_SCHEMA, `r${this.nextTable++}`, columns, schema).catch(
      (error: unknown) => {
        connection.closeSync();
        throw error;
      },
    );
    this.results.set(key(ref), kept);
    return kept;
  }

  get(ref: ResultRef): KeptResult {
    const kept = this.results.get(key(ref));
    if (!kept) {
      throw new WorkbenchError({ code: 'not_found', message: 'Este resultado não está mais disponível: execute a consulta de novo.' });
    }
    return kept;
  }

  async release(queryId: string): Promise<boolean> {
    const index = this.queryOrder.indexOf(queryId);
    if (index < 0) return false;
    this.queryOrder.splice(index, 1);
    for (const [k, kept] of this.results) {
      if (k.startsWith(`${queryId}\u0000`)) {
        this.results.delete(k);
        await kept.drop();
      }
    }
    return true;
  }

  async close(): Promise<void> {
    for (const queryId of [...this.queryOrder]) await this.release(queryId);
  }
}
