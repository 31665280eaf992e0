// The one way Mirante writes a file the user gets: it appears under its final name only when
// complete. The bytes go to a fresh `<name>.<random>.partial` beside it, created exclusively
// (O_CREAT|O_EXCL: an existing file or symlink there makes the open fail, never followed),
// mode 0600 by default (exported rows are personal data; the queries folder's shared documents
// ask for another), fsynced, then renamed over the final name
// (rename replaces a symlink standing there; it never writes through it). A crash, an error
// or a cancel leaves nothing under the final name.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { constants, promises as fs } from 'node:fs';
import type { WriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_FILE_MODE, syncDir } from './private-files.ts';

// O_NOFOLLOW is redundant with O_EXCL on POSIX; it is kept for readers of this line. Not on Windows.
const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const READ_NOFOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);
const PARTIAL = /\.[0-9a-f]{16}\.partial$/;

export interface AtomicFile {
  readonly target: string;
  readonly partial: string;
  write(data: string | Uint8Array): Promise<void>;
  /** A stream on the partial file (the XLSX zip writes through it), instead of `write`; end it before `commit`. */
  stream(): WriteStream;
  /** fsync, close, rename into place, fsync the folder. */
  commit(): Promise<void>;
  /** Close and delete the partial file; nothing appears under the final name. */
  discard(): Promise<void>;
}

/** True for the name of a partial file this module makes (what a crash may leave behind). */
export function isPartialName(name: string): boolean {
  return PARTIAL.test(name);
}

/** 16 random hex digits: the name of a partial file cannot be guessed ahead. */
export function randomSuffix(): string {
  return randomBytes(8).toString('hex');
}

/** A new file of our own, created exclusively under a random name beside `target`. */
async function openExclusive(target: string, suffix: () => string, mode: number): Promise<{ partial: string; handle: FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const partial = `${target}.${suffix()}.partial`;
    try {
      const handle = await fs.open(partial, CREATE_EXCLUSIVE, mode);
      // The umask may only remove bits; this makes the mode exactly what was asked whatever it is.
      await handle.chmod(mode);
      return { partial, handle };
    } catch (error) {
      // A name someone planted (or a one-in-2^64 repeat): never reuse it, draw again.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
}

async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

export interface AtomicFileOptions {
  /** The file's mode; default 0600. */
  mode?: number;
  /** Names the partial file (tests plant a file under the first name it gives). */
  suffix?: () => string;
  /**
   * false: the commit fails with EEXIST when the final name exists, instead of replacing it
   * (a hard link cannot land on an existing name, so nothing is lost to a race; the partial is discarded).
   */
  replace?: boolean;
}

/** Opens the partial file of `target`; the folder must exist (folders are never made here). */
export async function createAtomicFile(target: string, options: AtomicFileOptions = {}): Promise<AtomicFile> {
  const { partial, handle } = await openExclusive(target, options.suffix ?? randomSuffix, options.mode ?? PRIVATE_FILE_MODE);
  let open = true;
  // Once a stream is asked for, it owns the handle: it fsyncs (`flush`) and closes it at its end.
  let streamed: WriteStream | undefined;
  const close = async () => {
    if (!open) return;
    open = false;
    await handle.close();
  };
  return {
    target,
    partial,
    write: (data) => writeAll(handle, data),
    stream() {
      open = false;
      streamed ??= handle.createWriteStream({ autoClose: true, flush: true });
      return streamed;
    },
    async commit() {
      if (streamed) {
        if (!streamed.writableEnded) throw new Error('O fluxo do arquivo parcial não foi encerrado.');
        if (!streamed.closed) await once(streamed, 'close');
      } else {
        await handle.sync();
        await close();
      }
      if (options.replace === false) {
        await fs.link(partial, target);
        await fs.rm(partial, { force: true });
      } else await fs.rename(partial, target);
      // The new name survives a crash too.
      await syncDir(path.dirname(target));
    },
    async discard() {
      if (streamed && !streamed.closed) {
        const closed = once(streamed, 'close').catch(() => undefined);
        streamed.destroy();
        await closed;
      }
      await close().catch(() => undefined);
      await fs.rm(partial, { force: true });
    },
  };
}

/** Writes `target` atomically with `produce`, which writes into the file; discarded if it throws. */
export async function writeAtomically(target: string, produce: (file: AtomicFile) => Promise<void>, options: AtomicFileOptions = {}): Promise<void> {
  const file = await createAtomicFile(target, options);
  try {
    await produce(file);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/**
 * Copies a staged file (DuckDB wrote it in the engine's private folder) to `target`
 * atomically, `prefix` bytes first (BOM, header line). Copy, not rename: the staging folder
 * may be on another file system, and the copy gets the 0600 file of our own.
 */
export async function moveStagedIntoPlace(staged: string, target: string, prefix?: Uint8Array): Promise<void> {
  await writeAtomically(target, async (file) => {
    if (prefix) await file.write(prefix);
    const source = await fs.open(staged, READ_NOFOLLOW);
    try {
      for await (const part of source.createReadStream({ autoClose: false })) await file.write(part as Buffer);
    } finally {
      await source.close();
    }
  });
}

