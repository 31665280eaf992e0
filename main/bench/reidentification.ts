// Re-identification risk of the MASKED views, measured on a registry: for each masked
// identifier and each combination of columns a masked view shows, how many people share a
// person's value (k-anonymity). A person whose combination is shared by nobody (k = 1) is
// singled out by it, masked or not.
//
// The masks are Mirante's own: pessoa's masked view is built here exactly as the workbench
// builds `s_YYYY_MM_DD.pessoa` (privacy/masked-views.ts maskedSelect, i.e. maskExpression and
// publicRowsCondition of privacy/masking.ts for every column the dictionary classes as
// `identificador`, with a masking key installed by installMaskingKey) over a raw view of the
// snapshot's Parquet file, then materialised once and measured in DuckDB.
//
// Definitions (the same for every measure):
// - population: the people measured. `todos` is every row of pessoa (living or not: a masked
//   view shows both); `crianca` is the primeira-infância panel's children (alive on the
//   snapshot date and under 72 completed months old). Within it, people whose masked
//   identifier in the key is NULL or blank are left out: a missing CPF singles nobody out.
//   NULL in a non-identifier column (bairro, sexo) is a value an attacker sees, so it counts.
// - k of a person: the number of people of the population with the same key (the key's
//   masked values, compared as the view shows them). An attacker who knows the target is in
//   the population and knows the key's values finds exactly k candidate rows.
// - unique_share: people with k = 1 / people; k_lt_5_share: people with k < 5 / people;
//   median_k: the median over people (not over values) of k, the lower middle one when the
//   count is even (quantile_disc(k, 0.5)).
// - classes: distinct keys; single_class_share: keys held by exactly one person / classes
//   (for a masked CPF: the share of masked CPFs that are a one-person pseudonym).
import path from 'node:path';
import { DuckDBInstance, quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { loadDictionary } from '../core/registry/dictionary.ts';
import { chooseSnapshot, discoverSnapshots } from '../core/registry/snapshots.ts';
import { maskedSelect } from '../core/privacy/masked-views.ts';
import { installMaskingKey } from '../core/privacy/masking-key.ts';
import { printCase } from './measure.ts';

/** Columns of pessoa a masked view shows that the measures combine. */
const IDENTIFIER_COLUMNS = ['cpf', 'nis', 'cns', 'nome', 'nome_mae'] as const;
const OTHER_COLUMNS = ['pessoa_id', 'data_nascimento', 'sexo', 'bairro', 'data_obito'] as const;
/** `mes_nascimento` is the birth date as the pseudonymised tier keeps it: the first day of its month. */
export type KeyColumn = (typeof IDENTIFIER_COLUMNS)[number] | 'data_nascimento' | 'mes_nascimento' | 'sexo' | 'bairro';
export type Population = 'todos' | 'crianca';

export interface MeasureSpec {
  /** The case is `reidentification_<name>`. */
  name: string;
  population: Population;
  /** Masked columns that together form what an attacker matches on. */
  key: readonly KeyColumn[];
}

export interface ReidentificationMeasure {
  case: string;
  people: number;
  unique_share: number | null;
  k_lt_5_share: number | null;
  median_k: number | null;
  classes: number;
  single_class_share: number | null;
}

const QUASI_IDENTIFIERS: readonly (readonly KeyColumn[])[] = [
  ['nome', 'data_nascimento'],
  ['nome', 'bairro'],
  ['data_nascimento', 'sexo', 'bairro'],
  ['data_nascimento'],
  ['data_nascimento', 'bairro'],
  ['nome', 'nome_mae'],
  // What the pseudonymised tier still shows (names NULL, identifiers HMAC tokens, birth month).
  ['mes_nascimento', 'sexo', 'bairro'],
];

function spec(population: Population, key: readonly KeyColumn[]): MeasureSpec {
  const prefix = population === 'crianca' ? 'crianca_' : '';
  return { name: `${prefix}${key.join('_')}`, population, key };
}

/** Every measure the bench prints, in order. */
export const REIDENTIFICATION_MEASURES: readonly MeasureSpec[] = [
  // Each masked identifier alone.
  ...IDENTIFIER_COLUMNS.map((column) => spec('todos', [column])),
  // Whoever knows a person's real CPF computes its mask, and usually knows the birth date and name too.
  spec('todos', ['cpf', 'data_nascimento']),
  spec('todos', ['cpf', 'nome']),
  // Quasi-identifiers shown as they are (or as initials).
  ...QUASI_IDENTIFIERS.map((key) => spec('todos', key)),
  // Children under 6: initials, CNS (most have one; some have no CPF yet) and the same combinations.
  spec('crianca', ['nome']),
  spec('crianca', ['cns']),
  ...QUASI_IDENTIFIERS.map((key) => spec('crianca', key)),
];

/** The masked people of one snapshot, materialised in an in-memory DuckDB. */
export interface MaskedPeople {
  connection: DuckDBConnection;
  /** The snapshot date: data_referencia() of the masked views. */
  date: string;
  /** The table holding the masked rows. */
  table: string;
  close(): void;
}

export const MASKED_TABLE = 'pessoa_mascarada';

export async function openMaskedPeople(dataDir: string, snapshotDate?: string): Promise<MaskedPeople> {
  const snapshot = chooseSnapshot(await discoverSnapshots(dataDir), snapshotDate);
  const source = snapshot.tables.find((table) => table.name === 'pessoa')?.source;
  if (source === undefined) throw new Error(`O snapshot ${snapshot.date} não tem a tabela pessoa`);
  const entry = (await loadDictionary(dataDir)).tables.get('pessoa');
  for (const column of IDENTIFIER_COLUMNS) {
    // Mirante masks what the dictionary classes as identificador; a measure over a column it
    // leaves raw would be labelled "masked" and be wrong, so refuse.
    if (entry?.columns.get(column)?.privacy !== 'identificador') {
      throw new Error(`${path.join(dataDir, 'dicionario.yaml')}: pessoa.${column} não é identificador; a visão mascarada o mostraria como é`);
    }
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    await installMaskingKey(connection);
    await connection.run('CREATE SCHEMA bruto');
    await connection.run(`CREATE VIEW bruto.pessoa AS SELECT * FROM read_parquet(${quotedString(source)})`);
    const columns = (
      await connection.runAndReadAll(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'bruto' AND table_name = 'pessoa' ORDER BY column_index`,
      )
    ).getRowsJS() as [string, string][];
    const masked = maskedSelect('bruto.pessoa', 'pessoa', columns.map(([name, type]) => ({ name, type })), entry);
    const kept = [...IDENTIFIER_COLUMNS, ...OTHER_COLUMNS].map((c) => quotedIdentifier(c)).join(', ');
    // The month as privacy/pseudonymise.ts writes it.
    const month = `CAST(date_trunc('month', data_nascimento) AS DATE) AS mes_nascimento`;
    await connection.run(`CREATE TABLE ${MASKED_TABLE} AS SELECT ${kept}, ${month} FROM (${masked})`);
  } catch (error) {
    close();
    throw error;
  }
  return { connection, date: snapshot.date, table: MASKED_TABLE, close };
}

function populationCondition(spec: MeasureSpec, date: string): string {
  const conditions = spec.key
    .filter((column) => (IDENTIFIER_COLUMNS as readonly string[]).includes(column))
    .map((column) => `${quotedIdentifier(column)} IS NOT NULL AND trim(${quotedIdentifier(column)}) <> ''`);
  if (spec.population === 'crianca') {
    // The primeira-infância panel's children: alive on the reference date, under 72 completed months.
    const ref = `DATE ${quotedString(date)}`;
    conditions.push(
      `data_nascimento <= ${ref}`,
      `date_sub('month', data_nascimento, ${ref}) < 72`,
      `(data_obito IS NULL OR data_obito > ${ref})`,
    );
  }
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** One measure over the masked people: group by the key, then weigh each class by its people. */
export async function measure(people: MaskedPeople, spec: MeasureSpec): Promise<ReidentificationMeasure> {
  const key = spec.key.map((column) => quotedIdentifier(column)).join(', ');
  const sql = `
    WITH classes AS (
      SELECT count(*) AS k FROM ${people.table} WHERE ${populationCondition(spec, people.date)} GROUP BY ${key}
    ), by_k AS (
      SELECT k, count(*) AS n_classes, k * count(*) AS n_people FROM classes GROUP BY k
    ), cumulative AS (
      SELECT k, n_classes, n_people, sum(n_people) OVER (ORDER BY k) AS up_to_k, sum(n_people) OVER () AS total FROM by_k
    )
    SELECT
      coalesce(sum(n_people), 0)::BIGINT AS people,
      coalesce(sum(n_people) FILTER (WHERE k = 1), 0)::BIGINT AS unique_people,
      coalesce(sum(n_people) FILTER (WHERE k < 5), 0)::BIGINT AS k_lt_5_people,
      min(k) FILTER (WHERE 2 * up_to_k >= total)::BIGINT AS median_k,
      coalesce(sum(n_classes), 0)::BIGINT AS classes,
      coalesce(sum(n_classes) FILTER (WHERE k = 1), 0)::BIGINT AS single_classes
    FROM cumulative`;
  const row = (await people.connection.runAndReadAll(sql)).getRowObjectsJS()[0];
  const number = (name: string): number => Number(row?.[name] ?? 0);
  const total = number('people');
  const classes = number('classes');
  return {
    case: `reidentification_${spec.name}`,
    people: total,
    unique_share: share(number('unique_people'), total),
    k_lt_5_share: share(number('k_lt_5_people'), total),
    median_k: row?.median_k === null || row?.median_k === undefined ? null : Number(row.median_k),
    classes,
    single_class_share: share(number('single_classes'), classes),
  };
}

/** Every measure (or those whose case starts with `only`) on one snapshot of a data dir. */
export async function measureReidentification(
  dataDir: string,
  options: { snapshot?: string; only?: string; onMeasure?: (m: ReidentificationMeasure) => void } = {},
): Promise<ReidentificationMeasure[]> {
  const people = await openMaskedPeople(dataDir, options.snapshot);
  const results: ReidentificationMeasure[] = [];
  try {
    for (const spec of REIDENTIFICATION_MEASURES) {
      const name = `reidentification_${spec.name}`;
      if (options.only !== undefined && !name.startsWith(options.only)) continue;
      const result = await measure(people, spec);
      options.onMeasure?.(result);
      results.push(result);
    }
  } finally {
    people.close();
  }
  return results;
}

/** The bench case: one JSON line per measure, on the newest snapshot of the data dir. */
export async function reidentificationCases(dataDir: string, only?: string): Promise<void> {
  await measureReidentification(dataDir, {
    ...(only !== undefined ? { only } : {}),
    onMeasure: ({ case: name, ...fields }) => printCase(name, fields),
  });
}
