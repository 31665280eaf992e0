// XLSX through exceljs' streaming WorkbookWriter, written atomically (files/atomic-file.ts): the
// file appears under its name only when complete. One sheet per source; a source longer than
// a sheet holds continues on "name (2)", ...; a last sheet "Sobre" says what the file is.
// Every text, headers included, is a string cell: an XLSX from Mirante holds no formula.
import ExcelJS from 'exceljs';
import type { Style, Worksheet } from 'exceljs';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { Data } from 'apache-arrow';
import { WorkbenchError } from '../api/index.ts';
import { arrowSchemaFor } from '../arrow/schema.ts';
import { chunkToRecordBatch } from '../arrow/chunk-to-batch.ts';
import type { ResultColumnType } from '../engine/engine.ts';
import { writeAboutSheet, type AboutInfo } from './about-sheet.ts';
import { createAtomicFile } from '../files/atomic-file.ts';
import { cellReader, textCell, type CellNote, type CellReader } from './cell-values.ts';
import { planColumns, type ColumnPlan } from './column-plan.ts';
import { SheetNames } from './sheet-names.ts';

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
  sheet: Worksheet;
  rows: number;
  name: string;
}

/**
 * On paper a sheet is as wide as one page (A4, landscape) and as long as it needs, its header
 * row repeated on every page: without this a table of a dozen columns printed its six rows on
 * eighteen pages, a few columns at a time.
 */
const PRINTED: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };

class XlsxBook {
  readonly names = new SheetNames();
  readonly sheets: { name: string; rows: number }[] = [];
  readonly notes = new Set<CellNote>();
  readonly notices: string[] = [];
  rows = 0;
  private lastProgress = 0;

  constructor(
    readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly options: XlsxOptions,
  ) {}

  addSheet(name: string, plans: readonly ColumnPlan[], styles: readonly Partial<Style>[]): SheetState {
    const sheet = this.workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
      pageSetup: PRINTED,
      autoFilter: plans.length ? { from: { row: 1, column: 1 }, to: { row: 1, column: plans.length } } : undefined,
    } as Partial<ExcelJS.AddWorksheetOptions>);
    sheet.columns = plans.map((plan, c) => ({ width: plan.width, style: styles[c] as Partial<Style> }));
    // Headers are plain string cells like every text: never a formula, whatever the column is called.
    const header = sheet.addRow(plans.map((plan) => textCell(plan.name, () => undefined)));
    header.font = { bold: true };
    header.commit();
    const state = { sheet, rows: 0, name };
    this.sheets.push({ name, rows: 0 });
    return state;
  }

  finishSheet(state: SheetState): void {
    (this.sheets.find((s) => s.name === state.name) as { rows: number }).rows = state.rows;
    state.sheet.commit();
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
    // One style object per column, shared by its cells: exceljs caches styles by identity.
    const styles = plans.map((plan) => (plan.numFmt ? { numFmt: plan.numFmt } : {}));
    const baseName = this.names.claim(source.name);
    let part = 1;
    let state = this.addSheet(baseName, plans, styles);
    const values: unknown[] = new Array<unknown>(plans.length);
    for await (const chunk of source.chunks) {
      if (signal?.aborted) throw cancelledError();
      const batch = chunkToRecordBatch(chunk, schema);
      const columns = batch.data.children as Data[];
      for (let row = 0; row < batch.numRows; row++) {
        if (state.rows === limit) {
          this.finishSheet(state);
          part += 1;
          state = this.addSheet(this.names.claim(baseName, ` (${part})`), plans, styles);
        }
        for (let c = 0; c < readers.length; c++) values[c] = (readers[c] as CellReader)(columns[c] as Data, row);
        const added = state.sheet.addRow(values);
        for (let c = 0; c < styles.length; c++) added.getCell(c + 1).style = styles[c] as Partial<Style>;
        added.commit();
        state.rows += 1;
      }
      this.rows += batch.numRows;
      this.progress();
    }
    if (signal?.aborted) throw cancelledError();
    this.finishSheet(state);
    if (part > 1) {
      this.notices.push(
        `"${source.name}" tem ${state.rows + (part - 1) * limit} linhas, mais do que cabe numa planilha do Excel: continua nas planilhas seguintes (${part} no total).`,
      );
    }
  }
}

/** Writes every source as a sheet, then "Sobre"; the file appears under `target` only when complete. */
export async function writeXlsx(sources: AsyncIterable<SheetSource> | Iterable<SheetSource>, options: XlsxOptions): Promise<ExportSummary> {
  const started = performance.now();
  const file = await createAtomicFile(options.target);
  const stream = file.stream();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Mirante';
  const book = new XlsxBook(workbook, options);
  try {
    for await (const source of sources) await book.writeSource(source);
    const notices = [...book.notices, ...[...book.notes].map((n) => NOTES[n])];
    const about = workbook.addWorksheet('Sobre', { pageSetup: PRINTED });
    about.columns = [{ width: 30 }, { width: 100 }];
    writeAboutSheet(about, options.about, {
      sheets: book.sheets,
      notices,
      exportedAt: new Date(),
      elapsedMs: performance.now() - started,
    });
    about.commit();
    await workbook.commit();
    await file.commit();
    return { rows: book.rows, sheets: book.sheets, notices };
  } catch (error) {
    stream.destroy();
    await file.discard();
    throw error;
  }
}
