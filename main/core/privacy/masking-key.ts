// The secret behind identifier tokens (`#3fa9…`). Whoever knows it can recompute a token from
// a guessed value: with the digits a NIS mask shows and the token of the same NIS in
// `vinculo.id_origem`, the missing digits fall to a million guesses. So the key never sits in
// text SQL can read (view and macro definitions are readable through duckdb_views(),
// information_schema and pg_catalog): it is one row of a table in a schema that the
// reference gate refuses to user SQL exactly as it refuses the raw `bruto_*` views, inserted
// through a bound parameter. Reading it takes the same bypass as reading the raw identifiers.
//
// A new random key is made each time an engine opens (it lives only in this process's memory
// and in DuckDB's in-memory catalog, never on disk): tokens are pseudonyms for one session and
// never match across sessions. That is the rotation.
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';

/** App-only schema: the reference gate refuses any statement that names it. */
export const INTERNAL_SCHEMA = 'mirante_interno';
const KEY_TABLE = `${INTERNAL_SCHEMA}.chave_mascara`;

/** The key as a scalar subquery: DuckDB runs it once per query, not per row. */
export const MASKING_KEY_SQL = `(SELECT chave FROM ${KEY_TABLE})`;

export async function installMaskingKey(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE SCHEMA ${INTERNAL_SCHEMA}`);
  await connection.run(`CREATE TABLE ${KEY_TABLE} (chave VARCHAR NOT NULL)`);
  await connection.run(`INSERT INTO ${KEY_TABLE} VALUES ($chave)`, { chave: randomBytes(32).toString('hex') });
}
