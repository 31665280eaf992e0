// The re-identification bench (main/bench/reidentification.ts) checked three ways:
// - its masked values are the ones Mirante's masked view serves (the real `mirante query`);
// - on the SF 0.01 registry, every measure equals an independent computation: digit masks as
//   plain substrings and k as a per-person window count in DuckDB, initials and k in plain JS;
// - on a handcrafted registry, measures whose answer is worked out by hand (particles,
//   punctuated and malformed CPFs, NULL and blank values, the 72-month boundary, deceased children).
// Over 300 lines: the two independent computations of 23 measures are the test's substance.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  REIDENTIFICATION_MEASURES,
  measureReidentification,
  openMaskedPeople,
  type KeyColumn,
  type MeasureSpec,
  type ReidentificationMeasure,
} from '../../main/bench/reidentification.ts';
import { benchPartsFor } from '../../main/cli/commands/bench.ts';
import { UsageError } from '../../main/cli/errors.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { runCli, projectRoot } from '../support/run-cli.ts';

const dataDir = inject('sampleRegistryDir');
let instance: DuckDBInstance;
let connection: DuckDBConnection;
let scratch: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-reid-'));
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

async function newestPessoa(dir: string): Promise<{ date: string; file: string }> {
  const date = (await readdir(path.join(dir, 'snapshots'))).sort().at(-1) as string;
  return { date, file: path.join(dir, 'snapshots', date, 'pessoa.parquet') };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS();
}

const round4 = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function byCase(results: ReidentificationMeasure[]): Map<string, ReidentificationMeasure> {
  return new Map(results.map((result) => [result.case, result]));
}

// ---- The independent JS oracle: masks written from the README's description, k counted with a Map.

const PARTICLES = new Set(['da', 'das', 'de', 'do', 'dos', 'e']);

function jsInitials(name: string): string {
  return name
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !PARTICLES.has(word.toLowerCase()) && !/[0-9]/.test(word))
    .map((word) => `${(word[0] as string).toUpperCase()}.`)
    .join(' ');
}

interface RawPerson {
  cpf: string | null;
  nis: string | null;
  cns: string | null;
  nome: string | null;
  nome_mae: string | null;
  data_nascimento: string | null;
  sexo: string | null;
  bairro: string | null;
  data_obito: string | null;
}

/** Only for registries whose identifiers are all bare digits of the right length (asserted below). */
function jsMasked(person: RawPerson, column: KeyColumn): string | null {
  const value = column === 'mes_nascimento' ? person.data_nascimento : person[column];
  if (value === null) return null;
  switch (column) {
    case 'cpf':
      return `***.${value.slice(3, 6)}.${value.slice(6, 9)}-**`;
    case 'nis':
      return `***.${value.slice(3, 8)}.**-*`;
    case 'cns':
      return `*** ${value.slice(3, 7)} ${value.slice(7, 11)} ****`;
    case 'nome':
    case 'nome_mae':
      return jsInitials(value);
    case 'mes_nascimento':
      return `${value.slice(0, 7)}-01`;
    default:
      return value;
  }
}

function jsIsChild(person: RawPerson, date: string): boolean {
  if (person.data_nascimento === null || person.data_nascimento > date) return false;
  if (person.data_obito !== null && person.data_obito <= date) return false;
  // Under 72 completed months: the 72-month birthday (clamped to the month's end) is still ahead.
  const [y, m, d] = person.data_nascimento.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 6, m, 0)).getUTCDate();
  const birthday = `${y + 6}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
  return birthday > date;
}

function jsMeasure(people: RawPerson[], spec: MeasureSpec, date: string): ReidentificationMeasure {
  const identifiers: readonly string[] = ['cpf', 'nis', 'cns', 'nome', 'nome_mae'];
  const keys: string[] = [];
  for (const person of people) {
    if (spec.population === 'crianca' && !jsIsChild(person, date)) continue;
    const values = spec.key.map((column) => jsMasked(person, column));
    if (spec.key.some((column, i) => identifiers.includes(column) && (values[i] ?? '').trim() === '')) continue;
    keys.push(JSON.stringify(values));
  }
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const ks = keys.map((key) => counts.get(key) as number).sort((a, b) => a - b);
  const classes = counts.size;
  return {
    case: `reidentification_${spec.name}`,
    people: ks.length,
    unique_share: round4(ks.filter((k) => k === 1).length, ks.length),
    k_lt_5_share: round4(ks.filter((k) => k < 5).length, ks.length),
    median_k: ks.length === 0 ? null : (ks[Math.floor((ks.length - 1) / 2)] as number),
    classes,
    single_class_share: round4([...counts.values()].filter((k) => k === 1).length, classes),
  };
}

async function readRaw(file: string): Promise<RawPerson[]> {
  return (await rows(
    `SELECT cpf, nis, cns, nome, nome_mae, CAST(data_nascimento AS VARCHAR) AS data_nascimento, sexo, bairro,
            CAST(data_obito AS VARCHAR) AS data_obito FROM read_parquet('${file}')`,
  )) as unknown as RawPerson[];
}

// ---- The independent DuckDB computation: substrings for the digit masks, k per person by a window.

const SQL_MASKS: Partial<Record<KeyColumn, string>> = {
  cpf: 'substr(cpf, 4, 6)',
  nis: 'substr(nis, 4, 5)',
  cns: 'substr(cns, 4, 8)',
  data_nascimento: 'data_nascimento',
  mes_nascimento: "strftime(data_nascimento, '%Y-%m')",
  sexo: 'sexo',
  bairro: 'bairro',
};

async function sqlMeasure(file: string, spec: MeasureSpec, date: string): Promise<ReidentificationMeasure | undefined> {
  const masks = spec.key.map((column) => SQL_MASKS[column]);
  if (masks.some((mask) => mask === undefined)) return undefined;
  const where = [
    ...spec.key.filter((c) => c === 'cpf' || c === 'nis' || c === 'cns').map((c) => `${c} IS NOT NULL`),
    ...(spec.population === 'crianca'
      ? [`data_nascimento <= DATE '${date}'`, `data_nascimento + INTERVAL 72 MONTH > DATE '${date}'`, `coalesce(data_obito > DATE '${date}', true)`]
      : []),
  ];
  const [row] = await rows(`
    WITH per_person AS (
      SELECT count(*) OVER (PARTITION BY ${masks.join(', ')}) AS k FROM read_parquet('${file}')
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    )
    SELECT count(*)::INTEGER AS people, count(*) FILTER (WHERE k = 1)::INTEGER AS k1, count(*) FILTER (WHERE k < 5)::INTEGER AS klt5,
           quantile_disc(k, 0.5)::INTEGER AS median_k, round(sum(1 / k))::INTEGER AS classes
    FROM per_person`);
  const n = (name: string) => Number(row?.[name] ?? 0);
  return {
    case: `reidentification_${spec.name}`,
    people: n('people'),
    unique_share: round4(n('k1'), n('people')),
    k_lt_5_share: round4(n('klt5'), n('people')),
    median_k: row?.median_k === null ? null : n('median_k'),
    classes: n('classes'),
    // People with k = 1 are the classes of one person.
    single_class_share: round4(n('k1'), n('classes')),
  };
}

describe('reidentification bench on the SF 0.01 registry', () => {
  let results: Map<string, ReidentificationMeasure>;
  let raw: RawPerson[];
  let date: string;
  let file: string;

  beforeAll(async () => {
    ({ date, file } = await newestPessoa(dataDir));
    results = byCase(await measureReidentification(dataDir));
    raw = await readRaw(file);
  });

  it('prints every measure once, with people and shares in range', () => {
    expect([...results.keys()]).toEqual(REIDENTIFICATION_MEASURES.map((spec) => `reidentification_${spec.name}`));
    for (const result of results.values()) {
      expect(result.people).toBeGreaterThan(0);
      expect(result.unique_share).toBeGreaterThanOrEqual(0);
      expect(result.k_lt_5_share).toBeGreaterThanOrEqual(result.unique_share as number);
      expect(result.k_lt_5_share).toBeLessThanOrEqual(1);
    }
    expect(results.get('reidentification_nome')?.people).toBe(raw.length);
  });

  it('masks pessoa exactly as the masked view `mirante query` serves', async () => {
    const columns = 'CAST(pessoa_id AS VARCHAR) AS pessoa_id, cpf, nis, cns, nome, nome_mae';
    const cli = await runCli(['query', `select ${columns} from pessoa order by pessoa_id`, '--data', dataDir, '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const served = cli.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const people = await openMaskedPeople(dataDir);
    try {
      const ours = (await people.connection.runAndReadAll(`SELECT ${columns} FROM ${people.table} ORDER BY pessoa_id`)).getRowObjectsJson();
      expect(ours.length).toBe(raw.length);
      expect(ours).toEqual(served);
    } finally {
      people.close();
    }
  });

  it('equals an independent DuckDB computation and an independent JS one, measure by measure', async () => {
    // The oracles' digit masks assume bare digits of the right length, as the generator writes them.
    for (const person of raw) {
      if (person.cpf !== null) expect(person.cpf).toMatch(/^\d{11}$/);
      if (person.nis !== null) expect(person.nis).toMatch(/^\d{11}$/);
      if (person.cns !== null) expect(person.cns).toMatch(/^\d{15}$/);
    }
    let bySql = 0;
    for (const spec of REIDENTIFICATION_MEASURES) {
      const measured = results.get(`reidentification_${spec.name}`);
      expect(measured, spec.name).toEqual(jsMeasure(raw, spec, date));
      const sql = await sqlMeasure(file, spec, date);
      if (sql === undefined) continue;
      bySql++;
      expect(measured, spec.name).toEqual(sql);
    }
    expect(bySql).toBeGreaterThanOrEqual(10);
  });

  it('runs only the measures that start with a prefix', async () => {
    const cpf = await measureReidentification(dataDir, { only: 'reidentification_cpf' });
    expect(cpf.map((r) => r.case)).toEqual(['reidentification_cpf', 'reidentification_cpf_data_nascimento', 'reidentification_cpf_nome']);
    expect(cpf[0]).toEqual(results.get('reidentification_cpf'));
  });
});

describe('reidentification bench on a handcrafted registry', () => {
  const date = '2026-10-31';
  let results: Map<string, ReidentificationMeasure>;

  beforeAll(async () => {
    const dir = path.join(scratch, 'handcrafted');
    const select = `
      SELECT * FROM (VALUES
        (1, '12345678901',    '12345678901', '700000000000001', 'Maria da Silva Oliveira', 'Ana Souza',    DATE '1980-01-01', 'F', 'Centro',     NULL),
        (2, '999.456.789-00', '10045678999', NULL,              'Mário Souza Orta',        'Ana de Souza', DATE '1980-01-01', 'M', 'Centro',     NULL),
        (3, NULL,             NULL,          NULL,              'João Pereira',            'Rita Lima',    DATE '2022-05-10', 'M', 'Centro',     NULL),
        (4, '   ',            NULL,          '700000000000002', 'José Pereira',            'Rosa Lima',    DATE '2022-05-10', 'M', 'Centro',     NULL),
        (5, '11122233344',    NULL,          '700000000000003', 'Julia Paz',               'Rita Lima',    DATE '2020-11-01', 'F', 'Jundiapeba', NULL),
        (6, '55566677788',    NULL,          '700000000000004', 'Jonas Prado',             'Rita Lima',    DATE '2020-10-31', 'M', 'Jundiapeba', NULL),
        (7, '00011122233',    NULL,          '700000000000005', 'Joana Pires',             'Rita Lima',    DATE '2021-01-01', 'F', NULL,         DATE '2026-10-31'),
        (8, '1234',           NULL,          NULL,              'Ana Beatriz',             'Rita Lima',    DATE '2021-01-01', 'F', NULL,         NULL)
      ) t(pessoa_id, cpf, nis, cns, nome, nome_mae, data_nascimento, sexo, bairro, data_obito)`;
    const dictionary = await readFile(path.join(projectRoot, 'sample-data', 'dicionario.yaml'), 'utf8');
    await writeRegistry(dir, { dictionary, snapshots: { [date]: { pessoa: { select } } } });
    results = byCase(await measureReidentification(dir));
  });

  const expected = (people: number, k: number[], classes: number, single: number) => ({
    people,
    unique_share: round4(k.filter((x) => x === 1).length, people),
    k_lt_5_share: round4(k.filter((x) => x < 5).length, people),
    median_k: [...k].sort((a, b) => a - b)[Math.floor((people - 1) / 2)],
    classes,
    single_class_share: round4(single, classes),
  });

  it('counts a punctuated CPF with its bare twin, a malformed one alone, and leaves out NULL and blank', () => {
    // 1 and 2 both read ***.456.789-**; 5, 6, 7 their own; 8 ('1234') a token; 3 (NULL) and 4 (blank) out.
    expect(results.get('reidentification_cpf')).toMatchObject(expected(6, [2, 2, 1, 1, 1, 1], 5, 4));
    // ***.45678.**-* twice.
    expect(results.get('reidentification_nis')).toMatchObject(expected(2, [2, 2], 1, 0));
  });

  it('reads initials without particles, so different names can share them', () => {
    // M. S. O. ×2, J. P. ×5 (João, José, Julia Paz, Jonas Prado, Joana Pires), A. B. ×1.
    expect(results.get('reidentification_nome')).toMatchObject(expected(8, [2, 2, 5, 5, 5, 5, 5, 1], 3, 1));
    // (M. S. O., A. S.) ×2; (J. P., R. L.) ×5; (A. B., R. L.) ×1.
    expect(results.get('reidentification_nome_nome_mae')).toMatchObject(expected(8, [2, 2, 5, 5, 5, 5, 5, 1], 3, 1));
  });

  it('treats a NULL bairro as a value an attacker sees', () => {
    // (1980-01-01, Centro) ×2, (2022-05-10, Centro) ×2, 5, 6 alone, (2021-01-01, NULL) ×2.
    expect(results.get('reidentification_data_nascimento_bairro')).toMatchObject(expected(8, [2, 2, 2, 2, 1, 1, 2, 2], 5, 2));
  });

  it('counts children under 72 completed months, alive on the snapshot date', () => {
    // 3, 4 (2022) and 5 (71 months) are children; 6 turns 72 months on the date; 7 died on it; 8 is a child too.
    expect(results.get('reidentification_crianca_nome')).toMatchObject(expected(4, [3, 3, 3, 1], 2, 1));
    // (2022-05-10, M, Centro) ×2; 5 and 8 alone.
    expect(results.get('reidentification_crianca_data_nascimento_sexo_bairro')).toMatchObject(expected(4, [2, 2, 1, 1], 3, 2));
    // CNS of 4 and 5 both read *** 0000 0000 ****; 3 and 8 have none.
    expect(results.get('reidentification_crianca_cns')).toMatchObject(expected(2, [2, 2], 1, 0));
    // Birth month (the pseudonymised tier's): 2022-05 M Centro ×2, 2020-11 F Jundiapeba, 2021-01 F NULL.
    expect(results.get('reidentification_crianca_mes_nascimento_sexo_bairro')).toMatchObject(expected(4, [2, 2, 1, 1], 3, 2));
  });
});

describe('mirante bench --only', () => {
  it('runs just the parts that print a case starting with the prefix', () => {
    expect([...benchPartsFor('reidentification')]).toEqual(['reidentification']);
    expect([...benchPartsFor('reidentification_cpf')]).toEqual(['reidentification']);
    expect([...benchPartsFor('panel_obras_sf1')]).toEqual(['panels']);
    expect([...benchPartsFor('query_overhead')]).toEqual(['query']);
    expect([...benchPartsFor('snapshot_diff')]).toEqual(['snapshots']);
    expect([...benchPartsFor('panels_open_memory')]).toEqual(['panels']);
    expect(benchPartsFor(undefined).size).toBe(7);
    expect(() => benchPartsFor('nada')).toThrow(UsageError);
  });
});
