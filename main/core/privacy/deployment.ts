// The deployment's privacy settings, `<data dir>/mirante.yaml`, written by whoever installs
// Mirante beside the data (never a switch in the UI):
//
//   papel_padrao: consulta          # role of users not listed (default: analista)
//   usuarios: { maria: analista }   # by OS user name
//   auditoria: /var/log/mirante/auditoria.jsonl   # default <data dir>/auditoria/auditoria.jsonl
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError } from '../api.ts';
import type { Role } from '../api.ts';

export const DEPLOYMENT_FILE = 'mirante.yaml';
export const ROLES: readonly Role[] = ['analista', 'consulta'];

export interface Deployment {
  user: string;
  role: Role;
  auditLogPath: string;
}

function malformed(problem: string): WorkbenchError {
  return new WorkbenchError({ code: 'data', message: `${DEPLOYMENT_FILE}: ${problem}` });
}

function asRole(value: unknown, where: string): Role {
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw malformed(`${where}: papel inválido ${JSON.stringify(value)} (use ${ROLES.join(' ou ')})`);
}

export function defaultAuditLogPath(dataDir: string): string {
  return path.join(dataDir, 'auditoria', 'auditoria.jsonl');
}

export function currentOsUser(): string {
  return os.userInfo().username;
}

/** The role and audit log of `user` (default: the OS user) under the deployment at `dataDir`. */
export async function loadDeployment(dataDir: string, user: string = currentOsUser()): Promise<Deployment> {
  let source: string | undefined;
  try {
    source = await readFile(path.join(dataDir, DEPLOYMENT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const settings: unknown = source === undefined ? {} : parse(source) ?? {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw malformed('esperava um mapa');
  const { papel_padrao: defaultRole, usuarios: users, auditoria: audit } = settings as Record<string, unknown>;
  if (users !== undefined && (typeof users !== 'object' || users === null || Array.isArray(users))) {
    throw malformed('`usuarios` deve mapear usuário → papel');
  }
  const listed = (users as Record<string, unknown> | undefined)?.[user];
  const role = listed !== undefined ? asRole(listed, `usuarios.${user}`) : defaultRole !== undefined ? asRole(defaultRole, 'papel_padrao') : 'analista';
  if (audit !== undefined && typeof audit !== 'string') throw malformed('`auditoria` deve ser um caminho');
  const auditLogPath = audit === undefined ? defaultAuditLogPath(dataDir) : path.resolve(dataDir, audit);
  return { user, role, auditLogPath };
}
