// A few examples of the values a finding counts, as a person may read them in a report that
// is mailed around: an identifier masked exactly as the workbench shows it (`***.456.789-**`,
// initials, a session token), anything else as it is.
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { maskExpression } from '../privacy/masking.ts';
import type { DictionaryColumn } from '../registry/dictionary.ts';
import { MAX_EXAMPLES } from './findings.ts';

export function shownValueSql(column: string, spec: DictionaryColumn | undefined, type = 'VARCHAR'): string {
  if (spec?.privacy === 'identificador') return `CAST(${maskExpression(column, type)} AS VARCHAR)`;
  return `CAST(${quotedIdentifier(column)} AS VARCHAR)`;
}

/** Up to MAX_EXAMPLES distinct shown values of `column` in rows matching `where`, sorted. */
export async function exampleSql(connection: DuckDBConnection, relation: string, column: string, spec: DictionaryColumn | undefined, where: string, type = 'VARCHAR'): Promise<string[]> {
  const shown = shownValueSql(column, spec, type);
  const reader = await connection.runAndReadAll(`SELECT DISTINCT ${shown} AS v FROM ${relation} WHERE ${where} ORDER BY v LIMIT ${MAX_EXAMPLES}`);
  return reader.getRowsJS().map((row) => (row[0] === null ? '(nulo)' : String(row[0])));
}
