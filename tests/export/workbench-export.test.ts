// Exports through the contract (exportResult / exportDocument / cancelExport / exportStatus)
// over the SF 0.01 sample registry, read back by DuckDB and LibreOffice.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave, libreOfficeToCsv, readSheet } from './support.ts';

const data = inject('sampleRegistryDir');
let workbench: Workbench;
let dir: string;

async function duckdbRows(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-wb-'));
  workbench = await Workbench.open({ dataDir: data, stateDir: path.join(dir, 'state'), threads: 2 });
});

afterAll(async () => {
  await workbench?.close();
});

const DIVIDA = `select cda, inscricao_imobiliaria, tributo, exercicio, data_inscricao, saldo, situacao from divida_ativa order by cda`;

describe('exportResult', () => {
  it('writes divida_ativa as CSV and Parquet with the rows DuckDB reads from the snapshot', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: DIVIDA });
    const snapshot = workbench.engine.defaultSnapshot();
    const parquet = path.join(data, 'snapshots', snapshot, 'divida_ativa.parquet');
    const expected = await duckdbRows(`select cda, inscricao_imobiliaria, tributo, CAST(exercicio AS VARCHAR), CAST(data_inscricao AS VARCHAR), CAST(saldo AS VARCHAR), situacao from '${parquet}' order by cda`);
    for (const format of ['csv', 'parquet'] as const) {
      const destination = path.join(dir, `divida.${format}`);
      const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, saveTarget: grantSave(workbench, destination), purpose: 'auditoria' });
      const status = await workbench.exportSettled(exportId);
      expect(status.state).toBe('done');
      expect(status.rowsWritten).toBe(expected.length);
      const reader = format === 'csv' ? `read_csv('${destination}', all_varchar = true, allow_quoted_nulls = false)` : `read_parquet('${destination}')`;
      const back = await duckdbRows(`select cda, inscricao_imobiliaria, tributo, CAST(exercicio AS VARCHAR), CAST(data_inscricao AS VARCHAR), CAST(saldo AS VARCHAR), situacao from ${reader} order by cda`);
      expect(back).toEqual(expected);
    }
  });

  it('exports the rows in the order the grid shows them (sorted), without re-running the SQL', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select * from (values (2, \'b\'), (1, \'a\'), (3, \'c\')) t(n, s)' });
    const destination = path.join(dir, 'sorted.json');
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'json', saveTarget: grantSave(workbench, destination), sort: [{ column: 0, direction: 'desc' }] });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
    expect(await readFile(destination, 'utf8')).toBe('{"n":3,"s":"c"}\n{"n":2,"s":"b"}\n{"n":1,"s":"a"}\n');
  });

  it('XLSX keeps identifiers as text, money as R$ numbers, dates as dates; formulas stay text in CSV and XLSX', async () => {
    const sql = `select * from (values
      ('00123456789', '=HYPERLINK("http://x","y")', 1234.5::DECIMAL(14,2), DATE '2024-02-29'),
      ('01234567890', '+1+1', 0.1::DECIMAL(14,2), DATE '1999-12-31'),
      ('00000000191', '-2+3', -7.25::DECIMAL(14,2), NULL),
      ('12345678909', '@SUM(A1)', NULL, DATE '2000-01-01'),
      ('09876543210', chr(9) || 'tab', 1::DECIMAL(14,2), DATE '2000-01-02')
    ) t(cpf, texto, saldo, data)`;
    const { queryId } = await runAndCollect(workbench, { sql });
    const xlsx = path.join(dir, 'injecao.xlsx');
    const csv = path.join(dir, 'injecao.csv');
    for (const [format, destination] of [['xlsx', xlsx], ['csv', csv]] as const) {
      const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, saveTarget: grantSave(workbench, destination) });
      expect((await workbench.exportSettled(exportId)).state).toBe('done');
    }
    const raw = path.join(dir, 'inj-raw');
    const shown = path.join(dir, 'inj-shown');
    await libreOfficeToCsv([xlsx, csv], raw, { asShown: false });
    await libreOfficeToCsv([xlsx], shown, { asShown: true });
    const cells = await readSheet(path.join(raw, 'injecao-dados.csv'));
    expect(cells.map((r) => r.cpf)).toEqual(['00123456789', '01234567890', '00000000191', '12345678909', '09876543210']);
    expect(cells.map((r) => r.texto)).toEqual(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\ttab']);
    expect(cells.map((r) => r.saldo)).toEqual(['1234.5', '0.1', '-7.25', '', '1']);
    expect(cells.map((r) => r.data)).toEqual(['02/29/2024', '12/31/1999', '', '01/01/2000', '01/02/2000']);
    const formatted = await readSheet(path.join(shown, 'injecao-dados.csv'));
    expect(formatted[0]?.saldo).toBe('R$ 1,234.50');
    expect(formatted[0]?.data).toBe('29/02/2024');
    // CSV: the OWASP apostrophe; LibreOffice opens it as text, never as a formula.
    const fromCsv = await readSheet(path.join(raw, (await readdir(raw)).find((f) => f.startsWith('injecao-injecao')) as string));
    expect(fromCsv.map((r) => r.texto)).toEqual([`'=HYPERLINK("http://x","y")`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\ttab"]);
  });

  it('a cancelled export leaves no file; a web-mode export waits in the downloads folder for its one download', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select range as n, md5(range::varchar) as s from range(600000)' });
    const destination = path.join(dir, 'cancelada.xlsx');
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'xlsx', saveTarget: grantSave(workbench, destination) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await workbench.cancelExport({ exportId })).cancelled).toBe(true);
    const status = await workbench.exportSettled(exportId);
    expect(status.state).toBe('cancelled');
    expect(existsSync(destination)).toBe(false);
    expect((await readdir(dir)).filter((name) => name.startsWith('cancelada.xlsx'))).toEqual([]);

    const small = await runAndCollect(workbench, { sql: 'select 1 as n' });
    const web = await workbench.exportResult({ queryId: small.queryId, statementIndex: 0, format: 'csv', fileName: '../../etc/con' });
    const done = await workbench.exportSettled(web.exportId);
    expect(done.download).toBe(`/downloads/${web.exportId}`);
    expect(done.fileName).toBe('_.._etc_con.csv');
    const download = workbench.takeDownload(web.exportId);
    expect(download && (await readFile(download.path, 'utf8'))).toBe('"n"\r\n1\r\n');
    expect(workbench.takeDownload(web.exportId)).toBeNull();
    await download?.release();
    expect(existsSync(download?.path as string)).toBe(false);
  });
});

describe('exportDocument', () => {
  it('runs each named cell once and writes one sheet each, plus Sobre', async () => {
    const text = ['---', 'title: Dívida', 'params:', '  tributo: { type: text, label: Tributo, default: IPTU }', '---', '',
      '```sql por_tributo', 'select tributo, count(*) as n, sum(saldo) as saldo from divida_ativa group by all order by tributo', '```', '',
      '```sql maiores', 'select cda, saldo from divida_ativa where tributo = $tributo order by saldo desc, cda limit 10', '```', ''].join('\n');
    const destination = path.join(dir, 'painel.xlsx');
    const { exportId } = await workbench.exportDocument({ text, format: 'xlsx', saveTarget: grantSave(workbench, destination), params: { tributo: 'ISS' }, purpose: 'relatório mensal' });
    const status = await workbench.exportSettled(exportId);
    expect(status.error).toBeUndefined();
    expect(status.sheets.map((s) => s.name)).toEqual(['por_tributo', 'maiores']);
    expect(status.sheets[1]?.rows).toBe(10);
    const out = path.join(dir, 'painel-csv');
    await libreOfficeToCsv([destination], out, { asShown: false });
    expect((await readdir(out)).sort()).toEqual(['painel-Sobre.csv', 'painel-maiores.csv', 'painel-por_tributo.csv']);
    const sobre = await readFile(path.join(out, 'painel-Sobre.csv'), 'utf8');
    expect(sobre).toContain('Painel: Dívida');
    expect(sobre).toContain('tributo,ISS');
    expect(sobre).toContain('relatório mensal');
  });
});
