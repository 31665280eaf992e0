// The append-only audit log, JSON Lines: who did what, on which snapshot, with which purpose.
// Appends are serialised within the process and across processes (a lock file). Each batch
// checks the log's end against the anchor (a cut, emptied or deleted log is refused, never
// silently continued), chains and MACs its entries, writes them with O_APPEND in one write,
// fsyncs once, then moves the anchor and queues the syslog copies. `record` resolves only once
// its entry is on disk and REJECTS on any failure: callers record before they act, so no
// entry, no act.
//
// Group commit: records asked for while a batch is being written go together in the next one,
// so the cells of a panel starting at once share one write, one fsync and one anchor move.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry, AuditQuery, ParamValue, Role } from '../api/index.ts';
import { checkAgainstAnchor, genesisAnchor, readAnchor, writeAnchor } from './audit-anchor.ts';
import { GENESIS_HASH, hmacHex, sealEntry } from './audit-chain.ts';
import type { SealedAuditEntry } from './audit-chain.ts';
import { AuditUnavailableError, auditWriteFailure } from './audit-files.ts';
import { ensurePrivateDir, openPrivate, syncDir } from '../files/private-files.ts';
import { deriveAuditKeys, loadOrCreateAuditKey } from './audit-key.ts';
import type { AuditKeys } from './audit-key.ts';
import { withLock } from './audit-lock.ts';
import { auditPaths } from './audit-paths.ts';
import type { AuditPaths, AuditSettings } from './audit-paths.ts';
import { redactErrorText, redactParams, redactText } from './audit-redact.ts';
import { copyBody, syslogHostname } from './audit-syslog-message.ts';
import type { AuditOrigin } from './audit-syslog-message.ts';
import { SyslogSink } from './audit-syslog.ts';
import type { SyslogSinkOptions, SyslogStatus } from './audit-syslog.ts';
import { readTail } from './audit-tail.ts';
import type { LogTail } from './audit-tail.ts';

/** What a caller records; the log adds seq, time, user, role, the SQL's keyed hash and the chain. */
export type AuditRecord = Omit<AuditEntry, 'seq' | 'time' | 'user' | 'role' | 'sqlSha256' | 'params' | 'prev' | 'hash'> & {
  /** Raw values: identifying ones are hashed before they are written. */
  params?: Record<string, ParamValue | undefined>;
};

/** Who writes. A `Deployment` fits as is, so its `audit` settings (mirante.yaml) apply. */
export interface AuditIdentity {
  user: string;
  role: Role;
  audit?: AuditSettings;
}

export interface AuditLogOptions extends AuditSettings {
  /** Where the syslog copy reports trouble (default: one line on standard error). */
  onSinkProblem?: (message: string) => void;
  sink?: Omit<SyslogSinkOptions, 'onProblem'>;
  /** How long to wait for another writer's lock before rejecting (default 15 s). */
  lockWaitMs?: number;
}

function refused(problem: string): AuditUnavailableError {
  return new AuditUnavailableError(`Registro de auditoria adulterado ou incompleto: ${problem}. Nada foi executado; o encarregado deve conferir o registro (mirante audit verify).`);
}

export class AuditLog {
  readonly paths: AuditPaths;
  private readonly sink: SyslogSink | undefined;
  private readonly lockWaitMs: number | undefined;
  private pending: { record: AuditRecord; resolve: (entry: SealedAuditEntry) => void; reject: (error: unknown) => void }[] = [];
  private draining: Promise<void> | null = null;
  private keys: AuditKeys | undefined;

  constructor(
    readonly file: string,
    private readonly who: AuditIdentity,
    options: AuditLogOptions = {},
  ) {
    const { onSinkProblem, sink, lockWaitMs, ...overrides } = options;
    const settings: AuditSettings = { ...who.audit };
    for (const [name, value] of Object.entries(overrides) as [keyof AuditSettings, string | undefined][]) if (value !== undefined) settings[name] = value;
    this.paths = auditPaths(file, settings);
    this.lockWaitMs = lockWaitMs;
    this.sink = settings.syslog === undefined ? undefined : new SyslogSink(settings.syslog, { ...sink, ...(onSinkProblem ? { onProblem: onSinkProblem } : {}) });
  }

  /** Appends one entry (checked against the anchor, chained, MACed, fsynced); rejects if it could not. */
  record(record: AuditRecord): Promise<SealedAuditEntry> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // A record asked for after the last look at `pending`, before this callback.
      if (this.pending.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      await this.append(batch).catch((error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      });
    }
  }

  /** The syslog copy's queue and state; undefined without `auditoria_syslog`. */
  syslogStatus(): SyslogStatus | undefined {
    return this.sink?.status();
  }

  /** Waits for pending writes and gives the syslog copy up to `timeoutMs` to leave. */
  async close(timeoutMs = 2_000): Promise<void> {
    await this.draining;
    await this.sink?.close(timeoutMs);
  }

  private async append(batch: readonly { record: AuditRecord; resolve: (entry: SealedAuditEntry) => void }[]): Promise<void> {
    const { log, anchor: anchorFile, lock } = this.paths;
    await ensurePrivateDir(path.dirname(log)).catch((error: unknown) => Promise.reject(auditWriteFailure(path.dirname(log), error)));
    return withLock(
      lock,
      async () => {
        let tail = await readTail(log).catch((error: unknown) => Promise.reject(auditWriteFailure(log, error)));
        const keys = await this.loadKeys(tail);
        const logName = path.basename(log);
        const anchored = await readAnchor(anchorFile, keys.anchor, logName).catch((error: unknown) => Promise.reject(auditWriteFailure(anchorFile, error)));
        if (anchored.state === 'invalid') throw refused(anchored.problem);
        if (anchored.state === 'missing') {
          if (tail.lastSeq > 0 && tail.entries.at(-1)?.mac === undefined) {
            throw new AuditUnavailableError(
              `O registro de auditoria ${log} foi gravado por uma versão anterior do Mirante (sem MAC nem âncora) e não pode ser continuado. O encarregado deve conferi-lo e arquivá-lo (mover o arquivo e a chave ${this.paths.key} para outra pasta); um registro novo começa na próxima ação.`,
            );
          }
          if (tail.lastSeq > 0) throw refused(`a âncora ${anchorFile} não existe, mas o registro tem ${tail.lastSeq} entradas (âncora apagada)`);
          await writeAnchor(anchorFile, keys.anchor, genesisAnchor(logName));
        } else {
          const { seq } = anchored.anchor;
          if (seq > 0 && seq < tail.lastSeq && !tail.entries.some((e) => e.seq === seq)) tail = await readTail(log, seq);
          const problem = checkAgainstAnchor(anchored.anchor, { exists: tail.exists, lastSeq: tail.lastSeq, hashAt: (s) => tail.entries.find((e) => e.seq === s)?.hash });
          if (problem !== undefined) throw refused(problem.message);
        }
        const last = tail.entries.at(-1);
        let seq = last?.seq ?? 0;
        let prev = last?.hash ?? GENESIS_HASH;
        const entries = batch.map(({ record }) => {
          const entry = sealEntry(keys.entry, this.body(record, keys, seq, prev));
          seq = entry.seq;
          prev = entry.hash;
          return entry;
        });
        await this.appendLines(entries, !tail.exists);
        const newest = entries.at(-1) as SealedAuditEntry;
        await writeAnchor(anchorFile, keys.anchor, { log: logName, seq: newest.seq, hash: newest.hash, time: newest.time });
        batch.forEach((waiting, index) => waiting.resolve(entries[index] as SealedAuditEntry));
        for (const entry of entries) this.sink?.send(copyBody(this.origin(keys), entry));
      },
      this.lockWaitMs,
    );
  }

  private async loadKeys(tail: LogTail): Promise<AuditKeys> {
    if (this.keys !== undefined) return this.keys;
    const anchorExists = await stat(this.paths.anchor).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(auditWriteFailure(this.paths.anchor, error))),
    );
    this.keys = deriveAuditKeys(await loadOrCreateAuditKey(this.paths.key, tail.lastSeq === 0 && !anchorExists));
    return this.keys;
  }

  private body(record: AuditRecord, keys: AuditKeys, lastSeq: number, prev: string): Omit<AuditEntry, 'hash'> {
    const { sql, params, purpose, error, path: written, document, cell, ...rest } = record;
    const text = (value: string) => redactText(keys.redact, value);
    return {
      seq: lastSeq + 1,
      time: new Date().toISOString(),
      user: this.who.user,
      role: this.who.role,
      ...rest,
      // Keyed, not a plain SHA-256: a plain digest of SQL holding a CPF gives the CPF back
      // to anyone who tries the billion possible CPFs against the redacted text.
      ...(sql !== undefined ? { sql: text(sql), sqlSha256: hmacHex(keys.redact, sql) } : {}),
      ...(params !== undefined ? { params: redactParams(keys.redact, params) } : {}),
      ...(purpose !== undefined ? { purpose: text(purpose) } : {}),
      ...(error !== undefined ? { error: redactErrorText(keys.redact, error) } : {}),
      ...(written !== undefined ? { path: text(written) } : {}),
      ...(document !== undefined ? { document: text(document) } : {}),
      ...(cell !== undefined ? { cell: text(cell) } : {}),
      prev,
    };
  }

  private async appendLines(entries: readonly SealedAuditEntry[], creating: boolean): Promise<void> {
    const { log } = this.paths;
    try {
      const handle = await openPrivate(log, 'a');
      try {
        await handle.write(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (creating) await syncDir(path.dirname(log));
    } catch (error) {
      throw auditWriteFailure(log, error);
    }
  }

  private origin(keys: AuditKeys): AuditOrigin {
    return { host: syslogHostname(), log: this.paths.log, chave: keys.id };
  }

  /** Entries matching the filter, newest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.draining;
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
