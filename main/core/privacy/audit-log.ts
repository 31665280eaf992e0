// The append-only audit log, JSON Lines: who did what, on which snapshot, with which
// purpose. Appends are serialised within the process (a promise chain) and across processes
// (a lock file created with O_EXCL), each one reads the last entry, chains to it, writes one
// line with O_APPEND and fsyncs before the next may start.
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry, AuditQuery, ParamValue, Role } from '../api.ts';
import { GENESIS_HASH, entryHash, sha256Hex } from './audit-chain.ts';
import { loadAuditKey, redactParams, redactSql } from './audit-redact.ts';

/** What a caller records; the log adds seq, time, user, role, the SQL hash and the chain. */
export type AuditRecord = Omit<AuditEntry, 'seq' | 'time' | 'user' | 'role' | 'sqlSha256' | 'params' | 'prev' | 'hash'> & {
  /** Raw values: identifying ones are hashed before they are written. */
  params?: Record<string, ParamValue | undefined>;
};

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 15_000;
const TAIL_BYTES = 64 * 1024;

async function lastLine(file: string): Promise<string | undefined> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const handle = await open(file, 'r');
  try {
    for (let window = TAIL_BYTES; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '');
      if (lines.length > 1 || start === 0) return lines.at(-1);
    }
  } finally {
    await handle.close();
  }
}

async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await open(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => undefined);
      else if (Date.now() > deadline) throw new Error(`Registro de auditoria ocupado: ${lock}`, { cause: error });
      else await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private key: Promise<Buffer> | undefined;

  constructor(
    readonly file: string,
    private readonly who: { user: string; role: Role },
  ) {}

  /** Appends one entry (chained, fsynced) and returns it. */
  record(record: AuditRecord): Promise<AuditEntry> {
    const next = this.queue.then(() => this.append(record));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async append(record: AuditRecord): Promise<AuditEntry> {
    await mkdir(path.dirname(this.file), { recursive: true });
    this.key ??= loadAuditKey(this.file);
    const key = await this.key;
    return withLock(this.file, async () => {
      const previous = await lastLine(this.file);
      const last = previous === undefined ? undefined : (JSON.parse(previous) as AuditEntry);
      const { sql, params, ...rest } = record;
      const body: Omit<AuditEntry, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        time: new Date().toISOString(),
        user: this.who.user,
        role: this.who.role,
        ...rest,
        ...(sql !== undefined ? { sql: redactSql(key, sql), sqlSha256: sha256Hex(sql) } : {}),
        ...(params !== undefined ? { params: redactParams(key, params) } : {}),
        prev: last?.hash ?? GENESIS_HASH,
      };
      const entry: AuditEntry = { ...body, hash: entryHash(body) };
      const handle = await open(this.file, 'a');
      try {
        await handle.write(`${JSON.stringify(entry)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return entry;
    });
  }

  /** Entries matching the filter, newest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const limit = Math.max(1, Math.min(query.limit ?? 200, 10_000));
    const found: AuditEntry[] = [];
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    for (let i = lines.length - 1; i >= 0 && found.length < limit; i -= 1) {
      let entry: AuditEntry;
      try {
        entry = JSON.parse(lines[i] as string) as AuditEntry;
      } catch {
        continue;
      }
      if (query.user !== undefined && entry.user !== query.user) continue;
      if (query.action !== undefined && entry.action !== query.action) continue;
      if (query.from !== undefined && entry.time < query.from) continue;
      if (query.to !== undefined && entry.time > query.to) continue;
      found.push(entry);
    }
    return found;
  }
}
