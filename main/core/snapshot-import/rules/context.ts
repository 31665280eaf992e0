// What every rule sees: the import session's typed tables, the dictionary, the snapshot date.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dictionary, DictionaryColumn } from '../../registry/dictionary.ts';
import type { SnapshotLayout } from '../../registry/snapshots.ts';
import type { NewFinding } from '../findings.ts';
import type { LoadedTable } from '../read-table.ts';

export interface RuleContext {
  connection: DuckDBConnection;
  dictionary: Dictionary;
  loaded: ReadonlyMap<string, LoadedTable>;
  /** The snapshot's date, YYYY-MM-DD. */
  date: string;
  /** The newest published snapshot before this one, if any. */
  previous?: SnapshotLayout;
}

export type Rule = (context: RuleContext) => Promise<NewFinding[]>;

/** Every (table, column, spec) that was read from the file (not missing), for the rules to filter. */
export function* presentColumns(context: RuleContext): Generator<[string, string, DictionaryColumn]> {
  for (const [table, loaded] of context.loaded) {
    for (const [column, spec] of context.dictionary.tables.get(table)?.columns ?? []) {
      if (!loaded.missing.has(column)) yield [table, column, spec];
    }
  }
}

export async function firstRowNumbers(context: RuleContext, sql: string): Promise<number[]> {
  const reader = await context.connection.runAndReadAll(sql);
  return (reader.getRowsJS()[0] ?? []).map(Number);
}
