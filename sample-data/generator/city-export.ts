// A month of the registry as a city's systems export it, for testing the import: one file per
// table of a generated snapshot, each in its own dialect (city-export-dialect.ts), with a
// chosen set of defects injected (city-export-defects.ts), and `verdade.json` saying how each
// file was written, what was injected and what the clean snapshot already had (its baseline).
import { DuckDBInstance, quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir, readdir, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { countRules } from './city-export-baseline.ts';
import { defectTargets, injectDefects, MISSING_COLUMN, MUTABLE_TABLES, TRUNCATED_TABLE } from './city-export-defects.ts';
import { chooseDialect, csvCopyOptions, csvSelectList, type ColumnType, type CsvDialect, type TableDialect } from './city-export-dialect.ts';
import { transcodeToLatin1 } from './city-export-latin1.ts';
import { DEFECT_KINDS, type CityExportTruth, type DefectKind, type FileTruth } from './city-export-truth.ts';
import type { SnapshotChanges } from './snapshot-changes.ts';

export { DEFECT_KINDS, RULE_IDS } from './city-export-truth.ts';
export type { CityExportTruth, DefectKind, FileTruth, RuleCount, RuleId } from './city-export-truth.ts';
export type { CsvDialect, TableDialect } from './city-export-dialect.ts';

export const TRUTH_FILE = 'verdade.json';

export interface CityExportOptions {
  /** A generated data dir (`snapshots/<date>/<table>.parquet`). */
  dataDir: string;
  /** Where the files and verdade.json are written (created when missing). */
  outDir: string;
  /** The snapshot to export; default the newest. */
  date?: string;
  /** Chooses each table's dialect and the rows the defects take. */
  seed?: number;
  defects?: readonly DefectKind[];
  /** One dialect for every table instead of the seed's choice (a bench's Latin-1 `;` month). */
  dialect?: TableDialect;
  /** A dialect per table instead of the seed's choice (or `dialect`). */
  dialects?: Readonly<Record<string, TableDialect>>;
  /** Written into the truth file (snapshot-changes.ts), when the caller computed them. */
  changes?: SnapshotChanges;
}

async function newestSnapshot(snapshotsDir: string): Promise<string> {
  const dates = (await readdir(snapshotsDir)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort();
  const newest = dates.at(-1);
  if (newest === undefined) throw new Error(`nenhum snapshot em ${snapshotsDir}`);
  return newest;
}

async function tableNames(snapshotDir: string): Promise<string[]> {
  return (await readdir(snapshotDir)).filter((name) => name.endsWith('.parquet')).map((name) => name.slice(0, -'.parquet'.length)).sort();
}

async function columnsOf(conn: DuckDBConnection, table: string): Promise<ColumnType[]> {
  const reader = await conn.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $table ORDER BY column_index`,
    { table },
  );
  return (reader.getRowsJS() as [string, string][]).map(([name, type]) => ({ name, type }));
}

/** The dialect a table gets: its own, else the one for all, else the seed's; a defect may need a file of a kind. */
function dialectFor(table: string, options: CityExportOptions, seed: number, kinds: ReadonlySet<DefectKind>): TableDialect {
  const given = options.dialects?.[table] ?? options.dialect ?? chooseDialect(seed, table);
  // Half a Parquet file is unreadable for sure; half a CSV may still parse.
  if (kinds.has('arquivo_ilegivel') && table === TRUNCATED_TABLE) return { format: 'parquet' };
  // Without a header a missing column cannot be named.
  if (kinds.has('coluna_ausente') && table === MISSING_COLUMN.table && given.format === 'csv') return { ...given, header: true };
  return given;
}

async function writeCsv(conn: DuckDBConnection, select: string, dialect: CsvDialect, target: string, scratch: string): Promise<void> {
  const utf8 = dialect.encoding === 'utf-8' ? target : join(scratch, `${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  await conn.run(`COPY (${select}) TO ${quotedString(utf8)} (${csvCopyOptions(dialect)})`);
  if (dialect.encoding === 'latin-1') {
    await transcodeToLatin1(utf8, target);
    await rm(utf8, { force: true });
  }
}

const PARQUET_TRUTH = { format: 'parquet', encoding: null, delimiter: null, header: null, quoted: null, decimalComma: null, dateFormat: null } as const;

async function writeTable(
  conn: DuckDBConnection,
  table: string,
  dialect: TableDialect,
  kinds: ReadonlySet<DefectKind>,
  dirs: { out: string; scratch: string },
): Promise<FileTruth> {
  const dropped = kinds.has('coluna_ausente') && table === MISSING_COLUMN.table ? MISSING_COLUMN.column : undefined;
  const columns = (await columnsOf(conn, table)).filter((c) => c.name !== dropped);
  if (dialect.format === 'parquet') {
    const file = `${table}.parquet`;
    const target = join(dirs.out, file);
    const list = columns.map((c) => quotedIdentifier(c.name)).join(', ');
    await conn.run(`COPY (SELECT ${list} FROM ${quotedIdentifier(table)}) TO ${quotedString(target)} (FORMAT parquet, COMPRESSION zstd)`);
    if (kinds.has('arquivo_ilegivel') && table === TRUNCATED_TABLE) await truncate(target, Math.floor((await stat(target)).size / 2));
    return { table, file, ...PARQUET_TRUTH };
  }
  const file = `${table}.csv`;
  await writeCsv(conn, `SELECT ${csvSelectList(columns, dialect)} FROM ${quotedIdentifier(table)}`, dialect, join(dirs.out, file), dirs.scratch);
  return { table, file, ...dialect };
}

/** Writes the export and its truth file; returns the truth. */
export async function writeCityExport(options: CityExportOptions): Promise<CityExportTruth> {
  const seed = options.seed ?? 42;
  const kinds = new Set(options.defects ?? []);
  for (const kind of kinds) if (!DEFECT_KINDS.includes(kind)) throw new Error(`defeito desconhecido: ${String(kind)} (conhecidos: ${DEFECT_KINDS.join(', ')})`);
  const snapshotsDir = join(resolve(options.dataDir), 'snapshots');
  const date = options.date ?? (await newestSnapshot(snapshotsDir));
  const snapshotDir = join(snapshotsDir, date);
  const tables = await tableNames(snapshotDir);
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const scratch = join(tmpdir(), `mirante-exportacao-${process.pid}-${Date.now()}`);
  await mkdir(scratch, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  try {
    const conn = await instance.connect();
    for (const table of tables) {
      const source = `read_parquet(${quotedString(join(snapshotDir, `${table}.parquet`))})`;
      const kind = (MUTABLE_TABLES as readonly string[]).includes(table) ? 'TABLE' : 'VIEW';
      await conn.run(`CREATE ${kind} ${quotedIdentifier(table)} AS SELECT * FROM ${source}`);
    }
    const baseline = await countRules(conn, defectTargets(kinds), date);
    const defects = await injectDefects(conn, kinds, seed, date);
    const files: FileTruth[] = [];
    for (const table of tables) {
      files.push(await writeTable(conn, table, dialectFor(table, options, seed, kinds), kinds, { out: outDir, scratch }));
    }
    conn.closeSync();
    const truth: CityExportTruth = { date, seed, files, defects, baseline, ...(options.changes ? { changes: options.changes } : {}) };
    const partial = join(outDir, `${TRUTH_FILE}.partial`);
    await writeFile(partial, `${JSON.stringify(truth, null, 2)}\n`);
    await rename(partial, join(outDir, TRUTH_FILE));
    return truth;
  } finally {
    instance.closeSync();
    await rm(scratch, { recursive: true, force: true });
  }
}
