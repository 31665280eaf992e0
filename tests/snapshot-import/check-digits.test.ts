// CPF, CNPJ, NIS and CNS check digits: known documents, the generator's own identifiers (built
// by an independent implementation), single-digit changes, and the SQL form agreeing with the
// TypeScript one on thousands of values.
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import fc from 'fast-check';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { hasValidCheckDigits, validCheckDigitsSql, IDENTIFIER_KINDS } from '../../main/core/snapshot-import/check-digits.ts';
import type { IdentifierKind } from '../../main/core/snapshot-import/check-digits.ts';

const LENGTH: Record<IdentifierKind, number> = { cpf: 11, cnpj: 14, cns: 15, nis: 11 };

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

async function sqlVerdicts(kind: IdentifierKind, values: readonly (string | null)[]): Promise<(boolean | null)[]> {
  const list = values.map((v) => (v === null ? 'NULL::VARCHAR' : quotedString(v))).join(', ');
  const reader = await connection.runAndReadAll(`SELECT ${validCheckDigitsSql(kind, 'v')} AS ok FROM (SELECT unnest([${list}]) AS v, generate_subscripts([${list}], 1) AS i) ORDER BY i`);
  return reader.getRowObjectsJS().map((row) => row.ok as boolean | null);
}

describe('check digits in TypeScript', () => {
  it('accepts known valid documents, punctuated or bare', () => {
    expect(hasValidCheckDigits('cpf', '529.982.247-25')).toBe(true);
    expect(hasValidCheckDigits('cpf', '52998224725')).toBe(true);
    expect(hasValidCheckDigits('cnpj', '11.222.333/0001-81')).toBe(true);
    expect(hasValidCheckDigits('cnpj', '11222333000181')).toBe(true);
    // Worked by hand: NIS 1205683469 → 204 % 11 = 6 → digit 5; CNS 12345678910 → sum % 11 = 1
    // → digit 10 → tail 001 and (sum + 2) % 11 = 3 → 8; provisional CNS whose weighted sum is 11's multiple.
    expect(hasValidCheckDigits('nis', '120.56834.69-5')).toBe(true);
    expect(hasValidCheckDigits('cns', '123456789100018')).toBe(true);
    expect(hasValidCheckDigits('cns', '700000000000005')).toBe(true);
  });

  it('refuses a changed digit, a wrong length, letters and repeated digits', () => {
    expect(hasValidCheckDigits('cpf', '529.982.247-24')).toBe(false);
    expect(hasValidCheckDigits('cpf', '5299822472')).toBe(false);
    expect(hasValidCheckDigits('cpf', '529982247250')).toBe(false);
    expect(hasValidCheckDigits('cpf', '5299822472a')).toBe(false);
    expect(hasValidCheckDigits('cpf', '111.111.111-11')).toBe(false);
    expect(hasValidCheckDigits('cnpj', '11.222.333/0001-80')).toBe(false);
    expect(hasValidCheckDigits('cnpj', '00000000000000')).toBe(false);
    expect(hasValidCheckDigits('nis', '12056834694')).toBe(false);
    expect(hasValidCheckDigits('cns', '123456789100008')).toBe(false);
    expect(hasValidCheckDigits('cns', '700000000000006')).toBe(false);
    // No CNS starts with 3 to 6 or 0.
    expect(hasValidCheckDigits('cns', '300000000000005')).toBe(false);
  });

  it('a definitive CNS (1 or 2) built from a PIS also has a weighted sum that is a multiple of 11', () => {
    // The Ministry's generic check, an independent statement of the same rule.
    const weightedSum = (d: string) => [...d].reduce((sum, c, i) => sum + Number(c) * (15 - i), 0);
    fc.assert(
      fc.property(fc.constantFrom('1', '2'), fc.stringMatching(/^[0-9]{10}$/), fc.stringMatching(/^[0-9]{4}$/), (first, rest, tail) => {
        const cns = `${first}${rest}${tail}`;
        if (hasValidCheckDigits('cns', cns)) expect(weightedSum(cns) % 11).toBe(0);
      }),
      { numRuns: 5_000 },
    );
    // And every PIS gives exactly one valid definitive CNS among its 10,000 tails.
    for (const pis of ['10000000000', '12056834692', '29999999999']) {
      let valid = 0;
      for (let tail = 0; tail < 10_000; tail += 1) if (hasValidCheckDigits('cns', `${pis}${String(tail).padStart(4, '0')}`)) valid += 1;
      expect(valid, pis).toBe(1);
    }
  });

  it('exactly one check digit pair of the 100 is valid for a CPF body, one of 10 for a NIS body', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (body) => {
        fc.pre(!/^(\d)\1{8}$/.test(body));
        const valid = Array.from({ length: 100 }, (_, dv) => `${body}${String(dv).padStart(2, '0')}`).filter((cpf) => hasValidCheckDigits('cpf', cpf));
        expect(valid).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), (body) => {
        const valid = Array.from({ length: 10 }, (_, dv) => `${body}${dv}`).filter((nis) => hasValidCheckDigits('nis', nis));
        expect(valid).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('check digits in SQL', () => {
  it('agree with TypeScript on random, near-valid and punctuated values of every kind', async () => {
    for (const kind of IDENTIFIER_KINDS) {
      const values = fc.sample(
        fc.oneof(
          fc.stringMatching(new RegExp(`^[0-9]{${LENGTH[kind]}}$`)),
          fc.stringMatching(new RegExp(`^[0-9]{${LENGTH[kind] - 1},${LENGTH[kind] + 1}}$`)),
          fc.stringMatching(/^[0-9.\-/ a]{0,18}$/),
        ),
        1500,
      );
      // Valid ones too: random values are almost never valid.
      const valid = knownValid[kind];
      for (const value of valid) expect(hasValidCheckDigits(kind, value), value).toBe(true);
      const all = [...values, ...valid, ...valid.map((v) => `${v.slice(0, 3)}.${v.slice(3, 6)}-${v.slice(6)}`), null];
      const verdicts = await sqlVerdicts(kind, all);
      all.forEach((value, index) => expect(verdicts[index], `${kind} ${value}`).toBe(value === null ? null : hasValidCheckDigits(kind, value)));
    }
  });

  it('the generator’s identifiers (its own implementation) are all valid, and a changed last digit never is', async () => {
    const dir = inject('sampleRegistryDir');
    const file = (table: string) => quotedString(path.join(dir, 'snapshots', '2026-10-31', `${table}.parquet`));
    const columns: [IdentifierKind, string, string][] = [
      ['cpf', 'pessoa', 'cpf'],
      ['cns', 'pessoa', 'cns'],
      ['nis', 'pessoa', 'nis'],
      ['cnpj', 'contribuinte', 'cnpj'],
      ['cnpj', 'obra', 'cnpj_empresa'],
    ];
    for (const [kind, table, column] of columns) {
      const changed = `left(${column}, -1) || CAST((CAST(right(${column}, 1) AS INTEGER) + 1) % 10 AS VARCHAR)`;
      const reader = await connection.runAndReadAll(
        `SELECT count(${column}) AS n, count(*) FILTER (WHERE ${validCheckDigitsSql(kind, column)}) AS ok, ` +
          `count(*) FILTER (WHERE ${validCheckDigitsSql(kind, changed)}) AS changed_ok FROM read_parquet(${file(table)})`,
      );
      const row = reader.getRowObjectsJS()[0] as { n: bigint; ok: bigint; changed_ok: bigint };
      expect(row.n, `${table}.${column}`).toBeGreaterThan(0n);
      expect(row.ok, `${table}.${column}`).toBe(row.n);
      expect(row.changed_ok, `${table}.${column}`).toBe(0n);
    }
  });
});

const knownValid: Record<IdentifierKind, string[]> = {
  cpf: ['52998224725', '11144477735', '39053344705'],
  cnpj: ['11222333000181', '45997418000153'],
  nis: ['12056834695'],
  cns: ['700000000000005', '123456789100018'],
};
