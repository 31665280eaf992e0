// The syslog copy of one audit entry: an RFC 5424 message, facility authpriv (where a
// system keeps what its users must not read or change), severity info, APP-NAME `mirante`,
// MSGID `auditoria`, no structured data, and as MSG one line of JSON holding the whole entry
// and where it came from: `{"registro":{"host","log","chave"},"entrada":{…}}`. The JSON is
// pure ASCII (\u escapes), so no collector re-encodes it; `mirante audit verify --copia`
// finds these lines in whatever format the collector wrote them.
import os from 'node:os';
import type { SealedAuditEntry } from './audit-chain.ts';

export const SYSLOG_APP = 'mirante';
export const SYSLOG_MSGID = 'auditoria';
const PRI = 10 * 8 + 6; // authpriv.info

/** Which log an entry belongs to: the machine, the log's absolute path, the key's public id. */
export interface AuditOrigin {
  host: string;
  log: string;
  chave: string;
}

export interface AuditCopy {
  registro: AuditOrigin;
  entrada: SealedAuditEntry;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function copyBody(origin: AuditOrigin, entry: SealedAuditEntry): string {
  return asciiJson({ registro: origin, entrada: entry } satisfies AuditCopy);
}

/** HOSTNAME of RFC 5424: printable ASCII, no spaces, at most 255 characters. */
export function syslogHostname(name = os.hostname()): string {
  const clean = name.replace(/[^\x21-\x7e]/g, '').slice(0, 255);
  return clean === '' ? '-' : clean;
}

export function rfc5424(body: string, header: { host: string; pid: number; time?: Date }): string {
  const time = (header.time ?? new Date()).toISOString();
  return `<${PRI}>1 ${time} ${header.host} ${SYSLOG_APP} ${header.pid} ${SYSLOG_MSGID} - ${body}`;
}

/** RFC 6587 octet counting: the byte length, a space, the message. */
export function octetFrame(message: string): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]);
}
