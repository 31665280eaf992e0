// What the audit log hashes before it writes, checked on the functions themselves (the log's own
// test, audit-redact, writes every spelling through a real AuditLog): which runs of digits are a
// CPF, NIS, CNS or CNPJ, and of which kind; a known layout wins over an odd grouping, and then
// more digits win; the log's own hashes are never read as numbers, but a number touching one
// still is; which parameters are hashed whole (by name, or because the value is one number),
// and how an error message's quoted literals are hashed.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findIdentifiers, replaceIdentifiers, wholeIdentifier } from '../../main/core/privacy/audit-identifiers.ts';
import { keyedHash, redactErrorText, redactParams, redactText } from '../../main/core/privacy/audit-redact.ts';

const KEY = Buffer.alloc(32, 7);
const hmac = (value: string) => `hmac-sha256:${createHmac('sha256', KEY).update(value).digest('hex')}`;

/** [text found, its digits, its kind] for each identifier of `text`, left to right. */
function found(text: string): [string, string, string][] {
  return findIdentifiers(text).map((span) => [text.slice(span.start, span.end), span.digits, span.kind]);
}

describe('identifiers in free text', () => {
  it('names the kind of a known layout, and of an odd grouping by its count of digits', () => {
    expect(found('1234.5678.9012345')).toEqual([['1234.5678.9012345', '123456789012345', 'cns']]);
    expect(found('1234.5678.901234')).toEqual([['1234.5678.901234', '12345678901234', 'cnpj']]);
    expect(found('12.34.5678901')).toEqual([['12.34.5678901', '12345678901', 'cpf/nis']]);
    expect(found('1234567890 1')).toEqual([['1234567890 1', '12345678901', 'nis']]);
    expect(found('1.2.3.4.5.6.7.8.9.0.1.2.3.4')).toEqual([['1.2.3.4.5.6.7.8.9.0.1.2.3.4', '12345678901234', 'cnpj']]);
  });

  it('finds two numbers side by side, and none in a run too long to be one', () => {
    expect(found('123 456 789 09 e 987.654.321-00')).toEqual([
      ['123 456 789 09', '12345678909', 'cpf'],
      ['987.654.321-00', '98765432100', 'cpf'],
    ]);
    expect(found('123456789012345678')).toEqual([]);
    expect(found('1234567890123456 12345678909')).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
    expect(found('12345678909-1234')).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
  });

  it('prefers a known layout to an odd grouping of more digits, then more digits', () => {
    // "123 12345678909" is 14 digits in an odd grouping; the 11 undivided digits are a CPF.
    expect(found('123 12345678909')).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
    expect(found('2026-10-31 12345678909')).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
    // Both odd: the grouping of 14 digits wins over the one of 11 inside it.
    expect(found('12 345 678 901 234')).toEqual([['12 345 678 901 234', '12345678901234', 'cnpj']]);
    expect(found('12345678 909')).toEqual([['12345678 909', '12345678909', 'cpf/nis']]);
  });

  it('never reads the log’s own hash as a number, but finds one written right against it', () => {
    const allDigits = `hmac-sha256:${'1234567890'.repeat(6)}1234`;
    expect(found(allDigits)).toEqual([]);
    const letters = `hmac-sha256:${'a'.repeat(64)}`;
    expect(found(`${letters}12345678909`)).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
    expect(found(`12345678909${allDigits}`)).toEqual([['12345678909', '12345678909', 'cpf/nis']]);
    expect(found(`12345678909 [${allDigits}] 98765432100`)).toEqual([
      ['12345678909', '12345678909', 'cpf/nis'],
      ['98765432100', '98765432100', 'cpf/nis'],
    ]);
    // A hash whose hex ends in a digit, then a separator and a number: the number is still found
    // (the hash is cut out of the run, not the whole run skipped).
    const endsInDigit = `hmac-sha256:${'0'.repeat(64)}`;
    expect(found(`x ${endsInDigit} 98765432100`)).toEqual([['98765432100', '98765432100', 'cpf/nis']]);
    expect(found(`${endsInDigit}-987.654.321-00`)).toEqual([['987.654.321-00', '98765432100', 'cpf']]);
    expect(redactText(KEY, `select 1 -- ${endsInDigit} 98765432100`)).not.toContain('98765432100');
    // Redacting twice changes nothing.
    const once = redactText(KEY, 'cpf 123.456.789-09 e cns 123 4567 8901 2345');
    expect(once).toBe(`cpf [${hmac('12345678909')}] e cns [${hmac('123456789012345')}]`);
    expect(redactText(KEY, once)).toBe(once);
  });

  it('replaces each identifier and keeps the text around it', () => {
    expect(replaceIdentifiers('a 123.456.789-09, b 98765432100.', (span) => `<${span.kind}>`)).toBe('a <cpf>, b <cpf/nis>.');
    expect(replaceIdentifiers('sem números', () => 'x')).toBe('sem números');
  });

  it('takes a whole text as one identifier only when it is nothing else', () => {
    expect(wholeIdentifier(' 123.456.789-09 ')).toEqual({ start: 0, end: 14, digits: '12345678909', kind: 'cpf' });
    expect(wholeIdentifier('cpf 12345678909')).toBeUndefined();
    expect(wholeIdentifier('12345678909 x')).toBeUndefined();
    expect(wholeIdentifier('12345678909 98765432100')).toBeUndefined();
    expect(wholeIdentifier('')).toBeUndefined();
  });
});

describe('parameters and error messages in the log', () => {
  it('hashes a parameter whole when its name may identify someone or its value is one number, and the numbers inside other text', () => {
    const redacted = redactParams(KEY, {
      nome_mae: 'Maria',
      bairro: 'Centro',
      Email: 'a@b',
      lista_cpf: ['1', '2'],
      n: 5n,
      total: 12345678909n,
      idade: 42,
      num: 12345678909,
      ok: true,
      vazio: null,
      nada: undefined,
      texto: 'ver 123.456.789-09 hoje',
      lista: ['123.456.789-09', 'Centro'],
      numeros: [12345678909, 7],
    });
    expect(redacted).toEqual({
      nome_mae: hmac('Maria'),
      bairro: 'Centro',
      Email: hmac('a@b'),
      lista_cpf: hmac('1\u00002'),
      n: '5',
      total: hmac('12345678909'),
      idade: 42,
      num: hmac('12345678909'),
      ok: true,
      vazio: null,
      nada: null,
      texto: `ver [${hmac('12345678909')}] hoje`,
      lista: [hmac('12345678909'), 'Centro'],
      numeros: [hmac('12345678909'), 7],
    });
    // A name that may identify someone hashes a number by its digits, whatever the spelling.
    expect(redactParams(KEY, { cpf: '123.456.789-09' })).toEqual({ cpf: hmac('12345678909') });
    expect(redactParams(KEY, undefined)).toBeUndefined();
    expect(keyedHash(KEY, 'x')).toBe(hmac('x'));
  });

  it('hashes each quoted literal of an error (a quote inside unescaped, a number by its digits, one cut off at the end) and the numbers outside them', () => {
    expect(redactErrorText(KEY, "Could not convert 'Ana d''Ávila' and ' 123.456.789-09 ' near 98765432100 and 'cortado")).toBe(
      `Could not convert '${hmac("Ana d'Ávila")}' and '${hmac('12345678909')}' near [${hmac('98765432100')}] and '${hmac('cortado')}'`,
    );
  });
});
