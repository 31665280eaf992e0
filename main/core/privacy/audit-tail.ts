// The end of the log, read backwards in growing windows: the writer needs the last entry (to
// chain to it) and, when the anchor lags behind after a crash, the entry the anchor names.
import { open } from 'node:fs/promises';
import type { SealedAuditEntry } from './audit-chain.ts';
import { AuditUnavailableError } from './audit-files.ts';

const FIRST_WINDOW = 64 * 1024;

export interface LogTail {
  exists: boolean;
  /** Complete entries at the end of the file, in file order (all of them for a small file). */
  entries: SealedAuditEntry[];
  /** seq of the last entry; 0 for a missing or empty log. */
  lastSeq: number;
}

function parseEntries(lines: string[], file: string): SealedAuditEntry[] {
  return lines.flatMap((line, index) => {
    try {
      const entry = JSON.parse(line) as SealedAuditEntry;
      return typeof entry.seq === 'number' ? [entry] : [];
    } catch {
      if (index < lines.length - 1) return [];
      throw new AuditUnavailableError(
        `A última linha do registro de auditoria ${file} não é JSON válido (gravação interrompida ou arquivo editado). Nada foi executado; o encarregado deve conferir o registro (mirante audit verify).`,
      );
    }
  });
}

/** Reads back from the end until the window holds the entry `needSeq` (or the whole file). */
export async function readTail(file: string, needSeq?: number): Promise<LogTail> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, entries: [], lastSeq: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    for (let window = FIRST_WINDOW; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      if (start > 0) lines.shift(); // the first one may be cut by the window
      const entries = parseEntries(lines.filter((line) => line.trim() !== ''), file);
      const first = entries[0];
      const enough = first !== undefined && (needSeq === undefined || first.seq <= needSeq);
      if (enough || start === 0) return { exists: true, entries, lastSeq: entries.at(-1)?.seq ?? 0 };
    }
  } finally {
    await handle.close();
  }
}
