// A file appears under its final name only when complete: written as `<name>.partial`,
// fsynced, then renamed. A crash, an error or a cancel leaves nothing under the final name.
import { createWriteStream, promises as fs } from 'node:fs';
import type { WriteStream } from 'node:fs';
import path from 'node:path';

export function partialPathOf(target: string): string {
  return `${target}.partial`;
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync `<target>.partial`, then rename it to `target`. */
export async function commitPartial(target: string): Promise<void> {
  const partial = partialPathOf(target);
  await fsyncFile(partial);
  await fs.rename(partial, target);
}

export async function discardPartial(target: string): Promise<void> {
  await fs.rm(partialPathOf(target), { force: true });
}

/** A write stream on `<target>.partial` (its folder created). */
export async function openPartialStream(target: string): Promise<WriteStream> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const stream = createWriteStream(partialPathOf(target));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return stream;
}

/**
 * Copies a staged file (DuckDB wrote it in the app-private folder) to `target` atomically,
 * `prefix` bytes first (the BOM of csv-br). Copy, not rename: the staging folder may be on
 * another file system.
 */
export async function moveStagedIntoPlace(staged: string, target: string, prefix?: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const partial = partialPathOf(target);
  try {
    if (prefix) {
      await fs.writeFile(partial, prefix);
      const handle = await fs.open(partial, 'a');
      try {
        const source = await fs.open(staged, 'r');
        try {
          for await (const part of source.createReadStream()) await handle.write(part as Buffer);
        } finally {
          await source.close();
        }
      } finally {
        await handle.close();
      }
    } else {
      await fs.copyFile(staged, partial);
    }
    await commitPartial(target);
  } catch (error) {
    await discardPartial(target);
    throw error;
  }
}
