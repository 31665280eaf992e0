// How an exported sheet looks when opened: a bold, frozen, filterable header of plain string
// cells; each column's number format (identifiers as text, R$ for money, dd/mm/yyyy for dates,
// the decimal places of a DECIMAL) on every cell and a width from its type and name; sheets
// continued past the row limit; progress, cancellation and failures that leave no file.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATE_FORMAT, MONEY_FORMAT, TIMESTAMP_FORMAT, isIdentifierName } from '../../main/core/export/column-plan.ts';
import { EXCEL_MAX_DATA_ROWS, writeXlsx } from '../../main/core/export/xlsx-writer.ts';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { openDuckDB } from '../arrow/support.ts';
import { ABOUT, aboutPairs, columnValues, plainText, sheetFrom, sheetOf, writeAndRead } from './xlsx-read-back.ts';
import { rejection } from '../support/rejection.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const TYPED = `SELECT '00123456789' AS cpf, 1234.5::DECIMAL(14,2) AS saldo, 0.25::DOUBLE AS valor_pago, 1.5::DECIMAL(18,4) AS taxa,
  7::DECIMAL(10,0) AS inteiro, 1.5::DECIMAL(38,12) AS fino, 3::INTEGER AS saldo_qtd, DATE '2024-02-29' AS data,
  TIMESTAMP '2024-02-29 10:11:12' AS quando, 2.5::FLOAT AS media, 'texto' AS obs, true AS ativo, 5::BIGINT AS total,
  2::SMALLINT AS n, 'x' AS ${'coluna_com_um_nome_muito_comprido_'.repeat(3)}, 'y' AS nome_de_vinte_e_dois_c`;

describe('the header row', () => {
  it('is bold, frozen and filterable, on every sheet, one string cell per column whatever it is called', async () => {
    const { book } = await writeAndRead(connection, { dados: `SELECT 1 AS "=SUM(A1)", 2 AS " espaço", 3 AS n` });
    const sheet = sheetOf(book, 'dados');
    expect((sheet.getRow(1).values as unknown[]).slice(1).map((v) => plainText(v as never))).toEqual(['=SUM(A1)', ' espaço', 'n']);
    expect(sheet.getRow(1).getCell(1).formula).toBeUndefined();
    for (let c = 1; c <= 3; c++) expect(sheet.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 0 });
    expect(sheet.autoFilter).toBe('A1:C1');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(book.creator).toBe('Mirante');
  });

  it('an empty result is a header and no rows; no columns at all, an empty sheet without a filter', async () => {
    const { book, summary } = await writeAndRead(connection, { vazio: 'SELECT 1 AS n WHERE false' });
    expect(summary).toEqual({ rows: 0, sheets: [{ name: 'vazio', rows: 0 }], notices: [] });
    expect(sheetOf(book, 'vazio').rowCount).toBe(1);
    expect(aboutPairs(book)).toContainEqual(['  vazio', '0']);
  });

  it('writes every value inline (no shared strings table) with its styles', async () => {
    const { file } = await writeAndRead(connection, { dados: `SELECT 'a' AS s, DATE '2024-01-01' AS d` });
    const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
    expect(entries).toContain('xl/styles.xml');
    expect(entries.some((e) => e.includes('sharedStrings'))).toBe(false);
  });
});

describe('each column, from its type and name', () => {
  it('gets its number format on every cell: @ for identifiers, R$ for money of any fractional type, dd/mm/yyyy, decimal places', async () => {
    const { book } = await writeAndRead(connection, { dados: `${TYPED} FROM range(2)` });
    const sheet = sheetOf(book, 'dados');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const formats = Object.fromEntries(headers.map((h, c) => [h, [sheet.getRow(2).getCell(c + 1).numFmt, sheet.getRow(3).getCell(c + 1).numFmt]]));
    const both = (format: string | undefined) => [format, format];
    expect(formats).toMatchObject({
      cpf: both('@'),
      saldo: both(MONEY_FORMAT),
      valor_pago: both(MONEY_FORMAT),
      taxa: both('#,##0.0000'),
      inteiro: both(undefined),
      fino: both('#,##0.0000000000'),
      saldo_qtd: both(undefined),
      data: both(DATE_FORMAT),
      quando: both(TIMESTAMP_FORMAT),
      media: both(undefined),
      obs: both(undefined),
      ativo: both(undefined),
      total: both(undefined),
    });
    expect([DATE_FORMAT, TIMESTAMP_FORMAT, MONEY_FORMAT]).toEqual(['dd/mm/yyyy', 'dd/mm/yyyy hh:mm', '"R$" #,##0.00']);
  });

  it('gets a width from its kind, wider for a long name (name + 3), at most 60', async () => {
    const { book } = await writeAndRead(connection, { dados: `${TYPED} FROM range(1)` });
    const sheet = sheetOf(book, 'dados');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const widths = Object.fromEntries(headers.map((h, c) => [h, sheet.getColumn(c + 1).width]));
    expect(widths).toEqual({
      cpf: 18, saldo: 16, valor_pago: 14, taxa: 16, inteiro: 16, fino: 16, saldo_qtd: 12, data: 12, quando: 17, media: 14, obs: 18,
      ativo: 8, total: 20, n: 12, ['coluna_com_um_nome_muito_comprido_'.repeat(3)]: 60, nome_de_vinte_e_dois_c: 25,
    });
  });

  it('is an identifier when its name is one of the registry\'s codes, as a whole word', () => {
    for (const name of ['cpf', 'CPF', 'cpf_titular', 'titular_cpf', 'nis', 'cep', 'cnpj', 'cns', 'id_origem', 'codigo_familiar', 'inscricao_imobiliaria', 'cda', 'x_cda_y']) {
      expect(isIdentifierName(name), name).toBe(true);
    }
    for (const name of ['cpfs', 'xcpf', 'cepa', 'idade', 'origem', 'codigo', 'nome']) expect(isIdentifierName(name), name).toBe(false);
  });
});

describe('a source longer than a sheet', () => {
  it('continues on "name (2)", ... and says how many rows and sheets, in the result and in Sobre, before the cell notes', async () => {
    const { book, summary } = await writeAndRead(connection, { dados: `SELECT range AS n, CASE WHEN range = 0 THEN DATE '1800-01-01' END AS d FROM range(7)` }, { maxRowsPerSheet: 3 });
    expect(summary.sheets).toEqual([{ name: 'dados', rows: 3 }, { name: 'dados (2)', rows: 3 }, { name: 'dados (3)', rows: 1 }]);
    expect(summary.rows).toBe(7);
    expect(summary.notices[0]).toBe('"dados" tem 7 linhas, mais do que cabe numa planilha do Excel: continua nas planilhas seguintes (3 no total).');
    expect(summary.notices).toHaveLength(2);
    expect(summary.notices[1]).toContain('Datas fora do intervalo');
    expect(book.worksheets.map((s) => s.name)).toEqual(['dados', 'dados (2)', 'dados (3)', 'Sobre']);
    expect(columnValues(sheetOf(book, 'dados (3)'), 'n')).toEqual([6]);
    expect(sheetOf(book, 'dados (2)').getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheetOf(book, 'dados (2)').getRow(2).getCell(2).numFmt).toBe(DATE_FORMAT);
    const pairs = aboutPairs(book);
    expect(pairs).toContainEqual(['  dados', '3']);
    expect(pairs).toContainEqual(['  dados (2)', '3']);
    expect(pairs).toContainEqual(['  dados (3)', '1']);
  });

  it('filling the last sheet exactly makes no empty sheet and no notice; one more row does', async () => {
    const exact = await writeAndRead(connection, { dados: 'SELECT range AS n FROM range(6)' }, { maxRowsPerSheet: 3 });
    expect(exact.summary.sheets).toEqual([{ name: 'dados', rows: 3 }, { name: 'dados (2)', rows: 3 }]);
    expect(exact.summary.notices).toEqual(['"dados" tem 6 linhas, mais do que cabe numa planilha do Excel: continua nas planilhas seguintes (2 no total).']);
    const fits = await writeAndRead(connection, { dados: 'SELECT range AS n FROM range(3)' }, { maxRowsPerSheet: 3 });
    expect(fits.summary).toEqual({ rows: 3, sheets: [{ name: 'dados', rows: 3 }], notices: [] });
    expect(EXCEL_MAX_DATA_ROWS).toBe(1_048_575);
  });

  it('several sources: one sheet each, in order, names made valid and unique, rows summed across chunks', async () => {
    const { book, summary } = await writeAndRead(connection, [
      ['muitas', 'SELECT range AS n FROM range(5000)'],
      ['a/b', 'SELECT 1 AS n'],
      ['A_B', 'SELECT 2 AS n'],
      ['Sobre', 'SELECT 3 AS n'],
    ]);
    expect(summary.rows).toBe(5003);
    expect(summary.sheets).toEqual([{ name: 'muitas', rows: 5000 }, { name: 'a_b', rows: 1 }, { name: 'A_B_2', rows: 1 }, { name: 'Sobre_2', rows: 1 }]);
    expect(book.worksheets.map((s) => s.name)).toEqual(['muitas', 'a_b', 'A_B_2', 'Sobre_2', 'Sobre']);
    expect(columnValues(sheetOf(book, 'muitas'), 'n').slice(-2)).toEqual([4998, 4999]);
  });
});

describe('while writing', () => {
  it('reports the rows written so far', async () => {
    const seen: number[] = [];
    await writeAndRead(connection, { dados: 'SELECT range AS n FROM range(5000)' }, { onProgress: (rows) => seen.push(rows) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBe(2048);
    expect(seen.every((rows, i) => rows > (seen[i - 1] ?? 0) && rows <= 5000)).toBe(true);
  });

  it('cancelled before or during the last rows: "cancelled", and no file nor partial file is left', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-xlsx-cancel-'));
    const before = new AbortController();
    before.abort();
    const target = path.join(dir, 'antes.xlsx');
    await expect(writeXlsx([await sheetFrom(connection, 'dados', 'SELECT 1 AS n')], { target, about: ABOUT, signal: before.signal }))
      .rejects.toMatchObject({ detail: { code: 'cancelled', message: 'Exportação cancelada.' } });
    // Aborted as the only chunk is reported: the rows are all read, yet the file is not kept.
    const during = new AbortController();
    const late = path.join(dir, 'durante.xlsx');
    const error = await writeXlsx([await sheetFrom(connection, 'dados', 'SELECT 1 AS n')], { target: late, about: ABOUT, signal: during.signal, onProgress: () => during.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).detail.code).toBe('cancelled');
    expect(existsSync(target) || existsSync(late)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a source that fails midway leaves no file and no partial file; the error is the source\'s', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-xlsx-fail-'));
    const good = await sheetFrom(connection, 'dados', 'SELECT range AS n FROM range(3000)');
    async function* failing() {
      for await (const chunk of good.chunks) {
        yield chunk;
        throw new Error('a fonte falhou');
      }
    }
    const target = path.join(dir, 'falha.xlsx');
    expect((await rejection(writeXlsx([{ ...good, chunks: failing() }], { target, about: ABOUT }))).message).toMatch('a fonte falhou');
    expect(await readdir(dir)).toEqual([]);
  });
});
