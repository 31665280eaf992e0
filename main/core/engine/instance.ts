// A DuckDB instance in memory, sandboxed before any user statement can reach it.
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultMaxTempDirectorySize, defaultMemoryLimit } from './desktop-limits.ts';
import { applySandbox } from './sandbox.ts';

export interface InstanceSettings {
  /** Directories DuckDB may read (the snapshots root); the temp folder is added. */
  readableDirectories: string[];
  tempDirectory: string;
  threads?: number;
  memoryLimit?: string;
  maxTempDirectorySize?: string;
  /** The IANA zone of TIMESTAMPTZ arithmetic and text, checked (format/zone-offset.ts resolveTimeZone). */
  timeZone?: string;
}

export async function createSandboxedInstance(settings: InstanceSettings): Promise<DuckDBInstance> {
  const threads = settings.threads ?? os.availableParallelism();
  const instance = await DuckDBInstance.create(':memory:', {
    errors_as_json: 'true',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    threads: String(threads),
    memory_limit: settings.memoryLimit ?? defaultMemoryLimit(threads),
    temp_directory: settings.tempDirectory,
  });
  const connection = await instance.connect();
  try {
    // Before the sandbox locks the configuration; DuckDB's ICU refuses a name it does not know.
    if (settings.timeZone) await connection.run(`SET GLOBAL TimeZone = '${settings.timeZone.replaceAll("'", "''")}'`);
    await applySandbox(connection, {
      allowedDirectories: [...settings.readableDirectories, settings.tempDirectory],
      maxTempDirectorySize: settings.maxTempDirectorySize ?? (await defaultMaxTempDirectorySize(settings.tempDirectory)),
    });
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  connection.closeSync();
  return instance;
}
