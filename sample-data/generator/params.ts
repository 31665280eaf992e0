// Scale-dependent sizes and the fixed dates of the generated registry.

/** Snapshot dates: fixed so panels over the sample always give the same answers. */
export const SNAPSHOT_DATES = ['2026-09-30', '2026-10-31'] as const;
/** The world is generated up to the newest snapshot; older snapshots are views of it. */
export const FINAL_DATE = SNAPSHOT_DATES[SNAPSHOT_DATES.length - 1] as string;
/** Events (appointments, payments, attendances) are generated from this date on. */
export const HISTORY_START = '2025-01-01';

export interface GenParams {
  seed: number;
  scale: number;
  pessoas: number;
  /** Children born in the seven years up to FINAL_DATE (about 5,500 births a year at SF 1). */
  criancas: number;
  /** A multiplier coprime with `criancas`, to spread birth slots over person ids. */
  multCriancas: number;
  escolas: number;
  unidadesPorBairro: number;
  empresas: number;
  obras: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function coprimeNear(target: number, n: number): number {
  let m = Math.max(1, Math.round(target));
  while (gcd(m, n) !== 1) m++;
  return m;
}

export function paramsFor(scale: number, seed: number): GenParams {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const pessoas = Math.max(500, Math.round(451_500 * scale));
  const criancas = Math.round((pessoas * 5_500 * 7) / 451_500);
  return {
    seed,
    scale,
    pessoas,
    criancas,
    multCriancas: coprimeNear(criancas * 0.618, criancas),
    escolas: Math.max(12, Math.round(140 * scale)),
    unidadesPorBairro: Math.max(1, Math.round(scale)),
    empresas: Math.max(30, Math.round(22_000 * scale)),
    obras: Math.max(30, Math.round(120 * scale)),
  };
}
