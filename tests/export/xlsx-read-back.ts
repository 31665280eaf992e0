// Test support: SQL run in a real DuckDB, streamed through the XLSX writer into a real file,
// and that file opened again with exceljs (a reader of its own, not the writer's memory): what a
// user opening the spreadsheet gets, cell by cell.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { writeXlsx, type ExportSummary, type SheetSource, type XlsxOptions } from '../../main/core/export/xlsx-writer.ts';
import type { AboutInfo } from '../../main/core/export/about-sheet.ts';

export const ABOUT: AboutInfo = { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: {}, sql: [] };

/** A streamed result's chunks, as the export reads them. */
export async function* chunksOf(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    yield chunk;
  }
}

/** One sheet's source: `sql` streamed from `connection` (a session in UTC, as openDuckDB sets it). */
export async function sheetFrom(connection: DuckDBConnection, name: string, sql: string): Promise<SheetSource> {
  const result = await connection.stream(sql);
  const columns = Array.from({ length: result.columnCount }, (_, c) => ({ name: result.columnName(c), type: result.columnType(c) }));
  return { name, columns, timeZone: 'UTC', chunks: chunksOf(result) };
}

export interface WrittenBook {
  file: string;
  summary: ExportSummary;
  book: ExcelJS.Workbook;
}

/** Writes the sheets (name → SQL, in order; names may repeat in the list form) to a fresh .xlsx and reads it back. */
export async function writeAndRead(
  connection: DuckDBConnection,
  sheets: Record<string, string> | [name: string, sql: string][],
  options: Partial<XlsxOptions> = {},
): Promise<WrittenBook> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-xlsx-'));
  const file = options.target ?? path.join(dir, 'planilha.xlsx');
  // One stream at a time: a connection's next query ends the one before.
  async function* sources(): AsyncGenerator<SheetSource> {
    for (const [name, sql] of Array.isArray(sheets) ? sheets : Object.entries(sheets)) yield await sheetFrom(connection, name, sql);
  }
  const summary = await writeXlsx(sources(), { about: ABOUT, ...options, target: file });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return { file, summary, book };
}

/** A sheet by name; throws when absent. */
export function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`sem planilha ${name}: ${book.worksheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

/** Column `header`'s values below the header row, in order. */
export function columnValues(sheet: ExcelJS.Worksheet, header: string): ExcelJS.CellValue[] {
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(plainText);
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`sem coluna ${header}: ${headers.join(', ')}`);
  const values: ExcelJS.CellValue[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) values.push(sheet.getRow(r).getCell(index + 1).value);
  return values;
}

/** A cell's text whether it was written plain or as rich text (edge spaces kept). */
export function plainText(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  return value;
}

/** The "Sobre" sheet as label → value pairs, in order. */
export function aboutPairs(book: ExcelJS.Workbook): [string, string][] {
  const sheet = sheetOf(book, 'Sobre');
  const pairs: [string, string][] = [];
  sheet.eachRow((row) => pairs.push([String(plainText(row.getCell(1).value) ?? ''), String(plainText(row.getCell(2).value) ?? '')]));
  return pairs;
}
