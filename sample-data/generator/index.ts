// The sample registry generator: a synthetic unified registry of the reference city at any
// scale, as dated Parquet snapshots. All the work happens in DuckDB SQL; randomness is
// hash-derived (see sql-helpers.ts), so the same scale and seed give byte-identical files.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { castedColumns, DICTIONARY_PATH, loadDictionary, type Dictionary } from './dictionary.ts';
import type { Domain, SnapshotTable } from './domain.ts';
import { sqlDate } from './domain.ts';
import { educationDomain } from './education.ts';
import { financeDomain } from './finance.ts';
import { healthDomain } from './health.ts';
import { linkageDomain } from './linkage.ts';
import { paramsFor, SNAPSHOT_DATES } from './params.ts';
import { peopleDomain } from './people.ts';
import { makeStagingDir, measure, publishDictionary, publishSnapshot } from './publish.ts';
import { socialDomain } from './social.ts';
import { macroStatements } from './sql-helpers.ts';
import { worksDomain } from './works.ts';

export interface GenerateProgress { step: string; done: number; total: number }
export interface GenerateOptions { scale: number; seed: number; outDir: string; threads?: number; onProgress?: (p: GenerateProgress) => void }
export interface GenerateResult { snapshots: string[]; files: number; bytes: number; seconds: number }

/** In dependency order: later domains read the world tables of earlier ones. */
const DOMAINS: readonly Domain[] = [peopleDomain, educationDomain, healthDomain, socialDomain, financeDomain, worksDomain, linkageDomain];

/** Fixed so the Parquet bytes do not depend on how DuckDB splits the work. */
const PARQUET_OPTIONS = 'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880';

function tablesByName(dictionary: Dictionary): Map<string, SnapshotTable> {
  const tables = new Map(DOMAINS.flatMap((d) => d.tables).map((t) => [t.name, t] as const));
  const declared = Object.keys(dictionary.tabelas);
  const missing = declared.filter((name) => !tables.has(name));
  const undeclared = [...tables.keys()].filter((name) => !declared.includes(name));
  if (missing.length > 0 || undeclared.length > 0) {
    throw new Error(`dictionary and generator disagree: not generated [${missing.join(', ')}], not in dictionary [${undeclared.join(', ')}]`);
  }
  return tables;
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

async function writeTable(conn: DuckDBConnection, dictionary: Dictionary, table: SnapshotTable, date: string, file: string): Promise<void> {
  const columns = dictionary.tabelas[table.name];
  if (!columns) throw new Error(`unknown table ${table.name}`);
  await conn.run(`COPY (SELECT ${castedColumns(columns)} FROM (${table.select(sqlDate(date))}) ORDER BY ${table.orderBy})
    TO ${sqlString(file)} (${PARQUET_OPTIONS})`);
}

export async function generateRegistry(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const params = paramsFor(options.scale, options.seed);
  const dictionary = await loadDictionary();
  const tables = tablesByName(dictionary);
  const tableNames = Object.keys(dictionary.tabelas);
  const outDir = resolve(options.outDir);
  const snapshotsDir = join(outDir, 'snapshots');
  const total = DOMAINS.length + SNAPSHOT_DATES.length * tableNames.length + 1;
  let done = 0;
  const report = (step: string) => options.onProgress?.({ step, done, total });

  const staging = await makeStagingDir(snapshotsDir);
  const duckTemp = join(tmpdir(), `mirante-gerador-${process.pid}-${Date.now()}`);
  await mkdir(duckTemp, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? cpus().length),
    temp_directory: duckTemp,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  try {
    const conn = await instance.connect();
    await conn.run('SET preserve_insertion_order = true');
    for (const statement of macroStatements(params.seed)) await conn.run(statement);
    for (const domain of DOMAINS) {
      report(`gerando ${domain.label}`);
      for (const statement of domain.world(params)) await conn.run(statement);
      done++;
    }
    for (const date of SNAPSHOT_DATES) {
      await mkdir(join(staging, date));
      for (const name of tableNames) {
        report(`gravando ${date}/${name}`);
        const table = tables.get(name);
        if (!table) throw new Error(`no generator for table ${name}`);
        await writeTable(conn, dictionary, table, date, join(staging, date, `${name}.parquet`));
        done++;
      }
    }
    conn.closeSync();
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    instance.closeSync();
    await rm(duckTemp, { recursive: true, force: true });
  }

  report('publicando');
  for (const date of SNAPSHOT_DATES) await publishSnapshot(join(staging, date), snapshotsDir, date);
  await rm(staging, { recursive: true, force: true });
  await publishDictionary(DICTIONARY_PATH, outDir);
  done++;
  report('concluído');

  const written = await measure(SNAPSHOT_DATES.map((date) => join(snapshotsDir, date)));
  return { snapshots: [...SNAPSHOT_DATES], ...written, seconds: (performance.now() - started) / 1000 };
}
