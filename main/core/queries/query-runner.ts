// The one path every piece of SQL over the registry takes: editor queries, notebook and panel
// cells, parameter options, column profiles, unmasks, exports and the command line. Before
// anything runs the runner checks the role, registers the query for cancel, gives it a time
// limit and writes its audit entry; if that entry cannot be written, nothing runs (fail
// closed). When the query ends, a second entry records how (rows, ok/error/cancelled).
//
// No other module calls the engine's execute/stageParquet (tests/queries/one-path.test.ts
// reads the source tree to keep it so).
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, toApiError } from '../api/index.ts';
import type { AuditAction, ParamValue } from '../api/index.ts';
import type { Engine, ExecuteRequest, StatementStream } from '../engine/engine.ts';
import type { AuditRecord } from '../privacy/audit-log.ts';
import type { Capability, SessionPrivacy } from '../privacy/session-privacy.ts';
import { RunOutcome } from './run-outcome.ts';

/**
 * Where the SQL comes from, which decides who may run it: `free` is text a user typed
 * (analysts only), `saved` a document of the queries folder (every role), `kept` app-made
 * SQL over a result that was itself audited when it ran (its profile).
 */
export type QuerySource = { kind: 'free' } | { kind: 'saved'; document: string } | { kind: 'kept' };

export interface QueryJob {
  action: Exclude<AuditAction, 'open_snapshot' | 'publish_snapshot'>;
  source: QuerySource;
  queryId: string;
  sql: string;
  params?: Record<string, ParamValue>;
  snapshot?: string;
  /** Milliseconds; the runner's default applies when absent. */
  timeoutMs?: number;
  /** Run on the snapshot's raw views: only an unmask sets it. */
  unmasked?: boolean;
  /** What else the audit entry says (cell, purpose, export id). */
  audit?: Partial<AuditRecord>;
}

/** What a query ran: the SQL, parameters and snapshot an unmask or an export refers back to. */
export interface QueryOrigin {
  sql: string;
  params?: Record<string, ParamValue>;
  snapshot: string;
  timeoutMs?: number;
  source: QuerySource;
  /** Its rows came from the raw views (an unmask). */
  unmasked: boolean;
}

export interface QueryRunnerOptions {
  /** The time limit of a job that names none; undefined means none. */
  defaultTimeoutMs?: number;
}

const AUDIT_UNAVAILABLE =
  'O registro de auditoria não pôde ser gravado, então a consulta não foi executada. Verifique o espaço em disco e as permissões da pasta de auditoria.';

/**
 * A job the runner accepted: role checked, audit entry written, registered for cancel. Run it
 * once, by one of the three ways; its closing audit entry is written when that ends.
 */
export class AdmittedQuery {
  constructor(
    private readonly runner: QueryRunner,
    readonly job: QueryJob,
    private readonly request: ExecuteRequest,
    private readonly ticket: CancelTicket,
  ) {}

  /** Cancelled before the engine took it (a cancel of a running query is the engine's). */
  get cancelled(): boolean {
    return this.ticket.cancelled;
  }

  /** Resolves when the job is cancelled before the engine takes it; never otherwise. */
  whenCancelled(): Promise<void> {
    if (this.ticket.cancelled) return Promise.resolve();
    return new Promise((resolve) => this.ticket.listeners.push(resolve));
  }

  /** What it runs, as an unmask or an export of its result refers back to it. */
  get origin(): QueryOrigin {
    const { sql, snapshot, params, timeoutMs } = this.request;
    return {
      sql,
      snapshot: snapshot as string,
      source: this.job.source,
      unmasked: this.job.unmasked === true,
      ...(params ? { params } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    };
  }

  get queryId(): string {
    return this.job.queryId;
  }

  /** The script's statements as the engine streams them. */
  async *statements(): AsyncGenerator<StatementStream> {
    const outcome = new RunOutcome();
    try {
      for await (const statement of this.runner.engine.execute(this.started())) {
        yield { ...statement, chunks: outcome.counting(statement.chunks) };
      }
      outcome.succeeded();
    } catch (error) {
      outcome.failed(error);
      throw error;
    } finally {
      this.runner.finish(this.job, outcome);
    }
  }

  /** The query was answered without DuckDB (the cell cache, results/cell-cache.ts): `rows` rows; closes its audit entry. */
  answered(rows: number): void {
    this.started();
    const outcome = new RunOutcome();
    outcome.rows = rows;
    outcome.succeeded();
    this.runner.finish(this.job, outcome);
  }

  /** One SELECT written as Parquet in the engine's private folder (the command's `--format parquet`). */
  stageParquet(): Promise<string> {
    return this.settle(() => this.runner.engine.stageParquet(this.started()));
  }

  /** App-made statements over the data (a column profile) on a connection cancel and the time limit reach. */
  withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.settle(() => this.runner.engine.withQueryConnection(this.started(), work));
  }

  /** The request for the engine, unless the job was cancelled while it waited. */
  private started(): ExecuteRequest {
    this.runner.handOver(this.job.queryId);
    if (this.ticket.cancelled) throw new WorkbenchError({ code: 'cancelled', message: 'A consulta foi cancelada.' });
    return this.request;
  }

  private async settle<T>(run: () => Promise<T>): Promise<T> {
    const outcome = new RunOutcome();
    try {
      const value = await run();
      outcome.succeeded();
      return value;
    } catch (error) {
      outcome.failed(error);
      throw error;
    } finally {
      this.runner.finish(this.job, outcome);
    }
  }
}

export class QueryRunner {
  /** Admitted jobs the engine has not started yet: a cancel then stops them before they start. */
  private readonly waiting = new Map<string, CancelTicket>();
  private readonly openedSnapshots = new Set<string>();

  constructor(
    readonly engine: Engine,
    private readonly privacy: SessionPrivacy,
    private readonly options: QueryRunnerOptions = {},
  ) {}

  /** Throws `not_allowed` when the user's role may not run this job (checked again on admit). */
  check(job: Pick<QueryJob, 'action' | 'source' | 'unmasked'>): void {
    this.privacy.allow(...requiredCapabilities(job));
  }

  /** Role, time limit, the audit entry: throws, and nothing runs, when any of them fails. */
  async admit(job: QueryJob): Promise<AdmittedQuery> {
    this.check(job);
    if (typeof job.sql !== 'string') throw new WorkbenchError({ code: 'parameter', message: 'Informe o texto SQL.' });
    if (this.waiting.has(job.queryId)) {
      throw new WorkbenchError({ code: 'parameter', message: `Já existe uma consulta em andamento com o id ${job.queryId}.` });
    }
    const snapshot = this.engine.snapshotInfo(job.snapshot).date;
    const timeoutMs = job.timeoutMs ?? this.options.defaultTimeoutMs;
    const ticket: CancelTicket = { cancelled: false, listeners: [] };
    this.waiting.set(job.queryId, ticket);
    try {
      await this.recordStart(job, snapshot);
    } catch (error) {
      this.waiting.delete(job.queryId);
      throw error;
    }
    const request: ExecuteRequest = {
      sql: job.sql,
      queryId: job.queryId,
      snapshot,
      ...(job.params ? { params: job.params } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(job.unmasked ? { unmasked: true } : {}),
    };
    return new AdmittedQuery(this, job, request, ticket);
  }

  /** Admits the job and streams its statements. */
  async *statements(job: QueryJob): AsyncGenerator<StatementStream> {
    yield* (await this.admit(job)).statements();
  }

  /** True when that query was waiting or running. */
  cancel(queryId: string): boolean {
    const waiting = this.waiting.get(queryId);
    if (waiting) {
      cancelTicket(waiting);
      return true;
    }
    return this.engine.cancel(queryId);
  }

  /** Stops every waiting and running query (Ctrl+C on a command, closing the workbench). */
  cancelAll(): void {
    for (const waiting of this.waiting.values()) cancelTicket(waiting);
    this.engine.cancelAll();
  }

  /** From here the engine tracks the query (its own cancel and time limit). */
  handOver(queryId: string): void {
    this.waiting.delete(queryId);
  }

  /**
   * The closing entry: rows and how it ended. Queued, not awaited: the run is over and a slow
   * disk must not hold its result back (the log keeps entries in order; closing the session
   * waits for them). A failure to write it cannot undo the run; it is reported.
   */
  finish(job: QueryJob, outcome: RunOutcome): void {
    this.waiting.delete(job.queryId);
    const error = outcome.error === undefined ? undefined : toApiError(outcome.error);
    void this.privacy.audit
      .record({
        ...job.audit,
        action: job.action,
        queryId: job.queryId,
        status: outcome.status,
        rows: outcome.rows,
        ...(error !== undefined ? { error: error.message } : {}),
      })
      .catch((failure: unknown) => console.error(`mirante: falha ao gravar a auditoria: ${String(failure)}`));
  }

  private async recordStart(job: QueryJob, snapshot: string): Promise<void> {
    try {
      if (!this.openedSnapshots.has(snapshot)) {
        await this.privacy.audit.record({ action: 'open_snapshot', snapshot });
        this.openedSnapshots.add(snapshot);
      }
      await this.privacy.audit.record({
        ...job.audit,
        action: job.action,
        status: 'started',
        queryId: job.queryId,
        sql: job.sql,
        snapshot,
        ...(job.params ? { params: job.params } : {}),
        ...(job.source.kind === 'saved' ? { document: job.source.document } : {}),
      });
    } catch (error) {
      // The log says why (a folder in its place, a full disk, a busy lock, tampering).
      if (error instanceof WorkbenchError) throw error;
      console.error(`mirante: falha ao gravar a auditoria: ${String(error)}`);
      throw new WorkbenchError({ code: 'internal', message: AUDIT_UNAVAILABLE });
    }
  }
}

/** A job's cancel before the engine tracks it: the flag its start checks, and who waits on it. */
interface CancelTicket {
  cancelled: boolean;
  listeners: (() => void)[];
}

function cancelTicket(ticket: CancelTicket): void {
  ticket.cancelled = true;
  for (const listener of ticket.listeners.splice(0)) listener();
}

function requiredCapabilities(job: Pick<QueryJob, 'action' | 'source' | 'unmasked'>): Capability[] {
  const capabilities: Capability[] = [];
  if (job.source.kind === 'free') capabilities.push(job.action === 'profile' ? 'profile_table' : 'free_sql');
  if (job.unmasked || job.action === 'unmask') capabilities.push('unmask');
  return capabilities;
}
