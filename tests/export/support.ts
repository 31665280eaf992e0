// Test support: LibreOffice as the independent reader of XLSX and csv-br, and a small
// RFC 4180 parser for what it writes back.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Converts every sheet of every file to CSV in ONE LibreOffice run (a private profile each
 * time: LibreOffice allows one instance per profile). `asShown`: cells as formatted (dates
 * dd/mm/yyyy), else raw values (a date comes out in LibreOffice's own m/d/y form, so a date
 * cell is told apart from text). Output: `<outDir>/<base>-<sheet>.csv`.
 */
export async function libreOfficeToCsv(files: string[], outDir: string, options: { asShown: boolean; inFilter?: string }): Promise<void> {
  const profile = path.join(os.tmpdir(), `lo-${randomUUID()}`);
  await mkdir(profile, { recursive: true });
  try {
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${options.asShown},false,false,-1`;
    const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir];
    if (options.inFilter) args.push(`--infilter=${options.inFilter}`);
    await run('libreoffice', [...args, ...files], { env: { ...process.env, HOME: profile }, timeout: 120_000 });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
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
