import { Option, type Command } from 'commander';
import type { ParamValue } from '../core/api/index.ts';
import { UsageError } from './errors.ts';
import { defaultDataDir } from './paths.ts';

export const OUTPUT_FORMATS = ['table', 'csv', 'csv-br', 'json', 'xlsx', 'parquet'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CommonOptions {
  data: string;
  snapshot?: string;
  param: string[];
  format: OutputFormat;
  out?: string;
  timeout?: number;
  /** IANA zone TIMESTAMPTZ values are computed and printed in (default: the system's). */
  tz?: string;
}

/** The options every data command shares (README.md, "The `mirante` command"). */
export function addCommonOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'pasta de dados (snapshots/ e dicionario.yaml)', defaultDataDir)
    .option('--snapshot <YYYY-MM-DD>', 'data do snapshot (padrão: o mais recente)')
    .option('--param <nome=valor>', 'parâmetro nomeado ($nome), repetível', collect, [])
    .addOption(new Option('--format <formato>', 'formato de saída').choices(OUTPUT_FORMATS).default('table'))
    .option('--out <arquivo>', 'arquivo de saída (padrão: saída padrão nos formatos de texto)')
    .option('--timeout <segundos>', 'tempo limite da consulta em segundos', parsePositiveNumber)
    .option('--tz <fuso>', 'fuso horário IANA de TIMESTAMPTZ, ex.: America/Sao_Paulo (padrão: o do sistema)');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`número inválido: ${value}`);
  return n;
}

/**
 * `--param nome=valor` pairs as text; the engine types each from the prepared statement,
 * so `--param desde=2026-01-01` binds as a DATE where the SQL compares it with one.
 */
export function parseParams(pairs: readonly string[]): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param espera nome=valor, recebeu "${pair}"`);
    const name = pair.slice(0, eq).trim().replace(/^\$/, '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`nome de parâmetro inválido: "${name}"`);
    params[name] = pair.slice(eq + 1);
  }
  return params;
}
