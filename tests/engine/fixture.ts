// A tiny registry written by the tests themselves: two snapshots of real Parquet files
// (one table as a single file, one as a folder of files) and a small dictionary.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JSDuckDBValueConverter } from '@duckdb/node-api';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { Engine } from '../../main/core/engine/engine.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { WorkbenchError } from '../../main/core/api/index.ts';
import type { ApiError, RunQueryRequest } from '../../main/core/api/index.ts';

export const OLD_DATE = '2026-09-30';
export const NEW_DATE = '2026-10-31';
export const OLD_PESSOAS = 4;
export const NEW_PESSOAS = 6;

export const DICTIONARY = `versao: 1
tabelas:
  pessoa:
    descricao: Pessoa resolvida do cadastro unificado (uma por cidadão)
    dono: Cadastro Unificado
    colunas:
      pessoa_id:
        tipo: BIGINT
        descricao: Chave única da pessoa no cadastro unificado
        dono: Cadastro Unificado
        privacidade: publico
      nome:
        tipo: VARCHAR
        descricao: Nome civil
        dono: Cadastro Unificado
        privacidade: identificador
      raca_cor:
        tipo: VARCHAR
        descricao: Raça/cor (IBGE)
        dono: Saúde
        privacidade: sensivel
  familia:
    descricao: Família do CadÚnico
    dono: Assistência Social
    colunas:
      familia_id:
        tipo: BIGINT
        descricao: Chave da família
        dono: Assistência Social
        privacidade: publico
`;

const NAMES = ['Ana Conceição', 'João Araújo', 'Maria Luísa', 'José Antônio', 'Beatriz Gonçalves', 'Caio Sebastião'];

function pessoaQuery(count: number): string {
  const names = NAMES.slice(0, count)
    .map((name) => `'${name}'`)
    .join(', ');
  return `SELECT (i + 1)::BIGINT AS pessoa_id, [${names}][i + 1] AS nome,
            (DATE '1980-01-01' + (i * 1000)::INTEGER) AS data_nascimento,
            CASE WHEN i % 2 = 0 THEN 'Centro' ELSE 'Jundiapeba' END AS bairro,
            CASE WHEN i % 2 = 0 THEN 'parda' ELSE 'branca' END AS raca_cor
          FROM range(${count}) t(i)`;
}

export interface Fixture {
  root: string;
  dataDir: string;
  tempRoot: string;
  cleanup(): Promise<void>;
}

export function fixtureRoot(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'mirante-engine-test-'));
}

/** Writes the registry under `root` (a fresh temp folder by default). */
export async function createFixture(root?: string): Promise<Fixture> {
  root ??= await fixtureRoot();
  const dataDir = path.join(root, 'data');
  const snapshot = (count: number) => ({
    pessoa: { select: pessoaQuery(count) },
    familia: {
      parts: [0, 1].map((part) => `SELECT (${part * 10} + i)::BIGINT AS familia_id, i % 2 = 0 AS bolsa_familia FROM range(${count}) t(i)`),
    },
  });
  await writeRegistry(dataDir, { dictionary: DICTIONARY, snapshots: { [OLD_DATE]: snapshot(OLD_PESSOAS), [NEW_DATE]: snapshot(NEW_PESSOAS) } });
  const tempRoot = path.join(root, 'temp');
  return { root, dataDir, tempRoot, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Every file under a folder (relative paths), to prove nothing was written. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

export function chunkRows(chunk: DuckDBDataChunk): unknown[][] {
  return chunk.convertRows(JSDuckDBValueConverter).map((row) => row.map(plain));
}

export interface StatementResult {
  statementIndex: number;
  columns: string[];
  rows: unknown[][];
}

let queryCounter = 0;
export function nextQueryId(): string {
  queryCounter += 1;
  return `q${queryCounter}`;
}

/** Runs a script to the end and returns every statement's rows as plain JS values. */
export async function runAll(engine: Engine, request: RunQueryRequest): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for await (const statement of engine.execute({ ...request, queryId: request.queryId ?? nextQueryId() })) {
    const rows: unknown[][] = [];
    for await (const chunk of statement.chunks) rows.push(...chunkRows(chunk));
    results.push({ statementIndex: statement.statementIndex, columns: statement.columns.map((c) => c.name), rows });
  }
  return results;
}

/** The rows of a one-statement script. */
export async function rowsOf(engine: Engine, sql: string, extra: Partial<RunQueryRequest> = {}): Promise<unknown[][]> {
  const [result] = await runAll(engine, { ...extra, sql });
  return result?.rows ?? [];
}

/** The ApiError a script fails with (fails the test if it succeeds). */
export async function errorOf(engine: Engine, request: RunQueryRequest): Promise<ApiError> {
  try {
    await runAll(engine, request);
  } catch (error) {
    if (error instanceof WorkbenchError) return error.detail;
    throw error;
  }
  throw new Error(`expected an error from: ${request.sql}`);
}

export interface FixtureEngine {
  fixture: Fixture;
  engine: Engine;
}

/**
 * The test file's engine over a fresh fixture registry: opened before its tests (after
 * `prepare` changes the registry, if given), closed and removed after them. `use` receives both.
 */
export function useFixtureEngine(use: (opened: FixtureEngine) => void, prepare?: (fixture: Fixture) => Promise<void>): void {
  let opened: Partial<FixtureEngine> = {};
  beforeAll(async () => {
    const fixture = await createFixture();
    opened = { fixture };
    await prepare?.(fixture);
    const engine = await Engine.open({ dataDir: fixture.dataDir, tempRoot: fixture.tempRoot, threads: 2 });
    opened = { fixture, engine };
    use({ fixture, engine });
  });
  afterAll(async () => {
    await opened.engine?.close();
    await opened.fixture?.cleanup();
  });
}
