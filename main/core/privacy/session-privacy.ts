// Privacy for one session (the workbench or one command): the user's role from the
// deployment (enforced here, whatever a client sends) and the audit log.
import { WorkbenchError } from '../api/index.ts';
import type { Role } from '../api/index.ts';
import { statementStarts } from '../sql/lexer.ts';
import { AuditLog } from './audit-log.ts';
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

export class SessionPrivacy {
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

  /** Throws `not_allowed` when the role may not do one of these. */
  allow(...capabilities: Capability[]): void {
    if (this.role === 'analista') return;
    const refused = capabilities[0];
    if (refused !== undefined) throw new WorkbenchError({ code: 'not_allowed', message: REFUSALS[refused] });
  }

  get canWriteSql(): boolean {
    return this.role === 'analista';
  }
}

/** The declared purpose (LGPD), trimmed; `parameter` error when it is missing or too short to mean anything. */
export function checkedPurpose(purpose: unknown): string {
  const text = typeof purpose === 'string' ? purpose.trim() : '';
  if (text.length < MIN_PURPOSE_LENGTH) {
    throw new WorkbenchError({
      code: 'parameter',
      message: `Informe a finalidade (ao menos ${MIN_PURPOSE_LENGTH} caracteres): ela fica registrada na auditoria.`,
    });
  }
  return text;
}

/** The text of one statement of a script (the whole script when it has one). */
export function statementText(script: string, index: number): string | undefined {
  const starts = statementStarts(script);
  if (!Number.isInteger(index) || index < 0 || index >= Math.max(starts.length, 1)) return undefined;
  if (starts.length <= 1) return script;
  return script.slice(starts[index], starts[index + 1] ?? script.length);
}
