// Where the audit files live. The key defaults to `chave-auditoria` beside the log; the
// anchor to `ancora-auditoria` beside the key, a name of its own so that removing the log's
// files (`auditoria.jsonl*`) leaves the witness behind; the lock is beside the log.
import path from 'node:path';

export const AUDIT_KEY_FILE = 'chave-auditoria';
export const AUDIT_ANCHOR_FILE = 'ancora-auditoria';

/** The deployment's audit settings (mirante.yaml); absent ones take the defaults above. */
export interface AuditSettings {
  /** `auditoria_chave`: the secret key file. */
  keyPath?: string;
  /** `auditoria_ancora`: the anchor file (last seq and hash, MACed). */
  anchorPath?: string;
  /** `auditoria_syslog`: tcp://host:port, udp://host:port or unix:///path. */
  syslog?: string;
}

export interface AuditPaths {
  log: string;
  key: string;
  anchor: string;
  lock: string;
}

export function auditPaths(logFile: string, settings: AuditSettings = {}): AuditPaths {
  const log = path.resolve(logFile);
  const key = path.resolve(settings.keyPath ?? path.join(path.dirname(log), AUDIT_KEY_FILE));
  const anchor = path.resolve(settings.anchorPath ?? path.join(path.dirname(key), AUDIT_ANCHOR_FILE));
  return { log, key, anchor, lock: `${log}.lock` };
}
