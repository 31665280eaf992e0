// The workbook's cell styles (xl/styles.xml): one per number format the columns use, and bold
// for header and "Sobre" labels. Formats are stored in en-US form; a pt-BR spreadsheet shows
// dd/mm/aaaa and 1.234,56 (column-plan.ts).
import { XML_DECLARATION, escapeXml } from './xlsx-sheet-xml.ts';

/** The built-in number format ids SpreadsheetML defines for the codes Mirante uses; others get 164+. */
const BUILT_IN: Record<string, number> = { '@': 49 };
const FIRST_CUSTOM = 164;
const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';

export class XlsxStyles {
  private readonly formats = new Map<string, number>();
  /** cellXfs: [numFmtId, bold]; index 0 is the default, 1 bold. */
  private readonly xfs: [number, boolean][] = [[0, false], [0, true]];
  readonly bold = 1;

  /** The cellXfs index of cells in `numFmt` (0 for none). */
  styleFor(numFmt: string | undefined): number {
    if (numFmt === undefined) return 0;
    let id = BUILT_IN[numFmt] ?? this.formats.get(numFmt);
    if (id === undefined) {
      id = FIRST_CUSTOM + this.formats.size;
      this.formats.set(numFmt, id);
    }
    const found = this.xfs.findIndex(([format, bold]) => format === id && !bold);
    if (found >= 0) return found;
    this.xfs.push([id, false]);
    return this.xfs.length - 1;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    const xfs = this.xfs.map(([format, bold]) =>
      `<xf numFmtId="${format}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${format ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}/>`);
    return `${XML_DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
      + (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '')
      + `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>`
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + '</styleSheet>';
  }
}
