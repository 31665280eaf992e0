// The XLSX package as a zip streamed into a file with yazl: entries one after another, each
// deflated by zlib as it is written (on libuv's thread pool, beside the thread that makes the
// XML), and ZIP64 records where a size or offset passes 4 GB. Writes wait while the file is
// behind, so memory holds a few buffers, never the sheet. Why yazl and level 1: BENCHMARKS.md.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { ZipFile } from 'yazl';

// yazl computes each entry's CRC-32 with its own copy of buffer-crc32, in JavaScript: a fifth of
// the CPU of a 1M-row export. Node's zlib.crc32 gives the same numbers ten times faster, so that
// copy is pointed at it (BENCHMARKS.md, "The zip"; tests/export/xlsx-zip-checksums.test.ts
// checks the values and the file's CRCs with another reader). yazl reads `crc32.unsigned` at
// each call, so replacing the property is enough; a yazl that stops using it just stays slower.
const yazlsCrc32 = createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as { unsigned: (data: Buffer, previous?: number) => number };
/** The CRC-32 yazl uses from here on. */
export const zipCrc32 = (data: Buffer, previous = 0): number => zlib.crc32(data, previous);
if (typeof zlib.crc32 === 'function') yazlsCrc32.unsigned = zipCrc32;

/** zlib's level: 1 takes half the CPU of 6 on sheet XML, for a file ~25% larger (BENCHMARKS.md). */
export const DEFLATE_LEVEL = 1;

export interface ZipEntry {
  write(data: string): Promise<void>;
  end(): Promise<void>;
}

export class ZipStream {
  private readonly zip = new ZipFile();
  private readonly failed: Promise<never>;
  private readonly done: Promise<void>;
  private readonly mtime = new Date();

  constructor(private readonly out: Writable) {
    const output = this.zip.outputStream as unknown as NodeJS.ReadableStream;
    this.failed = new Promise<never>((_, reject) => {
      this.zip.on('error', reject);
      out.on('error', reject);
    });
    this.done = once(out, 'finish').then(() => undefined);
    // Unhandled until someone waits: a failure is seen by the next write or by finish().
    this.failed.catch(() => undefined);
    this.done.catch(() => undefined);
    output.pipe(out);
  }

  /**
   * Stops writing into `out` and closes it (the partial file is the caller's to remove). Ended,
   * not destroyed: destroying a file stream with a write in flight makes Node reject a promise
   * of its own that nobody can handle.
   */
  async abort(): Promise<void> {
    (this.zip.outputStream as unknown as NodeJS.ReadableStream).unpipe(this.out);
    if (this.out.closed) return;
    const closed = once(this.out, 'close').catch(() => undefined);
    this.out.on('error', () => undefined);
    this.out.end();
    await closed;
  }

  /** A streamed entry: the next one starts after `end`. */
  entry(name: string): ZipEntry {
    const input = new PassThrough({ highWaterMark: 1 << 20 });
    this.zip.addReadStream(input, name, { compressionLevel: DEFLATE_LEVEL, mtime: this.mtime });
    return {
      write: async (data) => {
        if (!input.write(data)) await Promise.race([once(input, 'drain'), this.failed]);
      },
      end: async () => {
        input.end();
        await Promise.race([once(input, 'finish'), this.failed]);
      },
    };
  }

  add(name: string, data: string): void {
    this.zip.addBuffer(Buffer.from(data, 'utf8'), name, { compressionLevel: DEFLATE_LEVEL, mtime: this.mtime });
  }

  /** Writes the central directory; resolves when every byte is in `out`. */
  async finish(): Promise<void> {
    this.zip.end();
    await Promise.race([this.done, this.failed]);
  }
}
