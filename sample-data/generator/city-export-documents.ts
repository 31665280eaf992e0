// Check digits of Brazilian documents, written here once more on purpose: the truth file's
// baseline counts (city-export-baseline.ts) must not come from the validator they check.

function digits(value: string, length: number): number[] | undefined {
  if (!new RegExp(`^\\d{${length}}$`).test(value)) return undefined;
  return [...value].map(Number);
}

function weightedSum(ds: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + w * (ds[i] ?? 0), 0);
}

/** Modulo 11 where a remainder under 2 gives 0 (CPF, CNPJ). */
function mod11(ds: readonly number[], weights: readonly number[]): number {
  const rest = weightedSum(ds, weights) % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const allSame = (ds: readonly number[]): boolean => ds.every((d) => d === ds[0]);

/** 11 digits, two modulo-11 digits; `111.111.111-11` and the like pass the digits but no CPF has them. */
export function validCpf(value: string): boolean {
  const ds = digits(value, 11);
  if (!ds || allSame(ds)) return false;
  return mod11(ds, [10, 9, 8, 7, 6, 5, 4, 3, 2]) === ds[9] && mod11(ds, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) === ds[10];
}

export function validCnpj(value: string): boolean {
  const ds = digits(value, 14);
  if (!ds || allSame(ds)) return false;
  return mod11(ds, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === ds[12] && mod11(ds, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === ds[13];
}

/** PIS/NIS: one digit, 11 minus the remainder, where 10 and 11 become 0. */
export function validNis(value: string): boolean {
  const ds = digits(value, 11);
  if (!ds || allSame(ds)) return false;
  const dv = 11 - (weightedSum(ds, [3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return (dv >= 10 ? 0 : dv) === ds[10];
}

/** CNS (definitive 1/2, provisional 7/8/9): the digits weighted 15..1 sum to a multiple of 11. */
export function validCns(value: string): boolean {
  const ds = digits(value, 15);
  if (!ds || ![1, 2, 7, 8, 9].includes(ds[0] ?? -1)) return false;
  return weightedSum(ds, [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;
}

export type DocumentKind = 'cpf' | 'cnpj' | 'nis' | 'cns';

export const DOCUMENT_VALIDATORS: Readonly<Record<DocumentKind, (value: string) => boolean>> = {
  cpf: validCpf,
  cnpj: validCnpj,
  nis: validNis,
  cns: validCns,
};
