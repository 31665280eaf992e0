// XLSX straight from queries (the `mirante` command): the SQL runs once, its chunks go into
// the sheets as DuckDB yields them; no kept result is needed.
import type { QueryJob, QueryRunner } from '../queries/query-runner.ts';
import type { SheetSource } from './xlsx-writer.ts';

export interface NamedQuery {
  /** Sheet name. */
  name: string;
  job: QueryJob;
  /** Turns an engine error into one located in the user's file (a notebook cell). */
  relocate?: (error: unknown) => unknown;
}

/** One sheet per statement of each query, in order; a script's later statements get "name 2", ... */
export async function* statementSheets(runner: QueryRunner, queries: readonly NamedQuery[]): AsyncGenerator<SheetSource> {
  for (const query of queries) {
    try {
      for await (const statement of runner.statements(query.job)) {
        const name = statement.statementIndex === 0 ? query.name : `${query.name} ${statement.statementIndex + 1}`;
        yield { name, columns: statement.columns, timeZone: statement.timeZone, chunks: statement.chunks };
      }
    } catch (error) {
      throw query.relocate ? query.relocate(error) : error;
    }
  }
}
