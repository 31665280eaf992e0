// Privacy for one Workbench session: the user's role (enforced here, whatever the client
// sends), the audit log, and what an unmask needs: the SQL, parameters and snapshot of each
// query that ran, and which kept results hold unmasked rows.
import { WorkbenchError } from '../api.ts';
import type { AuditAction, ParamValue, Role, UnmaskRequest } from '../api.ts';
import type { ExecuteRequest } from '../engine/engine.ts';
import { statementStarts } from '../engine/script-offsets.ts';
import { AuditLog } from './audit-log.ts';
import type { AuditRecord } from './audit-log.ts';
import { loadDeployment } from './deployment.ts';

export type Capability = 'free_sql' | 'unmask' | 'save_document' | 'profile_table' | 'read_audit';

const REFUSALS: Record<Capability, string> = {
  free_sql: 'O seu papel (consulta) permite abrir painéis, escolher parâmetros e exportar, mas não escrever SQL livre.',
  unmask: 'O seu papel (consulta) não permite ver identificadores sem máscara.',
  save_document: 'O seu papel (consulta) não permite salvar notebooks ou painéis.',
  profile_table: 'O seu papel (consulta) não permite explorar as tabelas do catálogo.',
  read_audit: 'Apenas analistas e o encarregado de dados podem ler o registro de auditoria.',
};

export const MIN_PURPOSE_LENGTH = 10;

export interface QueryOrigin {
  sql: string;
  params?: Record<string, ParamValue>;
  snapshot: string;
  timeoutMs?: number;
}

export interface RunOutcome {
  rows: number | null;
  status: 'ok' | 'error' | 'cancelled';
  error?: string;
}

export class SessionPrivacy {
  private readonly origins = new Map<string, QueryOrigin>();
  private readonly unmasked = new Set<string>();
  private readonly openedSnapshots = new Set<string>();

  private constructor(
    readonly user: string,
    readonly role: Role,
    readonly audit: AuditLog,
  ) {}

  static async open(dataDir: string, options: { user?: string; auditLog?: string } = {}): Promise<SessionPrivacy> {
    const deployment = await loadDeployment(dataDir, options.user);
    const file = options.auditLog ?? deployment.auditLogPath;
    return new SessionPrivacy(deployment.user, deployment.role, new AuditLog(file, deployment));
  }

  /** Throws `not_allowed` when the role may not do that. */
  allow(capability: Capability): void {
    if (this.role === 'analista') return;
    throw new WorkbenchError({ code: 'not_allowed', message: REFUSALS[capability] });
  }

  get canWriteSql(): boolean {
    return this.role === 'analista';
  }

  remember(queryId: string, origin: QueryOrigin): void {
    this.origins.set(queryId, origin);
  }

  forget(queryId: string): void {
    this.origins.delete(queryId);
    this.unmasked.delete(queryId);
  }

  isUnmasked(queryId: string): boolean {
    return this.unmasked.has(queryId);
  }

  /** Checks role and purpose, records the unmask (before anything runs) and returns what to run. */
  async unmask(request: UnmaskRequest, queryId: string): Promise<ExecuteRequest> {
    this.allow('unmask');
    const purpose = typeof request.purpose === 'string' ? request.purpose.trim() : '';
    if (purpose.length < MIN_PURPOSE_LENGTH) {
      throw new WorkbenchError({
        code: 'parameter',
        message: `Informe a finalidade (ao menos ${MIN_PURPOSE_LENGTH} caracteres): ela fica registrada na auditoria.`,
      });
    }
    const origin = this.origins.get(request.queryId);
    const sql = origin === undefined ? undefined : statementText(origin.sql, request.statementIndex);
    if (origin === undefined || sql === undefined) {
      throw new WorkbenchError({ code: 'not_found', message: 'Este resultado não está mais disponível: execute a consulta de novo.' });
    }
    const run: ExecuteRequest = { sql, queryId, snapshot: origin.snapshot, unmasked: true };
    if (origin.params !== undefined) run.params = origin.params;
    if (origin.timeoutMs !== undefined) run.timeoutMs = origin.timeoutMs;
    await this.audit.record({ action: 'unmask', sql, snapshot: origin.snapshot, params: origin.params, purpose, queryId });
    this.unmasked.add(queryId);
    return run;
  }

  /** Records a finished query, cell run or unmasked run; the first use of a snapshot too. */
  async recordRun(action: AuditAction, origin: QueryOrigin & { queryId: string }, outcome: RunOutcome, extra: Partial<AuditRecord> = {}): Promise<void> {
    if (!this.openedSnapshots.has(origin.snapshot)) {
      this.openedSnapshots.add(origin.snapshot);
      await this.audit.record({ action: 'open_snapshot', snapshot: origin.snapshot });
    }
    await this.audit.record({
      action,
      sql: origin.sql,
      snapshot: origin.snapshot,
      params: origin.params,
      rows: outcome.rows,
      status: outcome.status,
      queryId: origin.queryId,
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      ...extra,
    });
  }
}

/** The text of one statement of a script (the whole script when it has one). */
export function statementText(script: string, index: number): string | undefined {
  const starts = statementStarts(script);
  if (!Number.isInteger(index) || index < 0 || index >= Math.max(starts.length, 1)) return undefined;
  if (starts.length <= 1) return script;
  return script.slice(starts[index], starts[index + 1] ?? script.length);
}
