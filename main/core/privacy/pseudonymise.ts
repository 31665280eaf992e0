// The pseudonymised tier: a copy of every snapshot of a data dir where identifiers are a
// keyed HMAC-SHA256 token (the same value gives the same token in every table and snapshot,
// so joins still hold), people's names are NULL (the columns stay, so saved SQL still binds),
// birth dates keep only their month, plus a dictionary saying so. DuckDB does the bulk work;
// tokens are computed in Node over the DISTINCT values and joined back.
import { createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../api/index.ts';
import { DICTIONARY_FILE, loadDictionary } from '../registry/dictionary.ts';
import type { Dictionary } from '../registry/dictionary.ts';
import { discoverSnapshots } from '../registry/snapshots.ts';
import type { SnapshotLayout, SnapshotTable } from '../registry/snapshots.ts';
import { maskKindFor, publicRowsCondition } from './masking.ts';
import { pseudonymisedDictionary } from './pseudonymised-dictionary.ts';

export const MIN_KEY_BYTES = 32;
const BIRTH_DATE = /^data_nascimento/;

export interface PseudonymiseOptions {
  inDir: string;
  outDir: string;
  keyFile: string;
}

export interface PseudonymiseSummary {
  snapshots: string[];
  tables: number;
  tokens: number;
}

export type ColumnTreatment = 'token' | 'null' | 'month';

function refuse(message: string): WorkbenchError {
  return new WorkbenchError({ code: 'parameter', message });
}

export async function readKey(keyFile: string): Promise<Buffer> {
  let key: Buffer;
  try {
    key = await readFile(keyFile);
  } catch {
    throw refuse(`Arquivo de chave não encontrado ou ilegível: ${keyFile}`);
  }
  if (key.length < MIN_KEY_BYTES) {
    throw refuse(`A chave em ${keyFile} tem ${key.length} bytes: use ao menos ${MIN_KEY_BYTES} bytes aleatórios (ex.: head -c 32 /dev/urandom).`);
  }
  return key;
}

async function resolvedOutput(inDir: string, outDir: string): Promise<string> {
  const out = path.resolve(outDir);
  // The nearest existing ancestor, resolved, tells where the output would really land.
  let existing = out;
  while (!(await stat(existing).then(() => true, () => false))) existing = path.dirname(existing);
  const real = path.join(await realpath(existing), path.relative(existing, out));
  if (real === inDir || real.startsWith(`${inDir}${path.sep}`) || inDir.startsWith(`${real}${path.sep}`)) {
    throw refuse(`A saída (${outDir}) não pode ficar dentro da entrada (${inDir}) nem contê-la.`);
  }
  const entries = await readdir(real).catch(() => []);
  if (entries.length > 0) throw refuse(`A pasta de saída já existe e não está vazia: ${outDir}`);
  return real;
}

/** What happens to a column of a table: its treatment, or undefined to copy it as is. */
export function treatmentOf(dictionary: Dictionary, table: string, column: string, type: string): ColumnTreatment | undefined {
  if (BIRTH_DATE.test(column) && type.toUpperCase().startsWith('DATE')) return 'month';
  if (dictionary.tables.get(table)?.columns.get(column)?.privacy !== 'identificador') return undefined;
  if (type.toUpperCase() !== 'VARCHAR' || maskKindFor(column) === 'nome') return 'null';
  return 'token';
}

async function columnsOf(connection: DuckDBConnection, table: SnapshotTable): Promise<{ name: string; type: string }[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quotedString(table.source)})`);
  return (reader.getRowsJS() as [string, string][]).map(([name, type]) => ({ name, type }));
}

interface Plan {
  snapshot: SnapshotLayout;
  table: SnapshotTable;
  columns: { name: string; type: string; treatment: ColumnTreatment | undefined }[];
}

/** Every distinct identifier value of every snapshot gets its token, in table `tokens`. */
async function buildTokens(connection: DuckDBConnection, plans: readonly Plan[], key: Buffer): Promise<number> {
  await connection.run('CREATE TABLE tokens (valor VARCHAR PRIMARY KEY, token VARCHAR)');
  const sources = plans.flatMap((plan) =>
    plan.columns
      .filter((c) => c.treatment === 'token')
      .map((c) => `SELECT ${quotedIdentifier(c.name)} AS valor FROM read_parquet(${quotedString(plan.table.source)})`),
  );
  if (sources.length === 0) return 0;
  const result = await connection.stream(`SELECT DISTINCT valor FROM (${sources.join(' UNION ALL ')}) WHERE valor IS NOT NULL`);
  const appender = await connection.createAppender('tokens');
  let count = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const value of chunk.getColumnValues(0)) {
      const text = String(value);
      appender.appendVarchar(text);
      appender.appendVarchar(createHmac('sha256', key).update(text).digest('hex').slice(0, 32));
      appender.endRow();
      count += 1;
    }
  }
  appender.closeSync();
  return count;
}

function pseudonymisedSelect(plan: Plan): string {
  const publicRows = publicRowsCondition(plan.table.name, plan.columns.map((c) => c.name), 't.');
  const joins: string[] = [];
  const list = plan.columns.map((column, index) => {
    const name = quotedIdentifier(column.name);
    switch (column.treatment) {
      case undefined:
        return `t.${name}`;
      case 'month':
        return `CAST(date_trunc('month', t.${name}) AS DATE) AS ${name}`;
      case 'null':
        // A company's name (PJ) is public and stays; people's names become NULL.
        return publicRows ? `CASE WHEN ${publicRows} THEN t.${name} END AS ${name}` : `CAST(NULL AS ${column.type}) AS ${name}`;
      case 'token':
        joins.push(`LEFT JOIN tokens k${index} ON k${index}.valor = t.${name}`);
        return `k${index}.token AS ${name}`;
    }
  });
  const source = `read_parquet(${quotedString(plan.table.source)}, filename = true, file_row_number = true)`;
  return `SELECT ${list.join(', ')} FROM ${source} t ${joins.join(' ')} ORDER BY t.filename, t.file_row_number`;
}

export async function pseudonymiseDataDir(options: PseudonymiseOptions): Promise<PseudonymiseSummary> {
  const inDir = await realpath(path.resolve(options.inDir)).catch(() => {
    throw refuse(`Pasta de entrada não encontrada: ${options.inDir}`);
  });
  const outDir = await resolvedOutput(inDir, options.outDir);
  const key = await readKey(options.keyFile);
  const snapshots = await discoverSnapshots(inDir);
  const dictionary = await loadDictionary(inDir);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const plans: Plan[] = [];
    for (const snapshot of snapshots) {
      for (const table of snapshot.tables) {
        const columns = (await columnsOf(connection, table)).map((c) => ({ ...c, treatment: treatmentOf(dictionary, table.name, c.name, c.type) }));
        plans.push({ snapshot, table, columns });
      }
    }
    const tokens = await buildTokens(connection, plans, key);
    for (const plan of plans) {
      const folder = path.join(outDir, 'snapshots', plan.snapshot.date);
      await mkdir(folder, { recursive: true });
      const target = path.join(folder, `${plan.table.name}.parquet`);
      await connection.run(`COPY (${pseudonymisedSelect(plan)}) TO ${quotedString(target)} (FORMAT parquet, COMPRESSION zstd)`);
    }
    const source = await readFile(path.join(inDir, DICTIONARY_FILE), 'utf8').catch(() => '');
    const treated = plans.flatMap((plan) => plan.columns.filter((c) => c.treatment).map((c) => ({ table: plan.table.name, column: c.name, treatment: c.treatment as ColumnTreatment })));
    await writeFile(path.join(outDir, DICTIONARY_FILE), pseudonymisedDictionary(source, treated));
    return { snapshots: snapshots.map((s) => s.date), tables: plans.length, tokens };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
