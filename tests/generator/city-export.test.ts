// The city export: files in the dialect verdade.json records (checked on their bytes and by
// reading them back with DuckDB), and exactly the defects it says it injected.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDBInstance, quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { countRules } from '../../sample-data/generator/city-export-baseline.ts';
import { defectTargets, DEFECT_COUNTS } from '../../sample-data/generator/city-export-defects.ts';
import { chooseDialect, type TableDialect } from '../../sample-data/generator/city-export-dialect.ts';
import { validCns, validCnpj, validCpf, validNis } from '../../sample-data/generator/city-export-documents.ts';
import { DEFECT_KINDS, TRUTH_FILE, writeCityExport, type CityExportTruth, type FileTruth } from '../../sample-data/generator/city-export.ts';
import { columnsOfParquet, viewOfExport, type Column } from './city-export-read.ts';
import { makeTempDir, removeDir } from './helpers.ts';
import { rejection } from '../support/rejection.ts';

const DATE = '2026-10-31';

/** The dialects the byte-level tests need, whatever the seed picks. */
const DIALECTS: Record<string, TableDialect> = {
  pessoa: { format: 'csv', encoding: 'latin-1', delimiter: ';', header: true, quoted: false, decimalComma: true, dateFormat: 'dd/mm/aaaa' },
  divida_ativa: { format: 'csv', encoding: 'latin-1', delimiter: '|', header: false, quoted: true, decimalComma: true, dateFormat: 'dd/mm/aaaa' },
  contribuinte: { format: 'csv', encoding: 'utf-8', delimiter: ',', header: true, quoted: true, decimalComma: false, dateFormat: 'aaaa-mm-dd' },
  escola: { format: 'csv', encoding: 'utf-8', delimiter: ';', header: false, quoted: false, decimalComma: false, dateFormat: 'aaaa-mm-dd' },
  matricula: { format: 'parquet' },
};

describe('city export with every defect (SF 0.01)', () => {
  let dataDir: string;
  let out: string;
  let truth: CityExportTruth;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const clean = (table: string) => join(dataDir, 'snapshots', DATE, `${table}.parquet`);
  const fileOf = (table: string): FileTruth => {
    const file = truth.files.find((f) => f.table === table);
    if (!file) throw new Error(`sem arquivo de ${table}`);
    return file;
  };
  const scalar = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]?.[0]);
  let columns: Map<string, Column[]>;

  beforeAll(async () => {
    dataDir = inject('sampleRegistryDir');
    out = await makeTempDir('city-export');
    truth = await writeCityExport({ dataDir, outDir: out, seed: 7, defects: DEFECT_KINDS, dialects: DIALECTS });
    instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    conn = await instance.connect();
    columns = new Map();
    for (const file of truth.files) columns.set(file.table, await columnsOfParquet(conn, clean(file.table)));
    for (const file of truth.files) {
      if (file.table === 'vacinacao') continue; // cut in half on purpose
      const all = columns.get(file.table) ?? [];
      await viewOfExport(conn, out, file, file.table === 'escola' ? all.filter((c) => c.name !== 'capacidade') : all);
    }
  });

  afterAll(async () => {
    conn?.closeSync();
    instance?.closeSync();
    await removeDir(out);
  });

  it('records every table of the snapshot, with the dialect asked for, and saves the same truth to verdade.json', async () => {
    expect(truth.date).toBe(DATE);
    expect(truth.files.map((f) => f.table)).toEqual([...columns.keys()].sort());
    expect(truth.files).toHaveLength(20);
    expect(fileOf('pessoa')).toEqual({ table: 'pessoa', file: 'pessoa.csv', ...DIALECTS.pessoa });
    expect(fileOf('vacinacao').format).toBe('parquet');
    expect(JSON.parse(await readFile(join(out, TRUTH_FILE), 'utf8'))).toEqual(truth);
  });

  it('writes Latin-1 bytes (ã is 0xE3, never UTF-8), ; between fields, dd/mm/aaaa dates and a header of the columns', async () => {
    const bytes = await readFile(join(out, 'pessoa.csv'));
    expect(bytes.includes(Buffer.from([0xe3]))).toBe(true);
    expect(bytes.includes(Buffer.from('ã', 'utf8'))).toBe(false);
    const lines = bytes.toString('latin1').split('\n');
    expect(lines[0]).toBe((columns.get('pessoa') ?? []).map((c) => c.name).join(';'));
    const row = lines[1]?.split(';') ?? [];
    expect(row).toHaveLength(15);
    expect(row[6]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/); // data_nascimento
    expect(row[14]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/); // atualizado_em
    expect(bytes.toString('latin1')).toContain('São');
  });

  it('writes decimals with a comma and thousands dots, every field quoted, | between fields and no header', async () => {
    const text = (await readFile(join(out, 'divida_ativa.csv'))).toString('latin1');
    const first = text.split('\n')[0] ?? '';
    expect(first).toMatch(/^"\d{4}\/\d{6}"\|/);
    const money = [...text.matchAll(/\|"(\d{1,3}(?:\.\d{3})+,\d{2})"\|/g)].map((m) => m[1]);
    expect(money.length).toBeGreaterThan(100);
    // A value read back the way a Brazilian reads it is the snapshot's value.
    const biggest = await scalar(`SELECT max(valor_principal) FROM read_parquet(${quotedString(clean('divida_ativa'))})`);
    const shown = biggest.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, '.').replace(/\.(\d{2})$/, ',$1');
    expect(text).toContain(`|"${shown}"|`);
    expect(text).not.toMatch(/\d\.\d{2}"/);
  });

  it('writes UTF-8 with , and ISO dates where asked, and Parquet as Parquet', async () => {
    const text = await readFile(join(out, 'contribuinte.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('"contribuinte_id","tipo","pessoa_id","cnpj","nome","mei"');
    expect((await readFile(join(out, 'matricula.parquet'))).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('reads back as the clean snapshot, but for the rows the defects changed', async () => {
    const injectedRows: Record<string, number> = {
      pessoa: 3 + 2 + 2 + DEFECT_COUNTS.cpfPairs + DEFECT_COUNTS.bornAfter, // the second of each CPF pair changes
      matricula: DEFECT_COUNTS.orphans + DEFECT_COUNTS.enrolledBeforeBirth,
      contribuinte: DEFECT_COUNTS.digito_verificador.cnpj,
    };
    for (const file of truth.files) {
      if (file.table === 'vacinacao') continue;
      const names = (columns.get(file.table) ?? []).filter((c) => !(file.table === 'escola' && c.name === 'capacidade'));
      const list = names.map((c) => quotedIdentifier(c.name)).join(', ');
      const source = `(SELECT ${list} FROM read_parquet(${quotedString(clean(file.table))}))`;
      const mine = `(SELECT ${list} FROM ${quotedIdentifier(file.table)})`;
      const expected = injectedRows[file.table] ?? 0;
      expect([file.table, await scalar(`SELECT count(*) FROM (${mine} EXCEPT ALL ${source})`)]).toEqual([file.table, expected]);
      expect([file.table, await scalar(`SELECT count(*) FROM (${source} EXCEPT ALL ${mine})`)]).toEqual([file.table, expected]);
    }
  });

  it('holds exactly baseline + injected for every rule, counted on the files read back', async () => {
    const targets = defectTargets(new Set(DEFECT_KINDS));
    expect(truth.defects.map(({ rule, table, column }) => ({ rule, table, column }))).toEqual(targets);
    const inFiles = await countRules(conn, targets.filter((t) => t.rule !== 'coluna_ausente' && t.rule !== 'arquivo_ilegivel'), DATE);
    for (const found of inFiles) {
      const same = (c: { rule: string; table: string; column?: string }) => c.rule === found.rule && c.table === found.table && c.column === found.column;
      const injected = truth.defects.find(same)?.count ?? NaN;
      const before = truth.baseline.find(same)?.count ?? NaN;
      expect({ ...found, values: undefined }).toEqual({ ...found, values: undefined, count: before + injected });
    }
    expect(truth.defects.find((d) => d.rule === 'cpf_repetido')).toEqual({ rule: 'cpf_repetido', table: 'pessoa', column: 'cpf', count: 4, values: 2 });
    expect(inFiles.find((d) => d.rule === 'cpf_repetido')?.values).toBe((truth.baseline.find((d) => d.rule === 'cpf_repetido')?.values ?? NaN) + 2);
  });

  it('moves births only of people with no date that must follow a birth (day-care request, vaccination)', async () => {
    const parquetOf = (table: string) => `read_parquet(${quotedString(clean(table))})`;
    for (const [table, column] of [['fila_creche', 'data_pedido'], ['vacinacao', 'data_aplicacao']] as const) {
      const early = (people: string) => `SELECT count(*) FROM ${parquetOf(table)} t JOIN ${people} p USING (pessoa_id) WHERE t.${column} < p.data_nascimento`;
      expect([table, await scalar(early('pessoa'))]).toEqual([table, await scalar(early(parquetOf('pessoa')))]);
    }
  });

  it('leaves escola without capacidade (with a header naming the rest) and vacinacao cut in half', async () => {
    const header = (await readFile(join(out, 'escola.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe('escola_id;nome;tipo;bairro');
    const full = (await stat(clean('vacinacao'))).size;
    const cut = (await stat(join(out, 'vacinacao.parquet'))).size;
    expect(cut).toBeLessThan(full);
    await rejection(conn.run(`SELECT count(*) FROM read_parquet(${quotedString(join(out, 'vacinacao.parquet'))})`));
  });

  it('records the baseline of the clean sample: none of the injected kinds at this scale and seed', () => {
    expect(truth.baseline.map((b) => b.count)).toEqual(truth.baseline.map(() => 0));
  });
});

describe('city export dialects and documents', () => {
  it('chooses each table a dialect from the seed: the same seed the same, every kind among the 20 tables', () => {
    const tables = ['pessoa', 'familia', 'vinculo', 'escola', 'matricula', 'frequencia', 'fila_creche', 'unidade_saude', 'agendamento',
      'vacinacao', 'calendario_vacinal', 'atendimento_social', 'contribuinte', 'imovel', 'divida_ativa', 'parcelamento', 'pagamento',
      'obra', 'medicao', 'aditivo'];
    const chosen = tables.map((t) => chooseDialect(42, t));
    expect(tables.map((t) => chooseDialect(42, t))).toEqual(chosen);
    expect(tables.map((t) => chooseDialect(43, t))).not.toEqual(chosen);
    const csv = chosen.flatMap((d) => (d.format === 'csv' ? [d] : []));
    expect(csv.length).toBeLessThan(chosen.length);
    expect(new Set(csv.map((d) => d.encoding))).toEqual(new Set(['utf-8', 'latin-1']));
    expect(new Set(csv.map((d) => d.delimiter))).toEqual(new Set([';', ',', '|']));
    expect(csv.filter((d) => d.delimiter === ',' && d.decimalComma)).toEqual([]);
  });

  it('checks documents by their digits, as the generator makes them', async () => {
    expect(validCpf('52998224725')).toBe(true);
    expect(validCpf('52998224726')).toBe(false);
    expect(validCpf('11111111111')).toBe(false);
    expect(validCnpj('11222333000181')).toBe(true);
    expect(validCnpj('11222333000182')).toBe(false);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const people = join(inject('sampleRegistryDir'), 'snapshots', DATE, 'pessoa.parquet');
    const rows = (await conn.runAndReadAll(`SELECT cpf, cns, nis FROM read_parquet(${quotedString(people)}) WHERE nis IS NOT NULL`)).getRowsJS();
    conn.closeSync();
    instance.closeSync();
    const changed = (value: string) => value.slice(0, -1) + String((Number(value.at(-1)) + 1) % 10);
    for (const [cpf, cns, nis] of rows.slice(0, 200) as [string | null, string | null, string][]) {
      if (cpf !== null) expect([cpf, validCpf(cpf), validCpf(changed(cpf))]).toEqual([cpf, true, false]);
      if (cns !== null) expect([cns, validCns(cns), validCns(changed(cns))]).toEqual([cns, true, false]);
      expect([nis, validNis(nis), validNis(changed(nis))]).toEqual([nis, true, false]);
    }
  });

  it('refuses a defect it does not know', async () => {
    expect((await rejection(writeCityExport({ dataDir: '/nenhum', outDir: '/tmp/nenhum', defects: ['inventado' as never] }))).message).toMatch(/defeito desconhecido/);
  });
});
