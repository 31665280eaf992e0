// Personal data kept out of the audit log in clear: parameter values that may identify a
// person (by the parameter's name, or because the value is a CPF, CNS, NIS or CNPJ), such
// numbers written in SQL, purposes, paths and error messages in any spelling, and every
// single-quoted literal of an error message (DuckDB quotes the offending data value there:
// `Could not convert string '123.456.789-01' to INT32`). With the key they become a keyed
// hash, so the data protection officer can still check "was this CPF searched?" (the hash of
// a number is over its digits only, whatever the spelling); without a key (the history, the
// screen) they become a placeholder such as `[cpf omitido]`.
import { createHmac } from 'node:crypto';
import type { ParamValue } from '../api/index.ts';
import { replaceIdentifiers, wholeIdentifier } from './audit-identifiers.ts';

const IDENTIFYING_NAME = /cpf|cns|nis|cnpj|nome|mae|rg|email|telefone|celular|endereco|logradouro|id_origem|codigo_familiar|documento/i;
// A SQL-style literal: '' is an escaped quote. An unterminated one runs to the end (messages
// are sometimes cut mid-literal).
const QUOTED_LITERAL = /'((?:[^']|'')*)(?:'|$)/g;

export type AuditParamValue = string | number | boolean | null | (string | number)[];

export function keyedHash(key: Buffer, value: string): string {
  return `hmac-sha256:${createHmac('sha256', key).update(value).digest('hex')}`;
}

/** What a single value hashes as: the digits of a number written in any spelling, else the text. */
function hashInput(text: string): string {
  return wholeIdentifier(text)?.digits ?? text;
}

/** `text` with every CPF/NIS/CNS/CNPJ, in any spelling, replaced by `[hmac-sha256:…]`. */
export function redactText(key: Buffer, text: string): string {
  return replaceIdentifiers(text, (span) => `[${keyedHash(key, span.digits)}]`);
}

/** `text` with every CPF/NIS/CNS/CNPJ replaced by a placeholder (`[cpf omitido]`); no key needed. */
export function omitIdentifiers(text: string): string {
  return replaceIdentifiers(text, (span) => `[${span.kind} omitido]`);
}

/** An error message for the log: single-quoted literals and identifiers as keyed hashes. */
export function redactErrorText(key: Buffer, text: string): string {
  return redactText(key, text.replace(QUOTED_LITERAL, (_, inner: string) => `'${keyedHash(key, hashInput(inner.replaceAll("''", "'")))}'`));
}

/** An error message with its literals and identifiers replaced by placeholders; no key needed. */
export function omitErrorText(text: string): string {
  return omitIdentifiers(text.replace(QUOTED_LITERAL, "'[valor omitido]'"));
}

/** The SQL text with identifiers in any spelling replaced by their keyed hash. */
export const redactSql = redactText;

function plain(value: ParamValue | undefined): AuditParamValue {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function redactScalar(key: Buffer, value: string | number | boolean): string | number | boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value);
  if (wholeIdentifier(text) !== undefined) return keyedHash(key, hashInput(text));
  return typeof value === 'string' ? redactText(key, value) : value;
}

export function redactParams(key: Buffer, params: Record<string, ParamValue | undefined> | undefined): Record<string, AuditParamValue> | undefined {
  if (params === undefined) return undefined;
  const redacted: Record<string, AuditParamValue> = {};
  for (const [name, raw] of Object.entries(params)) {
    const value = plain(raw);
    if (value === null) redacted[name] = null;
    else if (IDENTIFYING_NAME.test(name)) redacted[name] = keyedHash(key, Array.isArray(value) ? value.join('\u0000') : hashInput(String(value)));
    else if (Array.isArray(value)) redacted[name] = value.map((item) => redactScalar(key, item) as string | number);
    else redacted[name] = redactScalar(key, value);
  }
  return redacted;
}
