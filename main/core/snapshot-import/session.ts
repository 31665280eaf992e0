// The DuckDB of one import: in memory, sandboxed to the export folder and the snapshots root
// (it reads the previous snapshot and writes the staging folder there, nothing else), with
// the masking key the report's examples are masked with.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { createSandboxedInstance } from '../engine/instance.ts';
import { createEngineTempFolder, removeEngineTempFolder } from '../engine/temp-folder.ts';
import { installMaskingKey } from '../privacy/masking-key.ts';
import { RAW_SCHEMA, TYPED_SCHEMA } from './raw-tables.ts';

export interface ImportSession {
  connection: DuckDBConnection;
  /** Private (0700) and DuckDB may read it: for files Node must convert first. */
  scratchDir: string;
  close(): Promise<void>;
}

export async function openImportSession(readable: string[], threads?: number): Promise<ImportSession> {
  const tempFolder = await createEngineTempFolder();
  let instance: DuckDBInstance | undefined;
  try {
    instance = await createSandboxedInstance({ readableDirectories: readable, tempDirectory: tempFolder, ...(threads ? { threads } : {}) });
    const connection = await instance.connect();
    await installMaskingKey(connection);
    await connection.run(`CREATE SCHEMA ${RAW_SCHEMA}`);
    await connection.run(`CREATE SCHEMA ${TYPED_SCHEMA}`);
    const opened = instance;
    return {
      connection,
      scratchDir: tempFolder,
      async close() {
        connection.closeSync();
        opened.closeSync();
        await removeEngineTempFolder(tempFolder);
      },
    };
  } catch (error) {
    instance?.closeSync();
    await removeEngineTempFolder(tempFolder);
    throw error;
  }
}
