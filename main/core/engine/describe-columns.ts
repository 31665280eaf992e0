// The result columns of a statement, without running it. DuckDB types a prepared statement's
// result only when every parameter's type is settled: one `$bairro is null or bairro = $bairro`
// and it reports a single column named "unknown" (even after binding). Such a statement is then
// described by running it wrapped in `LIMIT 0` with its parameters bound (unset ones NULL):
// DuckDB plans it and returns no row (a few ms where the query itself takes hundreds). The text
// is canonicalised first (json_serialize_sql → json_deserialize_sql) so no comment or quote in
// it can change the wrapper around it. Small-count suppression and the export purpose rule
// read these names: without this, a parameterised panel silently had neither.
import { VARCHAR, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBType } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import type { ParamValue } from '../api/index.ts';
import { bindParameters } from './parameters.ts';

export interface DescribedColumn {
  name: string;
  /** DuckDB's SQL type; UNKNOWN only if DuckDB could not type it even bound. */
  type: string;
  duckdbType?: DuckDBType;
}

/** DuckDB cannot type a column whose type depends on an unbound parameter ("Unexpected type id"). */
function typeOrUndefined(read: () => DuckDBType): DuckDBType | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function preparedColumns(prepared: DuckDBPreparedStatement): DescribedColumn[] {
  return Array.from({ length: prepared.columnCount }, (_, i) => {
    const duckdbType = typeOrUndefined(() => prepared.columnType(i));
    return { name: prepared.columnName(i), type: duckdbType?.toString() ?? 'UNKNOWN', ...(duckdbType ? { duckdbType } : {}) };
  });
}

export function isTyped(columns: readonly DescribedColumn[]): boolean {
  return columns.every((column) => column.duckdbType !== undefined);
}

/** One read statement, canonicalised so it can be wrapped safely. */
export async function canonicalSelect(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(`SELECT json_deserialize_sql(json_serialize_sql(${quotedString(sql)}))`);
  const canonical = reader.getRows()[0]?.[0];
  if (typeof canonical !== 'string' || !canonical.trim()) {
    throw new WorkbenchError({ code: 'internal', message: 'Não foi possível normalizar a consulta.' });
  }
  return canonical;
}

/** Runs the statement under `LIMIT 0` with its parameters bound (unset ones NULL) and reads its columns. */
export async function describeByRunning(
  connection: DuckDBConnection,
  statementSql: string,
  params: Readonly<Record<string, ParamValue>> | undefined,
): Promise<DescribedColumn[]> {
  const canonical = await canonicalSelect(connection, statementSql.trim().replace(/;\s*$/, ''));
  const wrapped = await connection.prepare(`SELECT * FROM (${canonical}) AS descrita LIMIT 0`);
  try {
    const unset: Record<string, ParamValue> = {};
    for (let index = 1; index <= wrapped.parameterCount; index += 1) unset[wrapped.parameterName(index)] = null;
    await bindParameters(connection, wrapped, { ...unset, ...params }, 0);
    const result = await wrapped.run();
    return Array.from({ length: result.columnCount }, (_, i) => {
      // A type node-api cannot read (get_type()'s TYPE) is run as VARCHAR (unreadable-types.ts).
      const duckdbType = typeOrUndefined(() => result.columnType(i)) ?? VARCHAR;
      return { name: result.columnName(i), type: duckdbType.toString(), duckdbType };
    });
  } finally {
    wrapped.destroySync();
  }
}
