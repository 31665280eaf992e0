// A result filtered in the grid exports the rows the grid shows: the filters travel with the
// export (ExportResultRequest.filter) and the file holds exactly what the grid's pages hold, in
// the grid's order, in every format; the counts (the export's status, the "Sobre" sheet, the
// audit's closing entry) are the filtered ones, and "Sobre" says which filters were applied.
// Real DuckDB, real files, Debian's python3-openpyxl for the XLSX.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEntry, ExportFormat, ResultFilter, SortKey } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave, parseCsv } from './support.ts';

const run = promisify(execFile);
const READER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'read-with-openpyxl.py');

let workbench: Workbench;
let dir: string;
let files: string;
let auditLog: string;
let queryId: string;

// 12 rows; bairro repeats, with NULLs; valor orders them differently from id.
const SQL = `select id, bairro, valor from (values
  (1, 'Centro', 30), (2, 'Braz Cubas', 10), (3, 'Centro', 20), (4, NULL, 40), (5, 'Jundiapeba', 50), (6, 'Centro', 5),
  (7, 'Braz Cubas', 70), (8, NULL, 15), (9, 'Centro', 60), (10, 'Jundiapeba', 25), (11, 'Braz Cubas', 35), (12, 'Centro', 45)) t(id, bairro, valor)`;

const CENTRO: ResultFilter[] = [{ column: 1, op: 'equals', value: 'Centro' }];
const BY_VALOR_DESC: SortKey[] = [{ column: 2, direction: 'desc' }];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-filtered-export-'));
  files = path.join(dir, 'arquivos');
  await mkdir(files);
  auditLog = path.join(dir, 'auditoria', 'auditoria.jsonl');
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(dir, 'state'), threads: 1, auditLog });
  ({ queryId } = await runAndCollect(workbench, { sql: SQL }));
});

afterAll(async () => {
  await workbench?.close();
});

async function gridIds(filter: ResultFilter[], sort: SortKey[] = []): Promise<number[]> {
  const page = await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 100, sort, filter });
  return [...(decodeIpc(page.ipc).getChild('id') ?? [])].map(Number);
}

async function exportTo(format: ExportFormat, name: string, filter: ResultFilter[], sort: SortKey[] = []) {
  const destination = path.join(files, name);
  const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, saveTarget: grantSave(workbench, destination), filter, ...(sort.length ? { sort } : {}) });
  const status = await workbench.exportSettled(exportId);
  return { destination, status, exportId };
}

async function parquetIds(file: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT id FROM read_parquet('${file.replaceAll("'", "''")}')`);
    return reader.getRowsJS().map((row) => Number(row[0]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface PySheet { name: string; rows: { v: unknown }[][] }

async function openpyxlSheets(file: string): Promise<PySheet[]> {
  const { stdout } = await run('/usr/bin/python3', [READER, file], { maxBuffer: 16 * 1024 * 1024 });
  return (JSON.parse(stdout) as { sheets: PySheet[] }).sheets;
}

describe('a filtered result exports the rows the grid shows', () => {
  it('the grid keeps the Centro rows, by valor descending (the reference)', async () => {
    expect(await gridIds(CENTRO, BY_VALOR_DESC)).toEqual([9, 12, 1, 3, 6]);
  });

  it('JSON Lines, CSV, csv-br and Parquet: the same rows in the same order, and the filtered count', async () => {
    const expected = await gridIds(CENTRO, BY_VALOR_DESC);
    const json = await exportTo('json', 'centro.json', CENTRO, BY_VALOR_DESC);
    expect(json.status.state).toBe('done');
    expect((await readFile(json.destination, 'utf8')).trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: number }).id)).toEqual(expected);
    expect(json.status.rowsWritten).toBe(5);
    expect(json.status.totalRows).toBe(5);

    const csv = await exportTo('csv', 'centro.csv', CENTRO, BY_VALOR_DESC);
    const [header, ...rows] = parseCsv(await readFile(csv.destination, 'utf8')).filter((row) => row.join('') !== '');
    expect(header).toEqual(['id', 'bairro', 'valor']);
    expect(rows.map((row) => Number(row[0]))).toEqual(expected);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['Centro']));

    const br = await exportTo('csv-br', 'centro-br.csv', CENTRO, BY_VALOR_DESC);
    const brRows = parseCsv((await readFile(br.destination, 'utf8')).replace(/^\uFEFF/, '').replaceAll(';', ',')).filter((row) => row.join('') !== '');
    expect(brRows.slice(1).map((row) => Number(row[0]))).toEqual(expected);

    const parquet = await exportTo('parquet', 'centro.parquet', CENTRO, BY_VALOR_DESC);
    expect(await parquetIds(parquet.destination)).toEqual(expected);
    expect(parquet.status.rowsWritten).toBe(5);
  });

  it('XLSX: the filtered rows, and "Sobre" counts them and says which filters were applied', async () => {
    const filter: ResultFilter[] = [{ column: 1, op: 'notEquals', value: 'Centro' }, { column: 1, op: 'notNull' }];
    const expected = await gridIds(filter);
    expect(expected).toEqual([2, 5, 7, 10, 11]);
    const xlsx = await exportTo('xlsx', 'sem-centro.xlsx', filter);
    expect(xlsx.status.state).toBe('done');
    expect(xlsx.status.sheets).toEqual([{ name: 'dados', rows: 5 }]);
    const sheets = await openpyxlSheets(xlsx.destination);
    const dados = sheets.find((sheet) => sheet.name === 'dados');
    expect(dados?.rows.slice(1).map((row) => Number(row[0]?.v))).toEqual(expected);
    const sobre = (sheets.find((sheet) => sheet.name === 'Sobre')?.rows ?? []).map((row) => row.map((cell) => String(cell.v ?? '')));
    const filtersAt = sobre.findIndex((row) => row[0] === 'Filtros da grade');
    expect(filtersAt).toBeGreaterThan(-1);
    expect(sobre.slice(filtersAt + 1, filtersAt + 3).map((row) => row[1])).toEqual(['bairro ≠ Centro', 'bairro não é NULL']);
    expect(sobre.find((row) => row[0] === '  dados')?.[1]).toBe('5');
  });

  it('without filters the whole result is exported, and "Sobre" says none were applied', async () => {
    const xlsx = await exportTo('xlsx', 'tudo.xlsx', []);
    expect(xlsx.status.rowsWritten).toBe(12);
    const sobre = ((await openpyxlSheets(xlsx.destination)).find((sheet) => sheet.name === 'Sobre')?.rows ?? []).map((row) => row.map((cell) => String(cell.v ?? '')));
    expect(sobre.find((row) => row[0] === 'Filtros da grade')?.[1]).toBe('(nenhum: todas as linhas do resultado)');
  });

  it("the audit's closing entry counts the rows the file holds", async () => {
    const { exportId } = await exportTo('csv', 'nulos.csv', [{ column: 1, op: 'isNull' }]);
    const entries = (await readFile(auditLog, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    const closing = entries.filter((entry) => entry.action === 'export' && entry.exportId === exportId && entry.status !== 'started');
    expect(closing).toHaveLength(1);
    expect(closing[0]?.rows).toBe(2);
  });

  it('a filter on a column the result does not have is refused before anything is written', async () => {
    const destination = path.join(files, 'nada.csv');
    const exportsLogged = async () => (await readFile(auditLog, 'utf8')).split('\n').filter((line) => line.includes('"action":"export"')).length;
    const before = await exportsLogged();
    await expect(
      workbench.exportResult({ queryId, statementIndex: 0, format: 'csv', saveTarget: grantSave(workbench, destination), filter: [{ column: 7, op: 'equals', value: 'x' }] }),
    ).rejects.toMatchObject({ detail: { code: 'not_found', message: 'Coluna 7 não existe neste resultado.' } });
    await expect(readFile(destination)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await exportsLogged()).toBe(before);
  });

  it('a value that is not of the column type matches nothing: an empty file with its header, not an error', async () => {
    const csv = await exportTo('csv', 'nenhum.csv', [{ column: 2, op: 'equals', value: 'não é número' }]);
    expect(csv.status.state).toBe('done');
    expect(csv.status.rowsWritten).toBe(0);
    expect((await readFile(csv.destination, 'utf8')).trim()).toBe('"id","bairro","valor"');
  });
});
