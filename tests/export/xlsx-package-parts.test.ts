// The parts around the sheets of an exported XLSX, read from the zip by Python's zipfile (code
// of its own): what Excel checks before it shows a cell, and openpyxl or LibreOffice forgive.
// Every part has its content type and every content type names a part; every relationship
// points at a part that is there, with the type that part is; the workbook's sheets follow
// their relationships in order; each data sheet's filter range and printed header row are
// defined names on that sheet (a name with an apostrophe quoted as a formula quotes it); the
// styles count what they hold and give each number format an id of its own; the document
// properties carry the export's time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnLetters } from '../../main/core/export/xlsx-sheet-xml.ts';
import { openDuckDB } from '../arrow/support.ts';
import { writeAndRead } from './xlsx-read-back.ts';

const run = promisify(execFile);
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Every entry of the zip, as text, by name. */
async function partsOf(file: string): Promise<Map<string, string>> {
  const dump = 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))';
  const { stdout } = await run('/usr/bin/python3', ['-c', dump, file], { maxBuffer: 64 << 20 });
  return new Map(Object.entries(JSON.parse(stdout) as Record<string, string>));
}

/** The attributes of every `<tag …/>` or `<tag …>` in `xml`. */
function elements(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g'))].map((match) =>
    Object.fromEntries([...(match[1] as string).matchAll(/([\w:]+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]])),
  );
}

function relationshipsOf(parts: Map<string, string>, name: string): [id: string, type: string, target: string][] {
  return elements(parts.get(name) ?? '', 'Relationship').map((r) => [r.Id as string, r.Type as string, r.Target as string]);
}

let connection: DuckDBConnection;
let parts: Map<string, string>;
let before: number;
let after: number;

beforeAll(async () => {
  connection = await openDuckDB();
  before = Math.floor(Date.now() / 1000) * 1000;
  const { file } = await writeAndRead(connection, [
    ['valores', `SELECT 'Centro' AS bairro, 1234.5::DECIMAL(12,2) AS valor_divida, DATE '2026-10-31' AS vencimento, 0.25::DOUBLE AS taxa`],
    ["D'Ávila", `SELECT 'x' AS a, 2 AS b, DATE '2026-01-01' AS c`],
  ]);
  after = Date.now();
  parts = await partsOf(file);
});

describe('the XLSX package around the sheets', () => {
  it('gives every part its content type, and names no part that is not there', () => {
    const types = parts.get('[Content_Types].xml') as string;
    const defaults = new Map(elements(types, 'Default').map((d): [string, string] => [d.Extension ?? '', d.ContentType ?? '']));
    const overrides = new Map(elements(types, 'Override').map((o): [string, string] => [o.PartName ?? '', o.ContentType ?? '']));
    expect(Object.fromEntries(defaults)).toEqual({ rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml' });
    expect(Object.fromEntries(overrides)).toEqual({
      '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      '/xl/worksheets/sheet2.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      '/xl/worksheets/sheet3.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      '/xl/styles.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
      '/docProps/core.xml': 'application/vnd.openxmlformats-package.core-properties+xml',
      '/docProps/app.xml': 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
    });
    const names = [...parts.keys()].filter((name) => name !== '[Content_Types].xml');
    for (const name of names) expect(overrides.has(`/${name}`) || defaults.has(name.split('.').at(-1) ?? ''), name).toBe(true);
    for (const part of overrides.keys()) expect(parts.has(part.slice(1)), part).toBe(true);
  });

  it('points every relationship at a part that is there, with its type', () => {
    expect(relationshipsOf(parts, '_rels/.rels')).toEqual([
      ['rId1', `${REL}/officeDocument`, 'xl/workbook.xml'],
      ['rId2', `${PACKAGE_REL}/metadata/core-properties`, 'docProps/core.xml'],
      ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
    ]);
    const fromWorkbook = relationshipsOf(parts, 'xl/_rels/workbook.xml.rels');
    expect(fromWorkbook).toEqual([
      ['rId1', `${REL}/worksheet`, 'worksheets/sheet1.xml'],
      ['rId2', `${REL}/worksheet`, 'worksheets/sheet2.xml'],
      ['rId3', `${REL}/worksheet`, 'worksheets/sheet3.xml'],
      ['rId4', `${REL}/styles`, 'styles.xml'],
    ]);
    for (const [, , target] of relationshipsOf(parts, '_rels/.rels')) expect(parts.has(target), target).toBe(true);
    for (const [, , target] of fromWorkbook) expect(parts.has(`xl/${target}`), target).toBe(true);
  });

  it('lists the sheets in order through their relationships, opens on the first, and defines each sheet’s filter range and printed header row', () => {
    const workbook = parts.get('xl/workbook.xml') as string;
    expect(workbook).toContain('<bookViews><workbookView activeTab="0"/></bookViews>');
    expect(elements(workbook, 'sheet').map((s) => [s.name, s.sheetId, s['r:id']])).toEqual([
      ['valores', '1', 'rId1'],
      ["D'Ávila", '2', 'rId2'],
      ['Sobre', '3', 'rId3'],
    ]);
    const defined = [...workbook.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].map((m) => `${m[1]} → ${m[2]}`);
    expect(defined).toEqual([
      `name="_xlnm._FilterDatabase" localSheetId="0" hidden="1" → 'valores'!$A$1:$D$1`,
      `name="_xlnm.Print_Titles" localSheetId="0" → 'valores'!$1:$1`,
      `name="_xlnm._FilterDatabase" localSheetId="1" hidden="1" → 'D''Ávila'!$A$1:$C$1`,
      `name="_xlnm.Print_Titles" localSheetId="1" → 'D''Ávila'!$1:$1`,
      `name="_xlnm.Print_Titles" localSheetId="2" → 'Sobre'!$1:$1`,
    ]);
    expect(elements(parts.get('xl/worksheets/sheet1.xml') as string, 'autoFilter')).toEqual([{ ref: 'A1:D1' }]);
    expect(elements(parts.get('xl/worksheets/sheet2.xml') as string, 'autoFilter')).toEqual([{ ref: 'A1:C1' }]);
    expect(elements(parts.get('xl/worksheets/sheet3.xml') as string, 'autoFilter')).toEqual([]);
    expect(['sheet1', 'sheet2', 'sheet3'].map((s) => elements(parts.get(`xl/worksheets/${s}.xml`) as string, 'sheetView')[0]?.tabSelected)).toEqual(['1', undefined, undefined]);
  });

  it('names a filter range’s last column as Excel does, up to its last one, XFD', () => {
    expect([0, 3, 25, 26, 27, 51, 52, 701, 702, 16_383].map(columnLetters)).toEqual(['A', 'D', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('counts what the styles hold, gives each custom number format an id of its own from 164, and one cell style per format', () => {
    const styles = parts.get('xl/styles.xml') as string;
    const formats = elements(styles, 'numFmt');
    expect(elements(styles, 'numFmts')).toEqual([{ count: String(formats.length) }]);
    const ids = formats.map((f) => Number(f.numFmtId));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids).toEqual(ids.map((_, i) => 164 + i));
    const cellXfs = /<cellXfs count="(\d+)">(.*?)<\/cellXfs>/s.exec(styles);
    const xfs = elements(cellXfs?.[2] ?? '', 'xf');
    expect(Number(cellXfs?.[1])).toBe(xfs.length);
    expect(xfs.slice(0, 2)).toEqual([
      { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0', xfId: '0' },
      { numFmtId: '0', fontId: '1', fillId: '0', borderId: '0', xfId: '0', applyFont: '1' },
    ]);
    const plain = xfs.slice(2);
    expect(plain.every((xf) => xf.fontId === '0' && xf.applyNumberFormat === '1')).toBe(true);
    expect(new Set(plain.map((xf) => xf.numFmtId)).size).toBe(plain.length);
    expect(plain.map((xf) => Number(xf.numFmtId)).filter((id) => id >= 164).sort()).toEqual(ids);
    expect(styles).toContain('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>');
  });

  it('says in the document properties that Mirante made it, and when, to the second', () => {
    const core = parts.get('docProps/core.xml') as string;
    const created = /<dcterms:created xsi:type="dcterms:W3CDTF">([^<]*)<\/dcterms:created>/.exec(core)?.[1] as string;
    const modified = /<dcterms:modified xsi:type="dcterms:W3CDTF">([^<]*)<\/dcterms:modified>/.exec(core)?.[1];
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(modified).toBe(created);
    expect(Date.parse(created)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(created)).toBeLessThanOrEqual(after);
    expect(core).toContain('<dc:creator>Mirante</dc:creator>');
    expect(parts.get('docProps/app.xml')).toContain('<Application>Mirante</Application>');
  });
});
