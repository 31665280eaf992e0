import path from 'node:path';
import { WorkbenchError } from '../../core/api.ts';
import { verifyAuditLog } from '../../core/privacy/audit-verify.ts';
import { loadDeployment } from '../../core/privacy/deployment.ts';

/** `mirante audit verify`: exit 0 on an intact log; 1 naming the first bad entry. */
export async function auditVerifyCommand(options: { data: string; log?: string }): Promise<void> {
  const file = options.log ? path.resolve(options.log) : (await loadDeployment(path.resolve(options.data))).auditLogPath;
  const result = await verifyAuditLog(file).catch((error: unknown) => {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'arquivo não encontrado' : String(error);
    throw new WorkbenchError({ code: 'not_found', message: `Registro de auditoria ${file}: ${reason}` });
  });
  if (!result.ok) {
    const seq = result.seq === null ? '' : ` (seq ${result.seq})`;
    throw new WorkbenchError({
      code: 'data',
      message: `Registro de auditoria adulterado: linha ${result.line}${seq}: ${result.problem}. ${result.entries} entradas anteriores conferem. Arquivo: ${file}`,
    });
  }
  process.stdout.write(`Registro de auditoria íntegro: ${result.entries} entradas (${file}).\n`);
}
