// A worksheet part of SpreadsheetML as text, written straight from cell values: every text is an
// inline string (`t="inlineStr"`, so no shared-strings table grows in memory), numbers and
// dates are plain numbers whose column style shows them as R$, dd/mm/yyyy, ... (xlsx-styles.ts).
// A text cell is never a formula, whatever it starts with (docs/FORMULA-GUARD.md).
import type { CellValue } from './cell-values.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };
// A raw CR would reach the reader as LF (XML's end-of-line handling); &#13; keeps it.
const SPECIAL = /[&<>"\r]/;
const SPECIALS = /[&<>"\r]/g;
// Readers drop leading and trailing white space (and a leading tab) unless told to keep it.
const EDGE_SPACE = /^\s|\s$|\n/;
/** Most text has none of the above: one test, and it is written as it is. */
const PLAIN = /[&<>"\r\n]|^\s|\s$/;

export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] as string) : text;
}

function textXml(text: string): string {
  if (!PLAIN.test(text)) return `<is><t>${text}</t></is>`;
  return EDGE_SPACE.test(text) ? `<is><t xml:space="preserve">${escapeXml(text)}</t></is>` : `<is><t>${escapeXml(text)}</t></is>`;
}

/** A, B, ..., Z, AA, ...: the column part of a cell reference. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** What a sheet needs to know of its columns: letters, widths and style per column. */
export interface SheetColumns {
  widths: readonly number[];
  /** cellXfs index of each column's cells (0: none). */
  styles: readonly number[];
}

/**
 * Writes one row at a time; the row numbers count from 1 (the first row written). A cell names
 * its place (`r="C7"`) only when it does not follow the one before (the first of a row, or after
 * a NULL, which is no cell): the reference is optional in SpreadsheetML, and leaving it out
 * makes the XML a quarter smaller to build, check and deflate.
 */
export class SheetRows {
  private readonly letters: string[];
  private readonly styles: string[];
  row = 0;

  constructor(styles: readonly number[]) {
    this.letters = styles.map((_, c) => columnLetters(c));
    this.styles = styles.map((style) => (style ? ` s="${style}"` : ''));
  }

  /** One row of cells, `style` (a cellXfs index) replacing the columns' own when given. */
  rowXml(values: readonly CellValue[], style?: number): string {
    const r = ++this.row;
    const override = style === undefined ? null : ` s="${style}"`;
    let xml = `<row r="${r}">`;
    let placed = false;
    for (let c = 0; c < values.length; c++) {
      const value = values[c] as CellValue;
      if (value === null) {
        placed = false;
        continue;
      }
      xml += `${placed ? '<c' : `<c r="${this.letters[c] as string}${r}"`}${override ?? (this.styles[c] as string)}`;
      placed = true;
      if (typeof value === 'number') xml += `><v>${value}</v></c>`;
      else if (typeof value === 'string') xml += ` t="inlineStr">${textXml(value)}</c>`;
      else xml += ` t="b"><v>${value ? 1 : 0}</v></c>`;
    }
    return `${xml}</row>`;
  }
}

/** Everything before the first row: page fitting, the frozen header, column widths and styles. */
export function sheetStart(columns: SheetColumns, options: { frozenHeader: boolean; selected: boolean }): string {
  const selected = options.selected ? ' tabSelected="1"' : '';
  const view = options.frozenHeader
    ? `<sheetView workbookViewId="0"${selected}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`
    : `<sheetView workbookViewId="0"${selected}/>`;
  const cols = columns.widths.map((width, c) => {
    const style = columns.styles[c] ? ` style="${columns.styles[c]}"` : '';
    return `<col min="${c + 1}" max="${c + 1}" width="${width}"${style} customWidth="1"/>`;
  });
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    + `<sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>`
    + (cols.length ? `<cols>${cols.join('')}</cols>` : '')
    + '<sheetData>';
}

/**
 * Everything after the last row: the header's filter, and on paper a sheet as wide as one page
 * (A4, landscape) and as long as it needs (its header repeated on every page: workbook.xml).
 */
export function sheetEnd(columnCount: number, filter: boolean): string {
  const autoFilter = filter && columnCount ? `<autoFilter ref="A1:${columnLetters(columnCount - 1)}1"/>` : '';
  return `</sheetData>${autoFilter}`
    + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    + '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>';
}
