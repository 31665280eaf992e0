// The exported XLSX opened by a second reader that shares no code with the writer: Debian's
// python3-openpyxl, run by the test. Every column kind is checked cell by cell (value, the type
// openpyxl gives it, its number format), with the layout a user sees: bold frozen header,
// filter, widths, A4 landscape fitted to the width, the header printed on every page, "Sobre".
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATE_FORMAT, MONEY_FORMAT, TIMESTAMP_FORMAT } from '../../main/core/export/column-plan.ts';
import { openDuckDB } from '../arrow/support.ts';
import { writeAndRead } from './xlsx-read-back.ts';

const run = promisify(execFile);
const READER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'read-with-openpyxl.py');
// Debian's interpreter, where python3-openpyxl is installed (a python3 earlier on PATH may lack it).
const PYTHON = '/usr/bin/python3';

interface PyCell { v: unknown; t: string; fmt: string; bold: boolean }
interface PySheet {
  name: string;
  rows: PyCell[][];
  freeze: string | null;
  filter: string | null;
  widths: Record<string, number>;
  printTitles: string | null;
  paper: [number | null, string | null, boolean | null];
}

async function readWithOpenpyxl(file: string): Promise<{ creator: string; sheets: PySheet[] }> {
  const { stdout } = await run(PYTHON, [READER, file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { creator: string; sheets: PySheet[] };
}

function sheetNamed(sheets: PySheet[], name: string): PySheet {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`sem planilha ${name}: ${sheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

/** Column `header`'s cells below the header row (openpyxl pads short rows with empty cells). */
function columnCells(sheet: PySheet, header: string): PyCell[] {
  const index = (sheet.rows[0] ?? []).findIndex((c) => c.v === header);
  if (index < 0) throw new Error(`sem coluna ${header}`);
  return sheet.rows.slice(1).map((row) => row[index] as PyCell);
}

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const EVERY_KIND = `SELECT * FROM (VALUES
  (1, '00123456789', 1234.56::DECIMAL(14,2), 0.25::DOUBLE, 1.5::DECIMAL(18,4), 42::INTEGER, 999999999999999::BIGINT,
   DATE '2024-02-29', TIMESTAMP '2024-02-29 10:11:12.345', 2.5::FLOAT, true, ' =1+1 ', 'rua 1' || chr(13) || chr(10) || 'casa 2', [1, 2]),
  (2, NULL, -0.05::DECIMAL(14,2), NULL, 99999999999999.9999::DECIMAL(18,4), -7::INTEGER, 1000000000000000::BIGINT,
   DATE '1800-01-01', TIMESTAMP '1969-12-31 23:59:59.999', 'nan'::FLOAT, false, 'a&<>"b' || chr(1), NULL, NULL)
) t(n, cpf, saldo, valor_pago, taxa, qtd, total, data, quando, media, ativo, obs, endereco, lista)`;

describe('an exported XLSX read by openpyxl', () => {
  it('has every value with its type and number format, column by column', async () => {
    const { file } = await writeAndRead(connection, { dados: `${EVERY_KIND} ORDER BY n` });
    const dados = sheetNamed((await readWithOpenpyxl(file)).sheets, 'dados');
    // A NULL is no cell at all (openpyxl fills the gap with an empty General cell).
    const cells = (header: string) => columnCells(dados, header).map(({ v, t, fmt }) => (v === null ? [null] : [v, t, fmt]));
    expect(cells('cpf')).toEqual([['00123456789', 's', '@'], [null]]);
    expect(cells('saldo')).toEqual([[1234.56, 'n', MONEY_FORMAT], [-0.05, 'n', MONEY_FORMAT]]);
    expect(cells('valor_pago')).toEqual([[0.25, 'n', MONEY_FORMAT], [null]]);
    // Past 15 significant digits: the exact digits as text, in the column's format.
    expect(cells('taxa')).toEqual([[1.5, 'n', '#,##0.0000'], ['99999999999999.9999', 's', '#,##0.0000']]);
    expect(cells('qtd')).toEqual([[42, 'n', 'General'], [-7, 'n', 'General']]);
    expect(cells('total')).toEqual([[999999999999999, 'n', 'General'], ['1000000000000000', 's', 'General']]);
    // Dates and date-times are date cells to the millisecond; before 01/03/1900, DuckDB's text.
    expect(cells('data')).toEqual([['2024-02-29T00:00:00', 'd', DATE_FORMAT], ['1800-01-01', 's', DATE_FORMAT]]);
    expect(cells('quando')).toEqual([['2024-02-29T10:11:12.345000', 'd', TIMESTAMP_FORMAT], ['1969-12-31T23:59:59.999000', 'd', TIMESTAMP_FORMAT]]);
    expect(cells('media')).toEqual([[2.5, 'n', 'General'], ['nan', 's', 'General']]);
    expect(cells('ativo')).toEqual([[true, 'b', 'General'], [false, 'b', 'General']]);
    // Text is text: a formula-like value stays a string with its spaces, CR LF stays CR LF,
    // XML-invalid characters are shown as \xNN.
    expect(cells('obs')).toEqual([[' =1+1 ', 's', 'General'], ['a&<>"b\\x01', 's', 'General']]);
    expect(cells('endereco')).toEqual([['rua 1\r\ncasa 2', 's', 'General'], [null]]);
    expect(cells('lista')).toEqual([['[1, 2]', 's', 'General'], [null]]);
  });

  it('shows a bold frozen header with a filter, the widths of each kind, and prints A4 landscape one page wide with the header on every page', async () => {
    const { file } = await writeAndRead(connection, { dados: `${EVERY_KIND} ORDER BY n` });
    const book = await readWithOpenpyxl(file);
    expect(book.creator).toBe('Mirante');
    expect(book.sheets.map((s) => s.name)).toEqual(['dados', 'Sobre']);
    const dados = sheetNamed(book.sheets, 'dados');
    expect((dados.rows[0] ?? []).map((c) => [c.v, c.t, c.bold])).toEqual(
      ['n', 'cpf', 'saldo', 'valor_pago', 'taxa', 'qtd', 'total', 'data', 'quando', 'media', 'ativo', 'obs', 'endereco', 'lista'].map((h) => [h, 's', true]),
    );
    expect(dados.rows.slice(1).flat().some((c) => c.bold)).toBe(false);
    expect(dados.freeze).toBe('A2');
    expect(dados.filter).toBe('A1:N1');
    expect(dados.widths).toMatchObject({ A: 12, B: 18, C: 16, D: 14, E: 16, F: 12, G: 20, H: 12, I: 17, J: 14, K: 8, L: 18, M: 18, N: 18 });
    expect(dados.paper).toEqual([9, 'landscape', true]);
    expect(dados.printTitles).toBe('$1:$1');
  });

  it('continues a long source on "name (2)" with the same header and formats, and "Sobre" has bold labels and the counts', async () => {
    const { file } = await writeAndRead(connection, { dados: `SELECT range AS n, DATE '2024-01-01' + range::INTEGER AS d FROM range(5)` }, { maxRowsPerSheet: 3 });
    const book = await readWithOpenpyxl(file);
    expect(book.sheets.map((s) => s.name)).toEqual(['dados', 'dados (2)', 'Sobre']);
    const second = sheetNamed(book.sheets, 'dados (2)');
    expect(second.rows.map((row) => row.map((c) => c.v))).toEqual([['n', 'd'], [3, '2024-01-04T00:00:00'], [4, '2024-01-05T00:00:00']]);
    expect(second.rows[1]?.[1]?.fmt).toBe(DATE_FORMAT);
    expect(second.freeze).toBe('A2');
    const sobre = sheetNamed(book.sheets, 'Sobre');
    expect(sobre.freeze).toBeNull();
    expect(sobre.rows.every((row) => row[0]?.bold === true && row[1]?.bold === false)).toBe(true);
    const pairs = sobre.rows.map((row) => [row[0]?.v, row[1]?.v]);
    expect(pairs).toContainEqual(['  dados', '3']);
    expect(pairs).toContainEqual(['  dados (2)', '2']);
    expect(pairs).toContainEqual(['Origem', 'Consulta']);
  });
});
