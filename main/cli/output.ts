import { promises as fs } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/** Where a command writes its output: standard output, or a file that appears only when complete. */
export interface OutputSink {
  write(data: string | Uint8Array): Promise<void>;
  /** Makes the output final. */
  commit(): Promise<void>;
  /** Drops what was written: nothing appears under the final name. */
  abort(): Promise<void>;
}

export function stdoutSink(): OutputSink {
  return {
    async write(data) {
      if (!process.stdout.write(data)) await once(process.stdout, 'drain');
    },
    async commit() {},
    async abort() {},
  };
}

/** Writes `<file>.partial`, then fsync and rename: a crash or an error never leaves a file under `file`. */
export async function atomicFileSink(file: string): Promise<OutputSink> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const handle = await fs.open(partial, 'w');
  return {
    async write(data) {
      if (typeof data === 'string') await handle.write(data);
      else await handle.write(data);
    },
    async commit() {
      await handle.sync();
      await handle.close();
      await fs.rename(partial, target);
    },
    async abort() {
      await handle.close().catch(() => undefined);
      await fs.rm(partial, { force: true });
    },
  };
}
