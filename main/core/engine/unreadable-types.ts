// Columns of a type node-api cannot read: DuckDB's TYPE (what get_type() returns), alone or
// inside a LIST, STRUCT or MAP. Reading such a column's type throws ("Unexpected type id: 0")
// and its vectors cannot be read either. DuckDB casts a TYPE to the text it prints (`INTEGER`,
// `STRUCT(a DECIMAL(2,1))[]`), so such a statement is prepared again with just those columns
// cast to VARCHAR, by position, over its canonical text (describe-columns.ts), keeping names,
// order and parameters. Only the statement the gate already let through is wrapped.
import { VARCHAR, quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResult, DuckDBType } from '@duckdb/node-api';
import { canonicalSelect } from './describe-columns.ts';

/** The column's type, or undefined when node-api cannot read it. */
export function readableType(read: () => DuckDBType): DuckDBType | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Indexes of the result's columns node-api cannot read. */
export function unreadableColumns(result: DuckDBResult): number[] {
  const unreadable: number[] = [];
  for (let index = 0; index < result.columnCount; index += 1) {
    if (readableType(() => result.columnType(index)) === undefined) unreadable.push(index);
  }
  return unreadable;
}

/** The type a column reads as: its own, or VARCHAR for one this module casts. */
export function typeAsRead(result: DuckDBResult, index: number): DuckDBType {
  return readableType(() => result.columnType(index)) ?? VARCHAR;
}

/** The statement again, the unreadable columns cast to VARCHAR (unbound: bind it as the original). */
export async function prepareAsText(
  connection: DuckDBConnection,
  statementSql: string,
  result: DuckDBResult,
  unreadable: readonly number[],
): Promise<DuckDBPreparedStatement> {
  const canonical = await canonicalSelect(connection, statementSql.trim().replace(/;\s*$/, ''));
  const columns = Array.from({ length: result.columnCount }, (_, index) => {
    const position = `#${index + 1}`;
    return `${unreadable.includes(index) ? `CAST(${position} AS VARCHAR)` : position} AS ${quotedIdentifier(result.columnName(index))}`;
  });
  return connection.prepare(`SELECT ${columns.join(', ')} FROM (${canonical}) AS lida`);
}
