// CPF, NIS, CNS and CNPJ in every common spelling stay out of the audit file: in SQL, in
// purposes, in parameters and in error messages (where every single-quoted literal goes, a
// name as much as a number). The keyed hash is over the digits, so one number written two
// ways hashes the same, and the data protection officer can compute it from the key file.
// The keyless variant (for the history) writes placeholders instead.
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { omitErrorText, omitIdentifiers } from '../../main/core/privacy/audit-redact.ts';

// [spelling, its digits, the placeholder kind]
const SPELLINGS: [string, string, string][] = [
  ['12345678909', '12345678909', 'cpf/nis'],
  ['123.456.789-09', '12345678909', 'cpf'],
  ['123 456 789 09', '12345678909', 'cpf'],
  ['123.456.789/09', '12345678909', 'cpf'],
  ['123456789-09', '12345678909', 'cpf'],
  ['123-456-789-09', '12345678909', 'cpf'],
  ['1 2 3 4 5 6 7 8 9 0 9', '12345678909', 'cpf/nis'],
  ['1234.5678-909', '12345678909', 'cpf/nis'],
  ['123.45678.90-1', '12345678901', 'nis'],
  ['123 4567 8901 2345', '123456789012345', 'cns'],
  ['123456789012345', '123456789012345', 'cns'],
  ['12.345.678/0001-90', '12345678000190', 'cnpj'],
  ['12345678/0001-90', '12345678000190', 'cnpj'],
  ['12345678000190', '12345678000190', 'cnpj'],
];

const NOT_IDENTIFIERS = ["'2026-10-31'", 'limit 100 offset 2000', "'2026-10-31 12:30:00'", 'between 1 and 99', '192.168.100.200', 'R$ 1.234.567,89'];

let scratch: string;
let text: string;
let key: Buffer;

const hmac = (value: string) => `hmac-sha256:${createHmac('sha256', key).update(value).digest('hex')}`;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-redact-'));
  const file = path.join(scratch, 'auditoria.jsonl');
  const log = new AuditLog(file, { user: 'ana', role: 'analista' });
  for (const [index, [spelling]] of SPELLINGS.entries()) {
    const queryId = `q${index}`;
    await log.record({ action: 'query', sql: `select * from pessoa where cpf = '${spelling}' and ${NOT_IDENTIFIERS.join(' and ')}`, status: 'started', queryId });
    await log.record({ action: 'unmask', purpose: `Conferir o cadastro ${spelling} a pedido da ouvidoria`, params: { busca: spelling, lista: [spelling, 'Centro'] }, queryId });
    await log.record({ action: 'query', status: 'error', queryId, error: `Conversion Error: Could not convert string '${spelling}' to INT32\nLINE 1: select '${spelling}'::int, 'Ana d''Ávila'::int` });
    await log.record({ action: 'export', path: `/home/ana/relatorio ${spelling}.xlsx`, sha256: 'f'.repeat(64), rows: 1, queryId });
  }
  text = await readFile(file, 'utf8');
  key = await readFile(path.join(scratch, 'chave-auditoria'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('redaction in the audit file', () => {
  it('leaves no spelling of any identifier, nor its digits, in SQL, purposes, parameters, errors or paths', () => {
    for (const [spelling, digits] of SPELLINGS) {
      expect(text, spelling).not.toContain(spelling);
      expect(text, spelling).not.toContain(digits);
    }
  });

  it('hashes every spelling of one number to the HMAC of its digits under the key file', () => {
    const entries = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [index, [spelling, digits]] of SPELLINGS.entries()) {
      const mine = entries.filter((e) => e.queryId === `q${index}`);
      expect(mine).toHaveLength(4);
      const [query, unmask, failure, exported] = mine as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
      expect(query.sql, spelling).toContain(`'[${hmac(digits)}]'`);
      expect(unmask.purpose, spelling).toBe(`Conferir o cadastro [${hmac(digits)}] a pedido da ouvidoria`);
      expect(unmask.params, spelling).toEqual({ busca: hmac(digits), lista: [hmac(digits), 'Centro'] });
      expect(failure.error, spelling).toContain(`Could not convert string '${hmac(digits)}' to INT32`);
      expect(exported.path, spelling).toBe(`/home/ana/relatorio [${hmac(digits)}].xlsx`);
    }
  });

  it('replaces every single-quoted literal of an error message, names included', () => {
    expect(text).not.toContain('Ávila');
    expect(text).toContain(`'${hmac("Ana d'Ávila")}'::int`);
  });

  it('keeps what is not an identifier: dates, times, small numbers, addresses, money', () => {
    const first = JSON.parse(text.split('\n')[0] as string) as { sql: string };
    for (const kept of NOT_IDENTIFIERS) expect(first.sql).toContain(kept);
  });

  it('keys the SQL digest, so a redacted CPF cannot be found again by hashing candidates', () => {
    const first = JSON.parse(text.split('\n')[0] as string) as { sqlSha256: string };
    const sql = `select * from pessoa where cpf = '12345678909' and ${NOT_IDENTIFIERS.join(' and ')}`;
    expect(first.sqlSha256).toBe(createHmac('sha256', key).update(sql).digest('hex'));
  });
});

describe('redaction without a key (history, screen)', () => {
  it('writes a placeholder for every spelling', () => {
    for (const [spelling, , kind] of SPELLINGS) expect(omitIdentifiers(`busca ${spelling}; fim`), spelling).toBe(`busca [${kind} omitido]; fim`);
    expect(omitIdentifiers('em 2026-10-31 12345678909')).toBe('em 2026-10-31 [cpf/nis omitido]');
    expect(omitIdentifiers(NOT_IDENTIFIERS.join(' '))).toBe(NOT_IDENTIFIERS.join(' '));
  });

  it('drops every literal of an error message', () => {
    expect(omitErrorText("Could not convert string 'Maria d''Ajuda' to INT32 near 123.456.789-09")).toBe("Could not convert string '[valor omitido]' to INT32 near [cpf omitido]");
  });
});
