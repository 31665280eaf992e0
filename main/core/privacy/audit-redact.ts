// Personal data kept out of the audit log in clear: parameter values that may identify a
// person (by the parameter's name, or because the value looks like a CPF, CNS, NIS or CNPJ)
// and such numbers written literally in SQL are stored as a keyed hash. The key lives beside
// the log, so the data protection officer can still check "was this CPF searched?".
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParamValue } from '../api.ts';

const IDENTIFYING_NAME = /cpf|cns|nis|cnpj|nome|mae|rg|email|telefone|celular|endereco|logradouro|id_origem|codigo_familiar|documento/i;
// 11 (CPF, NIS), 14 (CNPJ) or 15 (CNS) digits, with or without the usual punctuation.
const IDENTIFYING_NUMBER = /(?<![0-9])(?:\d{3}\.?\d{3}\.?\d{3}-?\d{2}|\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}|\d{3} ?\d{4} ?\d{4} ?\d{4})(?![0-9])/g;

export const AUDIT_KEY_FILE = 'chave-auditoria';

export type AuditParamValue = string | number | boolean | null | (string | number)[];

/** Reads, or creates once (mode 0600), the key beside the log. */
export async function loadAuditKey(logPath: string): Promise<Buffer> {
  const file = path.join(path.dirname(logPath), AUDIT_KEY_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFile(file);
}

export function keyedHash(key: Buffer, value: string): string {
  return `hmac-sha256:${createHmac('sha256', key).update(value).digest('hex')}`;
}

function looksIdentifying(value: string): boolean {
  IDENTIFYING_NUMBER.lastIndex = 0;
  return IDENTIFYING_NUMBER.test(value);
}

function plain(value: ParamValue | undefined): AuditParamValue {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function redactParams(key: Buffer, params: Record<string, ParamValue | undefined> | undefined): Record<string, AuditParamValue> | undefined {
  if (params === undefined) return undefined;
  const redacted: Record<string, AuditParamValue> = {};
  for (const [name, raw] of Object.entries(params)) {
    const value = plain(raw);
    const text = Array.isArray(value) ? value.join('\u0000') : value === null ? '' : String(value);
    const identifying = value !== null && (IDENTIFYING_NAME.test(name) || looksIdentifying(text));
    redacted[name] = identifying ? keyedHash(key, text) : value;
  }
  return redacted;
}

/** The SQL text with CPF/CNS/NIS/CNPJ-like literals replaced by their keyed hash. */
export function redactSql(key: Buffer, sql: string): string {
  return sql.replace(IDENTIFYING_NUMBER, (found) => `[${keyedHash(key, found.replace(/\D/g, ''))}]`);
}
