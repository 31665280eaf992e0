// XLSX written directly as SpreadsheetML (xlsx-sheet-xml.ts) into a streamed zip (xlsx-zip.ts),
// atomically (files/atomic-file.ts): the file appears under its name only when complete. One
// sheet per source; a source longer than a sheet holds continues on "name (2)", ...; a last
// sheet "Sobre" says what the file is. Every text, headers included, is a string cell: an XLSX
// from Mirante holds no formula. Each DuckDB chunk becomes the XML of its rows in one string,
// so memory holds a chunk, never a sheet.
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { Data } from 'apache-arrow';
import { WorkbenchError } from '../api/index.ts';
import { arrowSchemaFor } from '../arrow/schema.ts';
import { chunkToRecordBatch } from '../arrow/chunk-to-batch.ts';
import type { ResultColumnType } from '../engine/engine.ts';
import { aboutRows, type AboutInfo } from './about-sheet.ts';
import { createAtomicFile } from '../files/atomic-file.ts';
import { cellReader, safeText, type CellNote, type CellReader, type CellValue } from './cell-values.ts';
import { planColumns } from './column-plan.ts';
import { SheetNames } from './sheet-names.ts';
import { packageParts, sheetPath, type PackagedSheet } from './xlsx-package.ts';
import { SheetRows, sheetEnd, sheetStart, type SheetColumns } from './xlsx-sheet-xml.ts';
import { XlsxStyles } from './xlsx-styles.ts';
import { ZipStream, type ZipEntry } from './xlsx-zip.ts';

/** Excel's last row is 1,048,576; the header takes one. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

export interface SheetSource {
  name: string;
  columns: readonly ResultColumnType[];
  /** The zone its TIMESTAMPTZ values are written in (as wall clock: a cell has no zone). */
  timeZone: string;
  chunks: AsyncIterable<DuckDBDataChunk>;
}

export interface XlsxOptions {
  target: string;
  about: AboutInfo;
  signal?: AbortSignal;
  /** Rows written so far, at most a few times a second. */
  onProgress?: (rowsWritten: number) => void;
  /** Only tests make it smaller. */
  maxRowsPerSheet?: number;
}

export interface ExportSummary {
  rows: number;
  sheets: { name: string; rows: number }[];
  notices: string[];
}

const NOTES: Record<CellNote, string> = {
  digits_as_text: 'Números com mais de 15 algarismos significativos (limite do Excel) foram gravados como texto, com todos os dígitos.',
  date_as_text: 'Datas fora do intervalo do Excel (01/03/1900 a 31/12/9999) foram gravadas como texto.',
  text_truncated: 'Textos com mais de 32.767 caracteres (limite do Excel) foram cortados.',
};

export function cancelledError(): WorkbenchError {
  return new WorkbenchError({ code: 'cancelled', message: 'Exportação cancelada.' });
}

interface SheetState {
  entry: ZipEntry;
  rows: SheetRows;
  written: number;
  name: string;
  columnCount: number;
}

const ignore = () => undefined;

class XlsxBook {
  readonly names = new SheetNames();
  readonly sheets: { name: string; rows: number }[] = [];
  readonly packaged: PackagedSheet[] = [];
  readonly styles = new XlsxStyles();
  readonly notes = new Set<CellNote>();
  readonly notices: string[] = [];
  rows = 0;
  private lastProgress = 0;

  constructor(
    private readonly zip: ZipStream,
    private readonly options: XlsxOptions,
  ) {}

  /** A new sheet entry, its header row written: bold, frozen and filtered on data sheets. */
  async addSheet(name: string, columns: SheetColumns, header: readonly string[] | null, cellStyles: readonly number[]): Promise<SheetState> {
    const entry = this.zip.entry(sheetPath(this.packaged.length));
    const frozenHeader = header !== null;
    await entry.write(sheetStart(columns, { frozenHeader, selected: this.packaged.length === 0 }));
    const rows = new SheetRows(cellStyles);
    // Headers are plain string cells like every text: never a formula, whatever the column is called.
    if (header) await entry.write(rows.rowXml(header, this.styles.bold));
    this.packaged.push({ name, filterColumns: frozenHeader ? columns.widths.length : 0 });
    if (frozenHeader) this.sheets.push({ name, rows: 0 });
    return { entry, rows, written: 0, name, columnCount: columns.widths.length };
  }

  async finishSheet(state: SheetState, filter = true): Promise<void> {
    const summary = this.sheets.find((s) => s.name === state.name);
    if (summary) summary.rows = state.written;
    await state.entry.write(sheetEnd(state.columnCount, filter));
    await state.entry.end();
  }

  progress(): void {
    const now = performance.now();
    if (now - this.lastProgress < 250) return;
    this.lastProgress = now;
    this.options.onProgress?.(this.rows);
  }

  async writeSource(source: SheetSource): Promise<void> {
    const { signal } = this.options;
    const limit = this.options.maxRowsPerSheet ?? EXCEL_MAX_DATA_ROWS;
    const schema = arrowSchemaFor(source.columns, source.timeZone);
    const plans = planColumns(schema);
    const note = (n: CellNote) => this.notes.add(n);
    const readers: CellReader[] = plans.map((plan) => cellReader(plan, note));
    const styles = plans.map((plan) => this.styles.styleFor(plan.numFmt));
    const columns: SheetColumns = { widths: plans.map((plan) => plan.width), styles };
    const header = plans.map((plan) => safeText(plan.name, ignore));
    const baseName = this.names.claim(source.name);
    let part = 1;
    let state = await this.addSheet(baseName, columns, header, styles);
    const values: CellValue[] = new Array<CellValue>(plans.length);
    for await (const chunk of source.chunks) {
      if (signal?.aborted) throw cancelledError();
      const batch = chunkToRecordBatch(chunk, schema);
      const data = batch.data.children as Data[];
      let xml = '';
      for (let row = 0; row < batch.numRows; row++) {
        if (state.written === limit) {
          await state.entry.write(xml);
          xml = '';
          await this.finishSheet(state);
          part += 1;
          state = await this.addSheet(this.names.claim(baseName, ` (${part})`), columns, header, styles);
        }
        for (let c = 0; c < readers.length; c++) values[c] = (readers[c] as CellReader)(data[c] as Data, row);
        xml += state.rows.rowXml(values);
        state.written += 1;
      }
      await state.entry.write(xml);
      this.rows += batch.numRows;
      this.progress();
    }
    if (signal?.aborted) throw cancelledError();
    await this.finishSheet(state);
    if (part > 1) {
      this.notices.push(
        `"${source.name}" tem ${state.written + (part - 1) * limit} linhas, mais do que cabe numa planilha do Excel: continua nas planilhas seguintes (${part} no total).`,
      );
    }
  }

  /** "Sobre": labels bold in a column 30 wide, values in one 100 wide. */
  async writeAbout(rows: readonly string[][]): Promise<void> {
    const state = await this.addSheet('Sobre', { widths: [30, 100], styles: [0, 0] }, null, [this.styles.bold, 0]);
    const xml = rows.map(([label, value]) => state.rows.rowXml([safeText(label ?? '', ignore), safeText(value ?? '', ignore)])).join('');
    await state.entry.write(xml);
    await this.finishSheet(state, false);
  }
}

/** Writes every source as a sheet, then "Sobre"; the file appears under `target` only when complete. */
export async function writeXlsx(sources: AsyncIterable<SheetSource> | Iterable<SheetSource>, options: XlsxOptions): Promise<ExportSummary> {
  const started = performance.now();
  const file = await createAtomicFile(options.target);
  const stream = file.stream();
  const zip = new ZipStream(stream);
  const book = new XlsxBook(zip, options);
  try {
    for await (const source of sources) await book.writeSource(source);
    const notices = [...book.notices, ...[...book.notes].map((n) => NOTES[n])];
    await book.writeAbout(aboutRows(options.about, {
      sheets: book.sheets,
      notices,
      exportedAt: new Date(),
      elapsedMs: performance.now() - started,
    }));
    zip.add('xl/styles.xml', book.styles.xml());
    for (const [name, xml] of packageParts(book.packaged, new Date())) zip.add(name, xml);
    await zip.finish();
    await file.commit();
    return { rows: book.rows, sheets: book.sheets, notices };
  } catch (error) {
    await zip.abort();
    await file.discard();
    throw error;
  }
}
