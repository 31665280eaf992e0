// The deployment's privacy settings, `<data dir>/mirante.yaml`, written by whoever installs
// Mirante beside the data (never a switch in the UI):
//
//   papel_padrao: consulta          # role of users not listed (default: analista)
//   usuarios: { maria: analista }   # by OS user name
//   auditoria: /var/log/mirante/auditoria.jsonl   # default <data dir>/auditoria/auditoria.jsonl
//   auditoria_chave: /etc/mirante/chave-auditoria  # default `chave-auditoria` beside the log
//   auditoria_ancora: /var/lib/mirante/ancora      # default `ancora-auditoria` beside the key
//   auditoria_syslog: tcp://127.0.0.1:6514         # a copy of every entry (also udp://, unix:///dev/log)
//
// Relative paths are relative to the data dir.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { WorkbenchError } from '../api/index.ts';
import type { Role } from '../api/index.ts';
import type { AuditSettings } from './audit-paths.ts';
import { parseSyslogTarget } from './audit-syslog-target.ts';

export const DEPLOYMENT_FILE = 'mirante.yaml';
export const ROLES: readonly Role[] = ['analista', 'consulta'];

export interface Deployment {
  user: string;
  role: Role;
  auditLogPath: string;
  /** Key, anchor and syslog copy of the audit log; `new AuditLog(file, deployment)` applies them. */
  audit: AuditSettings;
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

function optionalText(settings: Record<string, unknown>, name: string, what: string): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw malformed(`\`${name}\` deve ser ${what}`);
  return value;
}

function auditSettings(settings: Record<string, unknown>, dataDir: string): AuditSettings {
  const audit: AuditSettings = {};
  const key = optionalText(settings, 'auditoria_chave', 'um caminho');
  const anchor = optionalText(settings, 'auditoria_ancora', 'um caminho');
  const syslog = optionalText(settings, 'auditoria_syslog', 'um endereço como tcp://127.0.0.1:6514');
  if (key !== undefined) audit.keyPath = path.resolve(dataDir, key);
  if (anchor !== undefined) audit.anchorPath = path.resolve(dataDir, anchor);
  if (syslog !== undefined) {
    try {
      parseSyslogTarget(syslog);
    } catch (error) {
      throw malformed(`auditoria_syslog: ${(error as Error).message}`);
    }
    audit.syslog = syslog;
  }
  return audit;
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
  return { user, role, auditLogPath, audit: auditSettings(settings as Record<string, unknown>, dataDir) };
}
