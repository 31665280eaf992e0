// Parquet export through DuckDB's own writer, into the engine's private temp folder only:
// DuckDB never writes where a user points. The user's statement is allowed first, then
// canonicalised (json_serialize_sql → json_deserialize_sql) so no comment or quote in its
// text can change the COPY wrapped around it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { quotedString } from '@duckdb/node-api';
import type { DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { useSnapshot } from '../registry/views.ts';
import { toWorkbenchError } from './errors.ts';
import { bindParameters } from './parameters.ts';
import type { QueryRequest } from './query.ts';
import type { RunningQuery } from './running.ts';
import { destroyPrepared, prepareScript } from './statements.ts';
import { canonicalSelect } from './describe-columns.ts';

/** Writes the result of one allowed SELECT as Parquet into `tempFolder`; returns the file. */
export async function stageParquet(
  instance: DuckDBInstance,
  query: RunningQuery,
  request: QueryRequest,
  snapshot: SnapshotLayout,
  tempFolder: string,
): Promise<string> {
  const connection = await instance.connect();
  query.attach(connection);
  const staged = path.join(tempFolder, `export-${randomUUID()}.parquet`);
  try {
    await useSnapshot(connection, snapshot);
    const checked = await prepareScript(connection, request.sql);
    destroyPrepared(checked.statements);
    if (checked.statements.length !== 1) {
      throw new WorkbenchError({ code: 'not_allowed', message: 'A exportação em Parquet aceita uma única instrução SELECT.' });
    }
    const canonical = await canonicalSelect(connection, checked.script.trim().replace(/;\s*$/, ''));
    const copy = await connection.prepare(`COPY (${canonical}) TO ${quotedString(staged)} (FORMAT parquet, COMPRESSION zstd)`);
    try {
      await bindParameters(connection, copy, request.params, 0);
      query.throwIfStopped();
      await copy.run();
    } finally {
      copy.destroySync();
    }
    query.throwIfStopped();
    return staged;
  } catch (error) {
    if (query.stopReason !== undefined) throw query.stoppedError();
    throw error instanceof WorkbenchError ? error : toWorkbenchError(error, { script: request.sql });
  } finally {
    connection.closeSync();
  }
}
