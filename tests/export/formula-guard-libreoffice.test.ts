// Every file a spreadsheet may open, opened by one: LibreOffice (pt-BR locale, the harshest CSV
// import a user can choose: formulas evaluated, spaces trimmed, split on , ; tab and space)
// reads the CSV, csv-br and XLSX that the grid export, the panel export and `mirante query
// --out` wrote from values and headers that start with every dangerous prefix, and holds not
// one formula. The same rows written unguarded (standard output) do turn into formulas there,
// so the check can fail. See docs/FORMULA-GUARD.md.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Workbench } from '../../main/core/workbench.ts';
import { runCli } from '../support/run-cli.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { needsFormulaGuard } from '../../main/core/format/formula-guard.ts';
import { HARSH_CSV_BR_IMPORT, HARSH_CSV_IMPORT, grantSave, libreOfficeTables, type OfficeCell, type OfficeTable } from './support.ts';

const data = inject('sampleRegistryDir');
let workbench: Workbench;
let dir: string;

/** Each evaluates to 42 (or 41) if a spreadsheet runs it. */
const PAYLOADS = [
  '=1+41', ' =1+41', '  =1+41', '\t=1+41', '\r=1+41', '\n=1+41', '\u000b=1+41', '\u00a0=1+41', '\u3000=1+41', '\u200b=1+41', '\ufeff=1+41',
  '\uff1d1+41', '\uff0b1+41', '\uff0d1+43', '\uff20SUM(1;41)', '\ufe661+41',
  '+1+41', '-1+43', '@SUM(1;41)', '=SUM(1;41)', ' +1+41', ' -1+43', ' @SUM(1;41)', '\t+1+41',
  'a;=1+41', 'a,=1+41', 'a\t=1+41', 'a =1+41', '=1+41 ', '=HYPERLINK("http://x";"y")',
];
/** Column names a query can give, each a formula. */
const HEADERS = ['=1+41', ' =1+41', '@SUM(1;41)', '\uff1d1+41', '-1+43', '+1+41'];

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
// chr() keeps control characters out of the SQL text.
const sqlText = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 32 ? `chr(${c.charCodeAt(0)})` : sqlString(c))).join(' || ');
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One row per payload: as VARCHAR, UNION, BLOB, ENUM, JSON, inside a LIST and a STRUCT; then one number column per dangerous header. */
const SQL = `select v, union_value(t := v) as u, encode(v) as b, CAST(v AS ENUM(${PAYLOADS.map(sqlString).join(', ')})) as e,
    to_json(v) as j, [v] as l, {'k': v} as s, ${HEADERS.map((h, i) => `${i} as ${quoted(h)}`).join(', ')}
  from (values ${PAYLOADS.map((p, i) => `(${i}, ${sqlText(p)})`).join(', ')}) t(i, v) order by i`;

let csv: Map<string, OfficeTable[]>;
let xlsx: Map<string, OfficeTable[]>;

/** Writes every file (grid, panel, command; and the unguarded control), then has LibreOffice open them all. */
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-formula-guard-'));
  workbench = await Workbench.open({ dataDir: data, stateDir: path.join(dir, 'state'), threads: 2 });
  const file = (name: string) => path.join(dir, name);
  const { queryId } = await runAndCollect(workbench, { sql: SQL });
  for (const [name, format] of [['grade.csv', 'csv'], ['grade-br.csv', 'csv-br'], ['grade.xlsx', 'xlsx']] as const) {
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, saveTarget: grantSave(workbench, file(name)) });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
  }
  const panel = ['---', 'title: Perigos', '---', '', '```sql perigos', SQL, '```', ''].join('\n');
  const { exportId } = await workbench.exportDocument({ text: panel, format: 'xlsx', saveTarget: grantSave(workbench, file('painel.xlsx')) });
  expect((await workbench.exportSettled(exportId)).state).toBe('done');
  const commands = await Promise.all([
    ...(['csv', 'csv-br', 'xlsx'] as const).map((format) =>
      runCli(['query', SQL, '--data', data, '--format', format, '--out', file(`comando${format === 'csv-br' ? '-br.csv' : `.${format}`}`)])),
    runCli(['query', SQL, '--data', data, '--format', 'csv']),
  ]);
  for (const result of commands) expect([result.code, result.stderr]).toEqual([0, '']);
  // The control: the same rows as standard output gives them (DuckDB's values), saved as a file.
  stdout = (commands[3] as { stdout: string }).stdout;
  await writeFile(file('sem-guarda.csv'), stdout);
  const out = path.join(dir, 'lo');
  csv = new Map([
    ...await libreOfficeTables(['grade.csv', 'comando.csv', 'sem-guarda.csv'].map(file), out, { inFilter: HARSH_CSV_IMPORT }),
    ...await libreOfficeTables(['grade-br.csv', 'comando-br.csv'].map(file), out, { inFilter: HARSH_CSV_BR_IMPORT }),
  ]);
  xlsx = await libreOfficeTables(['grade.xlsx', 'painel.xlsx', 'comando.xlsx'].map(file), out);
}, 600_000);

afterAll(async () => {
  await workbench?.close();
});

let stdout: string;

function formulas(tables: OfficeTable[]): string[] {
  return tables.flatMap((table) => table.rows.flat().flatMap((cell) => (cell.formula ? [`${table.name}: ${cell.formula}`] : [])));
}

const used = (row: OfficeCell[]) => {
  const cells = [...row];
  while (cells.length && cells.at(-1)?.text === '') cells.pop();
  return cells;
};

describe('formula guard, read back by LibreOffice', () => {
  it('the control: standard output keeps DuckDB’s values, and LibreOffice so set up runs them as formulas', () => {
    expect(stdout).toContain('\r\n=1+41,=1+41,=1+41,=1+41,"""=1+41""",');
    expect(formulas(csv.get('sem-guarda.csv') as OfficeTable[])).toContain('sem-guarda: of:=1+41');
  });

  it('CSV and csv-br from the grid and the command: no formula; every header and text value one cell starting with the apostrophe', () => {
    expect([...csv.keys()].sort()).toEqual(['comando-br.csv', 'comando.csv', 'grade-br.csv', 'grade.csv', 'sem-guarda.csv']);
    for (const [name, tables] of csv) {
      if (name === 'sem-guarda.csv') continue;
      expect(formulas(tables), name).toEqual([]);
      const [header, ...rows] = (tables[0] as OfficeTable).rows.map(used);
      // Each header one cell, guarded; nothing split it.
      expect(header?.map((c) => c.text), name).toEqual(['v', 'u', 'b', 'e', 'j', 'l', 's', ...HEADERS.map((h) => `'${h}`)]);
      expect(rows.length, name).toBe(PAYLOADS.length);
      rows.forEach((row, i) => {
        expect(row.length, `${name} row ${i}`).toBe(7 + HEADERS.length);
        // VARCHAR, UNION, ENUM: the apostrophe, then the value, where the rule guards it (not `a;=1+41`: one quoted cell).
        const guarded = needsFormulaGuard(PAYLOADS[i] as string);
        for (const c of [0, 1, 3]) expect(row[c]?.text.startsWith("'"), `${name} row ${i} col ${c}: ${JSON.stringify(row[c]?.text)}`).toBe(guarded);
      });
    }
  });

  it('XLSX from the grid, a panel and the command: no formula; string cells hold the text exactly, headers too', () => {
    expect([...xlsx.keys()].sort()).toEqual(['comando.xlsx', 'grade.xlsx', 'painel.xlsx']);
    for (const [name, tables] of xlsx) {
      expect(formulas(tables), name).toEqual([]);
      const [header, ...rows] = (tables[0] as OfficeTable).rows.map(used);
      expect(header?.slice(7).map((c) => c.text), name).toEqual(HEADERS);
      // LibreOffice drops zero-width characters (U+200B, U+FEFF) when it reads XLSX; a vertical tab is not allowed in XML (written as the text \x0b).
      // A carriage return stays one (it was read as a line feed before the XLSX writer wrote it as &#13;).
      const expected = PAYLOADS.map((p) => p.replace(/\v/g, '\\x0b').replace(/[\u200b\ufeff]/g, ''));
      expect(rows.filter((row) => row.length).map((row) => row[0]?.text.replace(/[\u200b\ufeff]/g, '')), name).toEqual(expected);
    }
  });
});
