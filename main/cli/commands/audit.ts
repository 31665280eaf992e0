import { access } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../../core/api/index.ts';
import { AuditCopyError } from '../../core/privacy/audit-copy.ts';
import { verifyAudit } from '../../core/privacy/audit-verify.ts';
import type { AuditProblem, VerifyOptions } from '../../core/privacy/audit-verify.ts';
import { loadDeployment } from '../../core/privacy/deployment.ts';
import { UsageError } from '../errors.ts';

export interface AuditVerifyOptions {
  data: string;
  log?: string;
  chave?: string;
  ancora?: string;
  copia?: string;
  origem?: string;
}

function describe(problem: AuditProblem): string {
  const where = problem.line !== undefined ? `linha ${problem.line}${problem.seq != null ? ` (seq ${problem.seq})` : ''}: ` : problem.seq != null ? `seq ${problem.seq}: ` : '';
  return `  - ${where}${problem.message}`;
}

/** The log and where its key and anchor are: --log, or what the data dir's mirante.yaml says. */
async function target(options: AuditVerifyOptions): Promise<VerifyOptions> {
  if (options.log) return { log: path.resolve(options.log) };
  const deployment = await loadDeployment(path.resolve(options.data));
  return { log: deployment.auditLogPath, ...deployment.audit };
}

/** `mirante audit verify`: exit 0 on an intact log; 1 naming each problem found; 2 on a usage error. */
export async function auditVerifyCommand(options: AuditVerifyOptions): Promise<void> {
  const request: VerifyOptions = {
    ...(await target(options)),
    ...(options.chave ? { keyPath: path.resolve(options.chave) } : {}),
    ...(options.ancora ? { anchorPath: path.resolve(options.ancora) } : {}),
    ...(options.origem ? { origin: options.origem } : {}),
  };
  if (options.copia) {
    request.copy = path.resolve(options.copia);
    await access(request.copy).catch(() => {
      throw new UsageError(`--copia: arquivo não encontrado: ${request.copy}`);
    });
  }
  const result = await verifyAudit(request).catch((error: unknown) => {
    if (error instanceof AuditCopyError) throw new UsageError(error.message);
    throw error;
  });
  if (!result.ok) {
    throw new WorkbenchError({
      code: 'data',
      message: [`Registro de auditoria adulterado ou incompleto (${request.log}), ${result.entries} entradas lidas:`, ...result.problems.map(describe), ...result.notes.map((n) => `  (${n})`)].join('\n'),
    });
  }
  process.stdout.write(`Registro de auditoria íntegro: ${result.entries} entradas (${request.log}).\n${result.notes.map((n) => `  ${n}\n`).join('')}`);
}
