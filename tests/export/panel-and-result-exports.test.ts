// Exports of the contract over the tiny fixture registry, read back with exceljs: a kept result
// (its rows never run again, Sobre saying what ran), a panel (each named cell shown becomes a
// sheet; helper cells do not; one unnamed cell is the document's sheet), a script run straight
// into sheets (the `mirante` command); and every refusal before anything starts.
import { mkdtemp, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { WorkbenchError, type ApiError } from '../../main/core/api/index.ts';
import type { ResultStore } from '../../main/core/results/result-store.ts';
import { WorkbenchExports } from '../../main/core/export/workbench-exports.ts';
import { statementSheets } from '../../main/core/export/statement-sheets.ts';
import { exportedCells } from '../../main/core/export/kept-tables.ts';
import { writeXlsx } from '../../main/core/export/xlsx-writer.ts';
import { parseDocument } from '../../main/core/documents/index.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { NEW_DATE, OLD_DATE, type Fixture } from '../engine/fixture.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';
import { ABOUT, aboutPairs, columnValues, sheetOf } from './xlsx-read-back.ts';

let fixture: Fixture;
let scratch: string;
let workbench: Workbench;

useFixtureWorkbenches({ prefix: 'mirante-panel-exports-' }, async (ready) => {
  ({ fixture, scratch } = ready);
  workbench = await ready.open('estado');
});

/** The Workbench's own exports (the contract's audit layer aside: tests/privacy covers it). */
const exportsOf = (wb: Workbench) => (wb as unknown as { exports: WorkbenchExports }).exports;
const resultsOf = (wb: Workbench) => (wb as unknown as { parts: { results: ResultStore } }).parts.results;

async function read(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

function thrown(action: () => unknown): ApiError | string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof WorkbenchError ? error.detail : String(error);
  }
  return undefined;
}

const PANEL = (title: string, cells: [string | null, string][]) =>
  ['---', `title: ${title}`, 'params:', '  bairro: { type: text, label: Bairro, default: Centro }', '---', '',
    ...cells.flatMap(([name, sql]) => [name ? `\`\`\`sql ${name}` : '```sql', sql, '```', ''])].join('\n');

describe('a kept result', () => {
  it('exports its rows in the grid\'s order with Sobre naming the query, its snapshot, parameters, SQL and purpose', async () => {
    const sql = 'select pessoa_id, bairro from pessoa order by pessoa_id';
    const { queryId } = await runAndCollect(workbench, { sql });
    const exports = exportsOf(workbench);
    const { exportId } = exports.exportResult(
      { queryId, statementIndex: 0, format: 'xlsx', sort: [{ column: 0, direction: 'desc' }], purpose: 'conferência', exportId: 'resultado-1', fileName: 'pessoas' },
      { sql, params: { bairro: 'Centro' }, snapshot: OLD_DATE },
    );
    expect(exportId).toBe('resultado-1');
    const status = await exports.settled(exportId);
    expect(status).toMatchObject({ state: 'done', fileName: 'pessoas.xlsx', sheets: [{ name: 'dados', rows: 6 }] });
    const book = await read(status.path as string);
    expect(columnValues(sheetOf(book, 'dados'), 'pessoa_id')).toEqual([6, 5, 4, 3, 2, 1]);
    const pairs = aboutPairs(book);
    expect(pairs[0]).toEqual(['Origem', 'Consulta']);
    expect(pairs).toContainEqual(['Data de referência (snapshot)', OLD_DATE.split('-').reverse().join('/')]);
    expect(pairs).toContainEqual(['  bairro', 'Centro']);
    expect(pairs).toContainEqual(['SQL (dados)', sql]);
    expect(pairs).toContainEqual(['Finalidade declarada', 'conferência']);
  });

  it('without an origin: the default snapshot, no parameters, no SQL, no purpose; a download named after "Consulta"', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select 1 as n' });
    const exports = exportsOf(workbench);
    const { exportId } = exports.exportResult({ queryId, statementIndex: 0, format: 'xlsx' });
    const status = await exports.settled(exportId);
    expect(status).toMatchObject({ state: 'done', fileName: 'Consulta.xlsx', download: `/downloads/${exportId}` });
    const pairs = aboutPairs(await read(status.path as string));
    expect(pairs).toContainEqual(['Data de referência (snapshot)', NEW_DATE.split('-').reverse().join('/')]);
    expect(pairs).toContainEqual(['Parâmetros', '(nenhum)']);
    expect(pairs).toContainEqual(['Finalidade declarada', '(não informada)']);
    expect(pairs.filter(([label]) => label.startsWith('SQL'))).toEqual([]);
    expect(exports.takeDownload(exportId)?.fileName).toBe('Consulta.xlsx');
    expect(exports.takeDownload(exportId)).toBeNull();
    expect(exports.status(exportId).state).toBe('done');
  });

  it('a path from the client, an unknown format, a handle never granted or one into the data dir: refused before anything starts', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select 1 as n' });
    const exports = exportsOf(workbench);
    const ref = { queryId, statementIndex: 0 };
    expect(thrown(() => exports.exportResult({ ...ref, format: 'csv', destination: path.join(scratch, 'x.csv') } as never))).toEqual({
      code: 'not_allowed', message: 'O caminho do arquivo não pode vir do cliente: escolha o local no diálogo de salvar do Mirante ou baixe o arquivo.',
    });
    expect(thrown(() => exports.exportResult({ ...ref, format: 'pdf' } as never))).toEqual({ code: 'parameter', message: 'Formato desconhecido: pdf' });
    expect(thrown(() => exports.checkPlacement({ format: 'pdf' }))).toMatchObject({ code: 'parameter' });
    expect(thrown(() => exports.exportResult({ ...ref, format: 'csv', saveTarget: 'nunca-dado' }))).toMatchObject({ code: 'not_allowed' });
    const intoData = grantSave(workbench, path.join(fixture.dataDir, 'plantado.csv'));
    expect(thrown(() => exports.checkPlacement({ format: 'csv', saveTarget: intoData }))).toMatchObject({ code: 'not_allowed' });
    expect(thrown(() => exports.exportResult({ ...ref, format: 'csv', saveTarget: intoData }))).toMatchObject({ code: 'not_allowed' });
    // checkPlacement only looks: the handle still works once, for the export itself.
    const chosen = path.join(await mkdtemp(path.join(scratch, 'escolha-')), 'saida.csv');
    const handle = grantSave(workbench, chosen);
    exports.checkPlacement({ format: 'csv', saveTarget: handle });
    exports.checkPlacement({ format: 'csv', saveTarget: handle });
    const { exportId } = exports.exportResult({ ...ref, format: 'csv', saveTarget: handle });
    expect((await exports.settled(exportId)).path).toBe(chosen);
    expect(await readFile(chosen, 'utf8')).toBe('"n"\r\n1\r\n');
    expect(thrown(() => exports.exportResult({ ...ref, format: 'csv', saveTarget: handle }))).toMatchObject({ code: 'not_allowed' });
    expect(exports.cancel(exportId)).toBe(false);
  });
});

describe('a panel', () => {
  it('each named cell it shows is a sheet (a helper feeding a later cell is not); Sobre names the panel, file, snapshot, parameters and each SQL', async () => {
    const text = PANEL('Pessoas por bairro', [
      ['base', 'select * from pessoa where bairro = $bairro'],
      ['contagem', '  select count(*) as n from base  '],
      ['lista', 'select pessoa_id from base order by pessoa_id'],
    ]);
    const exports = exportsOf(workbench);
    const { exportId } = exports.exportDocument({ text, path: 'paineis/pessoas.md', format: 'xlsx', params: { bairro: 'Jundiapeba' }, snapshot: OLD_DATE, purpose: 'mensal', source: { kind: 'free' } });
    const status = await exports.settled(exportId);
    expect(status.error).toBeUndefined();
    expect(status).toMatchObject({ state: 'done', fileName: 'Pessoas por bairro.xlsx', sheets: [{ name: 'contagem', rows: 1 }, { name: 'lista', rows: 2 }] });
    const book = await read(status.path as string);
    expect(book.worksheets.map((s) => s.name)).toEqual(['contagem', 'lista', 'Sobre']);
    expect(columnValues(sheetOf(book, 'lista'), 'pessoa_id')).toEqual([2, 4]);
    const pairs = aboutPairs(book);
    expect(pairs[0]).toEqual(['Origem', 'Painel: Pessoas por bairro']);
    expect(pairs).toContainEqual(['Arquivo', 'paineis/pessoas.md']);
    expect(pairs).toContainEqual(['Data de referência (snapshot)', OLD_DATE.split('-').reverse().join('/')]);
    expect(pairs).toContainEqual(['  bairro', 'Jundiapeba']);
    expect(pairs).toContainEqual(['Finalidade declarada', 'mensal']);
    expect(pairs.filter(([label]) => label.startsWith('SQL'))).toEqual([
      ['SQL (contagem)', 'select count(*) as n from base'],
      ['SQL (lista)', 'select pessoa_id from base order by pessoa_id'],
    ]);
  });

  it('one unnamed cell is a sheet named after the title; defaults: the default snapshot, no parameters, the given file name', async () => {
    const text = ['---', 'title: Só uma', '---', '', '```sql', 'select 7 as sete', '```', ''].join('\n');
    const exports = exportsOf(workbench);
    const { exportId } = exports.exportDocument({ text, format: 'xlsx', fileName: 'minha planilha', source: { kind: 'free' } });
    const status = await exports.settled(exportId);
    expect(status).toMatchObject({ state: 'done', fileName: 'minha planilha.xlsx', sheets: [{ name: 'Só uma', rows: 1 }] });
    const pairs = aboutPairs(await read(status.path as string));
    expect(pairs.find(([label]) => label === 'Arquivo')).toBeUndefined();
    expect(pairs).toContainEqual(['Data de referência (snapshot)', NEW_DATE.split('-').reverse().join('/')]);
    expect(pairs).toContainEqual(['Parâmetros', '(nenhum)']);
    expect(pairs).toContainEqual(['SQL (Só uma)', 'select 7 as sete']);
  });

  it('is XLSX only; a document without named cells (and more than one) is refused; a failing cell fails the export and frees what ran', async () => {
    const exports = exportsOf(workbench);
    const one = ['---', 'title: X', '---', '', '```sql a', 'select 1', '```', ''].join('\n');
    expect(thrown(() => exports.exportDocument({ text: one, format: 'csv' as never, source: { kind: 'free' } }))).toEqual({ code: 'parameter', message: 'Painéis exportam em xlsx.' });
    const unnamed = ['---', 'title: X', '---', '', '```sql', 'select 1', '```', '', '```sql', 'select 2', '```', ''].join('\n');
    expect(thrown(() => exportedCells(parseDocument(unnamed)))).toEqual({ code: 'parameter', message: 'O documento não tem células SQL com nome para exportar.' });
    const refused = await exports.settled(exports.exportDocument({ text: unnamed, format: 'xlsx', source: { kind: 'free' } }).exportId);
    expect(refused.error).toMatchObject({ code: 'parameter' });

    const released: string[] = [];
    resultsOf(workbench).onRelease((queryId) => released.push(queryId));
    const failing = PANEL('Falha', [['boa', 'select 1 as n'], ['ruim', 'select * from tabela_que_nao_existe']]);
    const status = await exports.settled(exports.exportDocument({ text: failing, format: 'xlsx', source: { kind: 'free' } }).exportId);
    expect(status.state).toBe('error');
    expect(status.error?.message).toMatch(/tabela_que_nao_existe/);
    expect(released.some((queryId) => /^[0-9a-f-]{36}-0$/.test(queryId))).toBe(true);
  });

  it('runs each cell once into a kept result of its own and frees them all afterwards', async () => {
    const exports = exportsOf(workbench);
    const released: string[] = [];
    resultsOf(workbench).onRelease((queryId) => released.push(queryId));
    const text = PANEL('Duas', [['um', 'select 1 as n'], ['dois', 'select 2 as n']]);
    const exportId = `painel-${randomUUID()}`;
    const status = await exports.settled(exports.exportDocument({ text, format: 'xlsx', exportId, source: { kind: 'free' } }).exportId);
    expect(status).toMatchObject({ exportId, state: 'done', sheets: [{ name: 'um', rows: 1 }, { name: 'dois', rows: 1 }] });
    const book = await read(status.path as string);
    expect(columnValues(sheetOf(book, 'dois'), 'n')).toEqual([2]);
    const runId = (released[0] as string).replace(/-0$/, '');
    expect(released).toEqual([`${runId}-0`, `${runId}-1`]);
    expect(thrown(() => resultsOf(workbench).get({ queryId: `${runId}-0`, statementIndex: 0 }))).toMatchObject({ code: 'not_found' });
  });

  it('cancelled while its cells run: "cancelled", no file', async () => {
    const exports = exportsOf(workbench);
    const slow = PANEL('Lenta', [['lenta', 'select count(*) from range(3000000000)']]);
    const { exportId } = exports.exportDocument({ text: slow, format: 'xlsx', source: { kind: 'free' } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(exports.cancel(exportId)).toBe(true);
    const status = await exports.settled(exportId);
    expect(status.state).toBe('cancelled');
    expect(status.path).toBeUndefined();
  });
});

describe('the exports of a session', () => {
  it('go to the downloads root given, and close removes what is left there', async () => {
    const root = await mkdtemp(path.join(scratch, 'downloads-'));
    const events: string[] = [];
    const own = new WorkbenchExports(workbench.engine, workbench.runner, resultsOf(workbench), (event) => events.push(event.kind), { downloadsRoot: root, protectedRoots: [path.join(scratch, 'estado')] });
    const { queryId } = await runAndCollect(workbench, { sql: 'select 1 as n' });
    const status = await own.settled(own.exportResult({ queryId, statementIndex: 0, format: 'csv' }).exportId);
    expect((status.path as string).startsWith(path.join(await import('node:fs/promises').then((fs) => fs.realpath(root)), `pid-${process.pid}`))).toBe(true);
    expect(events.at(-1)).toBe('finished');
    const intoState = grantSave(workbench, path.join(scratch, 'estado', 'x.csv'));
    const mine = new WorkbenchExports(workbench.engine, workbench.runner, resultsOf(workbench), () => undefined, { downloadsRoot: root, protectedRoots: [path.join(scratch, 'estado')], saveTargets: exportsOf(workbench).saveTargets });
    expect(thrown(() => mine.checkPlacement({ format: 'csv', saveTarget: intoState }))).toMatchObject({ code: 'not_allowed' });
    await own.close();
    await mine.close();
  });
});

describe('a script straight into sheets (the command)', () => {
  it('one sheet per statement, later ones "name 2", ...; an error is relocated when the query says how', async () => {
    const dir = await mkdtemp(path.join(scratch, 'script-'));
    const job = (sql: string) => ({ action: 'query' as const, source: { kind: 'free' as const }, queryId: randomUUID(), sql });
    const target = path.join(dir, 'script.xlsx');
    const summary = await writeXlsx(statementSheets(workbench.runner, [
      { name: 'dados', job: job('select 1 as a; select 2 as b; select 3 as c') },
      { name: 'outra', job: job('select 4 as d') },
    ]), { target, about: ABOUT });
    expect(summary.sheets.map((s) => s.name)).toEqual(['dados', 'dados 2', 'dados 3', 'outra']);
    const book = await read(target);
    expect(columnValues(sheetOf(book, 'dados 3'), 'c')).toEqual([3]);
    expect(columnValues(sheetOf(book, 'outra'), 'd')).toEqual([4]);

    const relocated = new Error('na célula 2');
    await expect(writeXlsx(statementSheets(workbench.runner, [{ name: 'x', job: job('select * from nao_existe'), relocate: () => relocated }]), { target: path.join(dir, 'a.xlsx'), about: ABOUT }))
      .rejects.toBe(relocated);
    const raw = await writeXlsx(statementSheets(workbench.runner, [{ name: 'x', job: job('select * from nao_existe') }]), { target: path.join(dir, 'b.xlsx'), about: ABOUT }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(WorkbenchError);
    expect((raw as WorkbenchError).detail.message).toMatch(/nao_existe/);
  });
});
