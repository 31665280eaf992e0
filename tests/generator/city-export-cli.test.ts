// `mirante generate --city-export DIR --defects …`: the registry, then its newest snapshot as
// the city exports it, with the month's changes in verdade.json; the same seed, the same bytes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCommand, parseDefects } from '../../main/cli/commands/generate.ts';
import { UsageError } from '../../main/cli/errors.ts';
import { DEFECT_KINDS, writeCityExport, type CityExportTruth } from '../../sample-data/generator/city-export.ts';
import { snapshotChanges } from '../../sample-data/generator/snapshot-changes.ts';
import { runCli, type CliResult } from '../support/run-cli.ts';
import { makeTempDir, removeDir } from './helpers.ts';
import { rejection } from '../support/rejection.ts';

describe('mirante generate --city-export', () => {
  let dir: string;
  let run: CliResult;
  let truth: CityExportTruth;

  beforeAll(async () => {
    dir = await makeTempDir('city-export-cli');
    run = await runCli(['generate', '--scale', '0.001', '--seed', '5', '--out', join(dir, 'dados'),
      '--city-export', join(dir, 'exportacao'), '--defects', 'cpf_repetido, arquivo_ilegivel']);
    truth = JSON.parse(await readFile(join(dir, 'exportacao', 'verdade.json'), 'utf8')) as CityExportTruth;
  });

  afterAll(() => removeDir(dir));

  it('writes the export of the newest snapshot with the defects asked for and the month’s changes', async () => {
    expect(run.stderr).toContain('verdade.json com cpf_repetido pessoa.cpf: 4; arquivo_ilegivel vacinacao: 1');
    expect(run.code).toBe(0);
    expect(truth.date).toBe('2026-10-31');
    expect(truth.defects.map((d) => d.rule)).toEqual(['cpf_repetido', 'arquivo_ilegivel']);
    expect(truth.changes).toEqual(await snapshotChanges(0.001, 5));
    expect(truth.changes?.tables.pessoa?.changed).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same seed', async () => {
    const again = join(dir, 'de-novo');
    await writeCityExport({ dataDir: join(dir, 'dados'), outDir: again, seed: 5, defects: ['cpf_repetido', 'arquivo_ilegivel'], changes: truth.changes });
    const names = (await readdir(join(dir, 'exportacao'))).sort();
    expect(names).toHaveLength(21);
    expect((await readdir(again)).sort()).toEqual(names);
    for (const name of names) {
      const [a, b] = await Promise.all([readFile(join(dir, 'exportacao', name)), readFile(join(again, name))]);
      expect([name, a.equals(b)]).toEqual([name, true]);
    }
  });

  it('writes every table in one dialect when asked, but the file it cuts, which stays Parquet', async () => {
    const latin1 = { format: 'csv', encoding: 'latin-1', delimiter: ';', header: true, quoted: false, decimalComma: true, dateFormat: 'dd/mm/aaaa' } as const;
    const all = await writeCityExport({ dataDir: join(dir, 'dados'), outDir: join(dir, 'latin1'), dialect: latin1, defects: ['arquivo_ilegivel'] });
    expect(all.files.filter((f) => f.format === 'parquet').map((f) => f.table)).toEqual(['vacinacao']);
    expect(all.files.filter((f) => f.format === 'csv').map(({ table: _table, file: _file, ...dialect }) => dialect)).toEqual(Array(19).fill(latin1));
  });

  it('refuses a defect it does not know, or defects without an export, as a usage error', async () => {
    expect(() => parseDefects('cpf_repetido,inventado')).toThrow(UsageError);
    expect(() => parseDefects('cpf_repetido,inventado')).toThrow('defeito desconhecido: inventado');
    expect((await rejection(generateCommand({ scale: 1, seed: 1, out: join(dir, 'x'), defects: 'cpf_repetido' }))).message).toMatch('--defects só vale com --city-export');
    expect(parseDefects(' todos ')).toEqual([...DEFECT_KINDS]);
  });
});
