// The second sink of the audit log: a copy of every entry to a syslog collector the user
// cannot touch. The file stays the primary record; the copy must never slow or break the
// app, so `send` only queues. A down collector is retried with backoff while its entries wait
// in a bounded queue (they are dropped after MAX_AGE_MS or past MAX_PENDING), and every
// change of state (failing, dropped, back) is reported once through `onProblem`.
import { type SyslogTransport, createTransport } from './audit-syslog-transport.ts';
import { syslogHostname } from './audit-syslog-message.ts';
import { parseSyslogTarget } from './audit-syslog-target.ts';

export interface SyslogSinkOptions {
  onProblem?: (message: string) => void;
  maxPending?: number;
  maxAgeMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  connectTimeoutMs?: number;
}

export interface SyslogStatus {
  target: string;
  pending: number;
  sent: number;
  dropped: number;
  failing: boolean;
  lastError?: string;
}

const MAX_PENDING = 10_000;
const MAX_AGE_MS = 10 * 60_000;

interface Pending {
  body: string;
  queuedAt: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class SyslogSink {
  readonly url: string;
  private readonly transport: SyslogTransport;
  private readonly queue: Pending[] = [];
  private readonly drainWaiters = new Set<() => void>();
  private pumping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private failing = false;
  private sent = 0;
  private dropped = 0;
  private droppedSinceReport = 0;
  private lastError: string | undefined;
  private closed = false;

  constructor(
    url: string,
    private readonly options: SyslogSinkOptions = {},
  ) {
    this.url = url;
    this.transport = createTransport(parseSyslogTarget(url), { host: syslogHostname(), pid: process.pid, connectTimeoutMs: options.connectTimeoutMs ?? 3_000 });
    this.retryMs = options.retryMinMs ?? 500;
  }

  /** Queues one message body (the copy of one entry); returns at once, never throws. */
  send(body: string): void {
    if (this.closed) return;
    this.queue.push({ body, queuedAt: Date.now() });
    const max = this.options.maxPending ?? MAX_PENDING;
    if (this.queue.length > max) this.drop(this.queue.length - max);
    void this.pump();
  }

  status(): SyslogStatus {
    return {
      target: this.url,
      pending: this.queue.length,
      sent: this.sent,
      dropped: this.dropped,
      failing: this.failing,
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** Tries now to send what waits; true when the queue emptied within `timeoutMs`. */
  async flush(timeoutMs = 2_000): Promise<boolean> {
    if (this.queue.length === 0) return true;
    this.retryNow();
    let waiter: () => void = () => undefined;
    const drained = new Promise<boolean>((resolve) => {
      waiter = () => resolve(true);
      this.drainWaiters.add(waiter);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([drained, timeout]);
    } finally {
      clearTimeout(timer);
      this.drainWaiters.delete(waiter);
    }
  }

  /** Sends what it can within `timeoutMs`, reports what is left, and closes the connection. */
  async close(timeoutMs = 2_000): Promise<void> {
    const flushed = await this.flush(timeoutMs);
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (!flushed && this.queue.length > 0) {
      this.report(`cópia da auditoria para ${this.url}: ${plural(this.queue.length, 'entrada não enviada', 'entradas não enviadas')} ao fechar (continuam no arquivo do registro).`);
    }
    this.transport.close();
  }

  private retryNow(): void {
    if (this.retryTimer === undefined) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    void this.pump();
  }

  private report(message: string): void {
    try {
      (this.options.onProblem ?? ((m: string) => console.error(`mirante: ${m}`)))(message);
    } catch {
      // A reporter that throws must not stop the copy.
    }
  }

  private drop(count: number): void {
    this.queue.splice(0, count);
    this.dropped += count;
    this.droppedSinceReport += count;
  }

  private expire(): void {
    const limit = Date.now() - (this.options.maxAgeMs ?? MAX_AGE_MS);
    let old = 0;
    while (old < this.queue.length && (this.queue[old] as Pending).queuedAt < limit) old += 1;
    if (old > 0) this.drop(old);
    if (this.droppedSinceReport > 0) {
      this.report(`cópia da auditoria para ${this.url}: ${plural(this.droppedSinceReport, 'entrada descartada', 'entradas descartadas')} da fila sem chegar ao coletor (continuam no arquivo do registro).`);
      this.droppedSinceReport = 0;
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.retryTimer !== undefined || this.closed) return;
    this.pumping = true;
    try {
      for (;;) {
        this.expire();
        const next = this.queue[0];
        if (next === undefined) break;
        await this.transport.deliver(next.body);
        if (this.queue[0] === next) this.queue.shift();
        this.sent += 1;
        if (this.failing) {
          this.failing = false;
          this.retryMs = this.options.retryMinMs ?? 500;
          this.report(`cópia da auditoria para ${this.url} restabelecida.`);
        }
      }
      for (const wake of this.drainWaiters) wake();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      if (!this.failing) {
        this.failing = true;
        this.report(
          `cópia da auditoria para ${this.url} falhou (${this.lastError}); ${plural(this.queue.length, 'entrada aguarda', 'entradas aguardam')} nova tentativa. O arquivo do registro continua sendo gravado.`,
        );
      }
      if (!this.closed) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.pump();
        }, this.retryMs);
        this.retryTimer.unref();
        this.retryMs = Math.min(this.retryMs * 2, this.options.retryMaxMs ?? 30_000);
      }
    } finally {
      this.pumping = false;
    }
  }
}
