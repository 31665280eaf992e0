// Export benchmarks (docs/ARCHITECTURE.md, "What is measured"): XLSX of 1M × 8 kept rows in a child process
// (honest peak RSS), and our CSV export against DuckDB's own COPY of the same rows.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { MILLION_ROWS_SQL } from './cases.ts';
import { printCase, round } from './measure.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

interface ChildFigures {
  rows: number;
  seconds: number;
  peak_rss_mb: number;
  rss_before_mb: number;
}

async function exportInChild(dataDir: string, format: string): Promise<ChildFigures> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'export-child.ts'), dataDir, format], {
    maxBuffer: 1024 * 1024, timeout: 600_000, env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildFigures;
}

/** DuckDB alone: the same rows materialised, then its own COPY to CSV. */
async function bareCopySeconds(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-copy-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t AS ${MILLION_ROWS_SQL}`);
    const started = performance.now();
    await connection.run(`COPY t TO '${path.join(dir, 'copy.csv')}' (FORMAT csv, HEADER true)`);
    return (performance.now() - started) / 1000;
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function exportCases(dataDir: string): Promise<void> {
  const xlsx = await exportInChild(dataDir, 'xlsx');
  const copy = await bareCopySeconds();
  printCase('export_xlsx_1m', {
    rows: xlsx.rows,
    seconds: round(xlsx.seconds),
    rows_per_s: Math.round(xlsx.rows / xlsx.seconds),
    peak_rss_mb: Math.round(xlsx.peak_rss_mb),
    rss_before_export_mb: Math.round(xlsx.rss_before_mb),
    // The goal's figure: what the export itself added to the process (the kept result is before).
    rss_growth_mb: Math.round(xlsx.peak_rss_mb - xlsx.rss_before_mb),
    // Against DuckDB's own COPY to CSV of the same rows in this run: holds on a loaded machine.
    copy_s: round(copy),
    ratio_to_copy: round(xlsx.seconds / copy),
  });
  const csv = await exportInChild(dataDir, 'csv');
  printCase('export_csv_vs_copy', { export_s: round(csv.seconds), copy_s: round(copy), ratio: round(csv.seconds / copy) });
}
