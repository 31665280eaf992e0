// Where a command writes its output: standard output (DuckDB's values, for pipelines), or a
// file given with --out, which appears only when complete (core/files/atomic-file.ts), never
// inside the data dir, its snapshots, the audit log's folder or the state folder, and whose
// CSV a spreadsheet may open (so it gets the formula guard).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { WorkbenchError } from '../core/api/index.ts';
import { createAtomicFile } from '../core/files/atomic-file.ts';
import { PRIVATE_FOLDER_MODE } from '../core/export/private-folder.ts';
import { ProtectedPlaces } from '../core/export/protected-places.ts';
import { loadDeployment } from '../core/privacy/deployment.ts';
import { UsageError } from './errors.ts';

export interface OutputSink {
  /** A file a spreadsheet may open: CSV headers and text get the formula guard. */
  readonly guardFormulas: boolean;
  write(data: string | Uint8Array): Promise<void>;
  /** Makes the output final. */
  commit(): Promise<void>;
  /** Drops what was written: nothing appears under the final name. */
  abort(): Promise<void>;
}

export function stdoutSink(): OutputSink {
  return {
    guardFormulas: false,
    async write(data) {
      if (!process.stdout.write(data)) await once(process.stdout, 'drain');
    },
    async commit() {},
    async abort() {},
  };
}

/**
 * The absolute path of `--out`, refused (usage error) inside the data dir, its snapshots, the
 * audit log's folder (mirante.yaml may put it elsewhere) or the workbench's state folder; its
 * folder is created when missing (0700 for the folders made), as a shell user asks.
 */
export async function prepareOutPath(out: string, dataDir: string): Promise<string> {
  const target = path.resolve(out);
  const { auditLogPath } = await loadDeployment(path.resolve(dataDir));
  const places = new ProtectedPlaces({ dataDirs: [path.resolve(dataDir)], roots: [path.dirname(auditLogPath), path.join(os.homedir(), '.mirante')] });
  try {
    places.check(target, { folderMustExist: false });
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(`--out ${out}: ${error.message}`);
    throw error;
  }
  await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  return target;
}

/** The file of `--out` (already prepared with prepareOutPath), written atomically. */
export async function atomicFileSink(target: string): Promise<OutputSink> {
  const file = await createAtomicFile(target);
  return {
    guardFormulas: true,
    write: (data) => file.write(data),
    commit: () => file.commit(),
    abort: () => file.discard(),
  };
}
