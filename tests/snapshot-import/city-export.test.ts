// The generator's city export (sample-data/generator/city-export.ts) with every defect it can
// inject: the import finds exactly what verdade.json says is there (the clean snapshot's
// baseline plus the injected), every file's dialect found from the file itself as verdade.json
// says it was written, and nothing else blocks. (Dialects given per table are tested through
// the command's --dialetos.)
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { DEFECT_KINDS, writeCityExport } from '../../sample-data/generator/city-export.ts';
import type { CityExportTruth } from '../../sample-data/generator/city-export.ts';
import { importSnapshot } from '../../main/core/snapshot-import/import-snapshot.ts';
import type { ImportResult } from '../../main/core/snapshot-import/import-snapshot.ts';

const PREVIOUS = '2026-09-30';
const key = (f: { rule: string; table: string; column?: string }) => `${f.rule} ${f.table}${f.column ? `.${f.column}` : ''}`;

/** A data dir holding the sample's dictionary and its older snapshot, the one drift is measured against. */
async function dataDirWithPrevious(sample: string, data: string): Promise<string> {
  const from = path.join(sample, 'snapshots', PREVIOUS);
  await mkdir(path.join(data, 'snapshots', PREVIOUS), { recursive: true });
  await copyFile(path.join(sample, 'dicionario.yaml'), path.join(data, 'dicionario.yaml'));
  for (const file of await readdir(from)) await copyFile(path.join(from, file), path.join(data, 'snapshots', PREVIOUS, file));
  return data;
}

describe('importing a defective city export', () => {
  let truth: CityExportTruth;
  let exportFolder: string;
  let data: string;
  let work: string;

  beforeAll(async () => {
    const sample = inject('sampleRegistryDir');
    work = await mkdtemp(path.join(os.tmpdir(), 'mirante-cidade-'));
    exportFolder = path.join(work, 'exportacao');
    truth = await writeCityExport({ dataDir: sample, outDir: exportFolder, defects: DEFECT_KINDS });
    data = await dataDirWithPrevious(sample, path.join(work, 'dados'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  function expectExactly(result: ImportResult): void {
    const found = new Map<string, number>();
    for (const finding of result.report.findings) found.set(key(finding), (found.get(key(finding)) ?? 0) + finding.count);
    for (const defect of truth.defects) {
      const baseline = truth.baseline.find((b) => key(b) === key(defect))?.count ?? 0;
      expect(found.get(key(defect)) ?? 0, key(defect)).toBe(baseline + defect.count);
    }
    // Nothing else blocks: every blocking finding is one the export injected.
    const injected = new Set(truth.defects.map(key));
    expect(result.report.findings.filter((f) => f.severity === 'bloqueante' && !injected.has(key(f))).map(key)).toEqual([]);
    expect(result.notPublished).toBe('validacao');
  }

  it('with every dialect found from the files themselves', async () => {
    const result = await importSnapshot({ fromDir: exportFolder, dataDir: data, date: truth.date, options: { defaults: {}, perTable: {} }, validateOnly: true, threads: 1 });
    expectExactly(result);
    for (const file of truth.files) {
      if (file.format !== 'csv') continue;
      const read = result.report.tables.find((t) => t.table === file.table)?.dialect;
      expect(read, file.table).toMatchObject({ delimiter: file.delimiter, header: file.header });
      // A Latin-1 file with no accented letter is also UTF-8, and reads the same either way.
      const ascii = (await readFile(path.join(exportFolder, file.file))).every((byte) => byte < 0x80);
      expect(read?.encoding, file.table).toBe(ascii ? 'utf-8' : file.encoding);
    }
  });

  it('the same month exported clean publishes: no blocking finding in the sample as generated', async () => {
    const clean = path.join(work, 'exportacao-limpa');
    await writeCityExport({ dataDir: inject('sampleRegistryDir'), outDir: clean, defects: [] });
    const result = await importSnapshot({ fromDir: clean, dataDir: data, date: truth.date, options: { defaults: {}, perTable: {} }, threads: 1, user: 'analista-teste' });
    expect(result.report.findings.filter((f) => f.severity === 'bloqueante')).toEqual([]);
    expect(result.published?.manifest.tables).toHaveLength(20);
    expect(result.published?.manifest.tables.every((t) => t.rows === result.report.tables.find((r) => r.table === t.table)?.rows)).toBe(true);
    // Every value as the generator wrote it, whatever dialect carried it (EXCEPT ALL both ways).
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      for (const table of result.published?.manifest.tables ?? []) {
        const published = `read_parquet(${quotedString(path.join(data, 'snapshots', truth.date, table.file))})`;
        const original = `read_parquet(${quotedString(path.join(inject('sampleRegistryDir'), 'snapshots', truth.date, table.file))})`;
        const reader = await connection.runAndReadAll(
          `SELECT (SELECT count(*) FROM (FROM ${published} EXCEPT ALL FROM ${original})), (SELECT count(*) FROM (FROM ${original} EXCEPT ALL FROM ${published}))`,
        );
        expect(reader.getRowsJS()[0]?.map(Number), table.table).toEqual([0, 0]);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
