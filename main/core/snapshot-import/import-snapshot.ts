// `mirante snapshot import` and `validate` in the core: check the date and the dictionary,
// read and validate the export, write the report, and (import only) publish unless a blocking
// finding stands and no `--force --motivo` was given.
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import { AuditLog } from '../privacy/audit-log.ts';
import { loadDeployment } from '../privacy/deployment.ts';
import { checkedPurpose } from '../privacy/session-privacy.ts';
import { loadDictionary } from '../registry/dictionary.ts';
import { discoverSnapshots, snapshotsRoot } from '../registry/snapshots.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import type { ImportOptions } from './csv-dialect.ts';
import { checkDeclarations } from './declarations.ts';
import { isBlocking } from './findings.ts';
import { alreadyPublished, isPublished, publishSnapshot } from './publish.ts';
import type { Published } from './publish.ts';
import { buildReport } from './report.ts';
import type { ImportReport } from './report.ts';
import { openImportSession } from './session.ts';
import { removeStaleStaging } from './staging.ts';
import { checkOptionTables } from './table-options.ts';
import { validateExport } from './validate.ts';

export interface ImportRequest {
  fromDir: string;
  dataDir: string;
  date: string;
  options: ImportOptions;
  /** Validate only: nothing is written under the data dir. */
  validateOnly?: boolean;
  force?: boolean;
  motivo?: string;
  /** The OS user by default (tests name one). */
  user?: string;
  threads?: number;
  onTable?: (table: string) => void;
  /** The audit log the publish is recorded in, when not the deployment's (a workbench opened on another). */
  auditLogPath?: string;
}

export interface ImportResult {
  report: ImportReport;
  published?: Published;
  /** Why nothing was published (validate only, or blocking findings without --force). */
  notPublished?: 'validacao' | 'bloqueado';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(date)) {
    throw new WorkbenchError({ code: 'parameter', message: `Data inválida: ${date} (use AAAA-MM-DD, uma data que existe).` });
  }
}

async function previousSnapshot(dataDir: string, date: string): Promise<SnapshotLayout | undefined> {
  const snapshots = await discoverSnapshots(dataDir).catch(() => []);
  return snapshots.filter((snapshot) => snapshot.date < date).at(-1);
}

async function existingDir(dir: string, what: string): Promise<string> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined || !(await stat(real)).isDirectory()) throw new WorkbenchError({ code: 'not_found', message: `${what} não encontrada: ${dir}` });
  return real;
}

export async function importSnapshot(request: ImportRequest): Promise<ImportResult> {
  checkDate(request.date);
  if (request.force && !request.validateOnly) checkedPurpose(request.motivo);
  const dataDir = await existingDir(request.dataDir, 'Pasta de dados');
  const fromDir = await existingDir(request.fromDir, 'Pasta de origem');
  if (!request.validateOnly && (await isPublished(dataDir, request.date))) throw alreadyPublished(request.date, dataDir);
  const deployment = await loadDeployment(dataDir, request.user);
  if (!request.validateOnly && deployment.role !== 'analista') {
    throw new WorkbenchError({ code: 'not_allowed', message: 'O seu papel (consulta) não permite publicar snapshots.' });
  }
  const dictionary = await loadDictionary(dataDir);
  if (dictionary.tables.size === 0) throw new WorkbenchError({ code: 'data', message: `Sem dicionário de dados em ${dataDir} (dicionario.yaml): não há contra o que validar.` });
  checkDeclarations(dictionary);
  checkOptionTables(request.options, dictionary);
  const root = snapshotsRoot(dataDir);
  await mkdir(root, { recursive: true });
  if (!request.validateOnly) await removeStaleStaging(root);
  const previous = await previousSnapshot(dataDir, request.date);
  const session = await openImportSession([fromDir, root], request.threads);
  try {
    const validation = await validateExport(session, {
      fromDir,
      date: request.date,
      dictionary,
      options: request.options,
      ...(previous ? { previous } : {}),
      ...(request.onTable ? { onTable: request.onTable } : {}),
    });
    const report = buildReport({
      date: request.date,
      from: fromDir,
      ...(previous ? { previous: previous.date } : {}),
      tables: [...validation.loaded.values()].map((t) => ({ table: t.table, file: path.basename(t.source.file), rows: t.rows, dialect: t.dialect })),
      findings: validation.findings,
    });
    if (request.validateOnly) return { report, notPublished: 'validacao' };
    if (isBlocking(validation.findings) && !request.force) return { report, notPublished: 'bloqueado' };
    const audit = new AuditLog(request.auditLogPath ?? deployment.auditLogPath, deployment);
    try {
      const published = await publishSnapshot({
        connection: session.connection,
        dataDir,
        dictionary,
        date: request.date,
        from: fromDir,
        ...(previous ? { previous: previous.date } : {}),
        loaded: validation.loaded,
        findings: validation.findings,
        report,
        user: deployment.user,
        audit,
        // A forced publish records why, whether or not it needed forcing.
        ...(request.force && request.motivo ? { motivo: request.motivo.trim() } : {}),
      });
      return { report, published };
    } finally {
      await audit.close();
    }
  } finally {
    await session.close();
  }
}
