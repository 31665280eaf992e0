// Test support: LibreOffice as the independent reader of XLSX and csv-br (values, and what it
// takes for a formula), a small RFC 4180 parser for what it writes back, and the stand-in for
// Electron's save dialog.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SaveTargets } from '../../main/core/export/save-targets.ts';
import type { WorkbenchExports } from '../../main/core/export/workbench-exports.ts';
import type { Workbench } from '../../main/core/workbench.ts';

const run = promisify(execFile);

/**
 * Converts every sheet of every file to CSV in ONE LibreOffice run (a private profile each
 * time: LibreOffice allows one instance per profile). `asShown`: cells as formatted (dates
 * dd/mm/yyyy), else raw values (a date comes out in LibreOffice's own m/d/y form, so a date
 * cell is told apart from text). Output: `<outDir>/<base>-<sheet>.csv`.
 */
export async function libreOfficeToCsv(files: string[], outDir: string, options: { asShown: boolean; inFilter?: string }): Promise<void> {
  const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${options.asShown},false,false,-1`;
  await libreOffice(['--convert-to', filter, '--outdir', outDir, ...(options.inFilter ? [`--infilter=${options.inFilter}`] : []), ...files]);
}

/**
 * One headless LibreOffice run on a private profile of its own (LibreOffice allows one instance
 * per profile), in pt-BR when asked (as a Brazilian user's LibreOffice reads numbers and dates).
 */
async function libreOffice(args: string[], options: { ptBR?: boolean } = {}): Promise<void> {
  const profile = path.join(os.tmpdir(), `lo-${randomUUID()}`);
  await mkdir(path.join(profile, 'user'), { recursive: true });
  if (options.ptBR) {
    await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>pt-BR</value></prop></item>',
      '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>pt-BR</value></prop></item>',
      '</oor:items>',
    ].join('\n'));
  }
  try {
    await run('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { env: { ...process.env, HOME: profile }, timeout: 120_000 });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Prints a file to PDF with LibreOffice (every sheet, its print setup applied) and counts the pages. */
export async function libreOfficePrintedPages(file: string, outDir: string): Promise<number> {
  await libreOffice(['--convert-to', 'pdf', '--outdir', outDir, file]);
  const pdf = await readFile(path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`), 'latin1');
  return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** Sheet CSV → rows of objects by header. */
export async function readSheet(file: string): Promise<Record<string, string>[]> {
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  return rows.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])));
}

/** A spreadsheet cell as LibreOffice holds it: its text, and its formula when it is one. */
export interface OfficeCell {
  text: string;
  formula?: string;
}

export interface OfficeTable {
  name: string;
  rows: OfficeCell[][];
}

const ENTITIES: Record<string, string> = { '&apos;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' };

function officeText(xml: string): string {
  return [...xml.matchAll(/<text:p[^>]*?(?:\/>|>([\s\S]*?)<\/text:p>)/g)]
    .map((p) => (p[1] ?? '')
      .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
      .replace(/<text:tab\/>/g, '\t')
      .replace(/<text:line-break\/>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&(?:apos|quot|lt|gt|amp|#x[0-9a-fA-F]+|#\d+);/g, (e) => ENTITIES[e] ?? String.fromCodePoint(Number(e.startsWith('&#x') ? `0x${e.slice(3, -1)}` : e.slice(2, -1)))))
    .join('\n');
}

/** The tables of a flat ODF spreadsheet (.fods): every cell's text and formula. */
export function parseFods(xml: string): OfficeTable[] {
  return [...xml.matchAll(/<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)].map((table) => ({
    name: table[1] as string,
    rows: [...(table[2] as string).matchAll(/<table:table-row[^>]*?(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].flatMap((cell) => {
        const attributes = cell[1] as string;
        const formula = /table:formula="([^"]*)"/.exec(attributes)?.[1];
        const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
        const one: OfficeCell = { text: officeText(cell[2] ?? ''), ...(formula ? { formula } : {}) };
        return Array.from({ length: Math.min(repeated, 64) }, () => one);
      })),
  }));
}

/**
 * Opens each file in LibreOffice headless, as a pt-BR user has it (locale pt-BR), and saves it
 * as a flat ODF spreadsheet: what LibreOffice made of every cell, formulas included.
 * `inFilter`: the CSV import options (see docs/FORMULA-GUARD.md).
 */
export async function libreOfficeTables(files: string[], outDir: string, options: { inFilter?: string } = {}): Promise<Map<string, OfficeTable[]>> {
  await libreOffice(['--convert-to', 'fods', '--outdir', outDir, ...(options.inFilter ? [`--infilter=${options.inFilter}`] : []), ...files], { ptBR: true });
  const tables = new Map<string, OfficeTable[]>();
  for (const file of files) {
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    tables.set(path.basename(file), parseFods(await readFile(path.join(outDir, `${base}.fods`), 'utf8')));
  }
  return tables;
}

/** The harshest CSV import a user can choose: formulas evaluated, spaces trimmed, split on , ; tab and space. */
export const HARSH_CSV_IMPORT = 'Text - txt - csv (StarCalc):44/59/9/32,34,76,1,,1046,false,false,false,false,true,-1,true';
/** The same with csv-br's separator listed first. */
export const HARSH_CSV_BR_IMPORT = 'Text - txt - csv (StarCalc):59/44/9/32,34,76,1,,1046,false,false,false,false,true,-1,true';

/** The save-target registry a Workbench's exports take handles from: what Electron's save dialog grants into. */
export function saveTargetsOf(workbench: Workbench): SaveTargets {
  // The Workbench does not expose its exports; tests stand in for the Electron shell here.
  return (workbench as unknown as { exports: WorkbenchExports }).exports.saveTargets;
}

/** What Electron's save dialog does when the user picks `file`: a handle for it. */
export function grantSave(workbench: Workbench, file: string): string {
  return saveTargetsOf(workbench).grant(file);
}
