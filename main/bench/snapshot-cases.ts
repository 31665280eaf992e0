// The monthly routine's goals (BENCHMARKS.md): importing and validating a month exported as a
// city's systems write it (Latin-1, `;`, decimal comma, dd/mm/aaaa), and comparing `pessoa`
// between two snapshots. The month is the registry's newest snapshot written by the generator's
// city export (sample-data/generator/city-export.ts) and imported as a new date into a copy of
// the data dir holding the snapshot before it (so drift is measured too).
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCityExport } from '../../sample-data/generator/city-export.ts';
import { importSnapshot } from '../core/snapshot-import/import-snapshot.ts';
import { diffTable } from '../core/snapshot-diff/diff.ts';
import { discoverSnapshots } from '../core/registry/snapshots.ts';
import { Workbench } from '../core/workbench.ts';
import { printCase, round } from './measure.ts';

const LATIN1_SEMICOLON = { format: 'csv', encoding: 'latin-1', delimiter: ';', header: true, quoted: false, decimalComma: true, dateFormat: 'dd/mm/aaaa' } as const;

/** Export, then import and validate (and publish) a month; prints seconds for the import alone. */
export async function importCase(dataDir: string, suffix: string): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-import-'));
  try {
    const snapshots = await discoverSnapshots(dataDir);
    const newest = snapshots.at(-1);
    if (newest === undefined) return;
    const exportDir = path.join(work, 'exportacao');
    const exportStarted = performance.now();
    await writeCityExport({ dataDir, outDir: exportDir, date: newest.date, dialect: LATIN1_SEMICOLON });
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    // The data dir it lands in: the dictionary and the month it follows.
    const target = path.join(work, 'dados');
    await mkdir(path.join(target, 'snapshots'), { recursive: true });
    await cp(path.join(dataDir, 'dicionario.yaml'), path.join(target, 'dicionario.yaml'));
    await cp(newest.directory, path.join(target, 'snapshots', newest.date), { recursive: true });
    const started = performance.now();
    const result = await importSnapshot({ fromDir: exportDir, dataDir: target, date: '2099-01-31', options: { defaults: {}, perTable: {} } });
    const seconds = (performance.now() - started) / 1000;
    printCase(`snapshot_import_${suffix}_latin1`, {
      seconds: round(seconds),
      rows: result.report.tables.reduce((sum, table) => sum + table.rows, 0),
      tables: result.report.tables.length,
      published: result.published !== undefined,
      blocking: result.report.summary.blocking,
      warnings: result.report.summary.warnings,
      export_seconds: round(exportSeconds),
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `pessoa` compared between the two newest snapshots, every result read to the end. */
export async function diffCase(dataDir: string, suffix: string): Promise<void> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-bench-diff-'));
  const workbench = await Workbench.open({ dataDir, stateDir, auditLog: path.join(stateDir, 'auditoria', 'auditoria.jsonl') });
  try {
    const dates = workbench.engine.snapshots().map((snapshot) => snapshot.date);
    const [from, to] = dates.slice(-2) as [string, string];
    let rows = 0;
    const started = performance.now();
    const summary = await diffTable(workbench.runner, { table: 'pessoa', from, to }, async (results) => {
      for await (const statement of results) for await (const chunk of statement.chunks) if (statement.statementIndex === 2) rows += chunk.rowCount;
    });
    printCase(`snapshot_diff_pessoa_${suffix}`, {
      ms: round(performance.now() - started),
      rows_before: summary.rowsBefore,
      added: summary.added,
      removed: summary.removed,
      changed: summary.changed,
      rows_shown: rows,
    });
  } finally {
    await workbench.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}
