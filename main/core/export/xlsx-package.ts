// The parts of an XLSX package around its sheets: content types, relationships, the workbook
// (sheet names and order, the header row printed on every page, the header's filter range)
// and the document properties. Written once every sheet is known, at the end of the file.
import { XML_DECLARATION, columnLetters, escapeXml } from './xlsx-sheet-xml.ts';

export interface PackagedSheet {
  name: string;
  /** Columns with a header filter (0: no filter). */
  filterColumns: number;
}

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function sheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

function contentTypes(sheets: readonly PackagedSheet[]): string {
  const overrides = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ...sheets.map((_, i) => [`/${sheetPath(i)}`, SHEET_TYPE]),
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')
    + '</Types>';
}

function relationships(targets: [type: string, target: string][]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL}">`
    + targets.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('')
    + '</Relationships>';
}

/** `'name'` as a formula refers to a sheet (an apostrophe in it doubled). */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function workbook(sheets: readonly PackagedSheet[]): string {
  const entries = sheets.map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  const names = sheets.flatMap((sheet, i) => [
    ...(sheet.filterColumns
      ? [`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${sheetRef(sheet.name)}!$A$1:$${columnLetters(sheet.filterColumns - 1)}$1`)}</definedName>`]
      : []),
    `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${sheetRef(sheet.name)}!$1:$1`)}</definedName>`,
  ]);
  return `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">`
    + '<bookViews><workbookView activeTab="0"/></bookViews>'
    + `<sheets>${entries.join('')}</sheets><definedNames>${names.join('')}</definedNames></workbook>`;
}

function coreProperties(created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `
    + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:creator>Mirante</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

function appProperties(): string {
  return `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">`
    + '<Application>Mirante</Application></Properties>';
}

/** Every part but the sheets and styles, by path in the package. */
export function packageParts(sheets: readonly PackagedSheet[], created: Date): [path: string, xml: string][] {
  return [
    ['[Content_Types].xml', contentTypes(sheets)],
    ['_rels/.rels', relationships([
      [`${REL}/officeDocument`, 'xl/workbook.xml'],
      [`${PACKAGE_REL}/metadata/core-properties`, 'docProps/core.xml'],
      [`${REL}/extended-properties`, 'docProps/app.xml'],
    ])],
    ['docProps/core.xml', coreProperties(created)],
    ['docProps/app.xml', appProperties()],
    ['xl/workbook.xml', workbook(sheets)],
    ['xl/_rels/workbook.xml.rels', relationships([
      ...sheets.map((_, i): [string, string] => [`${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
      [`${REL}/styles`, 'styles.xml'],
    ])],
  ];
}
