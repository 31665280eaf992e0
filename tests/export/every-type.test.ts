// Every DuckDB type, exported from a table through the export core to each format, and read
// back by an independent reader: DuckDB for CSV, Parquet and JSON Lines; LibreOffice for XLSX.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportKeptTables, type KeptTable } from '../../main/core/export/kept-export.ts';
import { ALL_TYPES, createAllTypesTable, openDuckDB } from '../arrow/support.ts';
import { libreOfficeToCsv, readSheet } from './support.ts';

let connection: DuckDBConnection;
let dir: string;
let table: KeptTable;
const about = { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: { bairro: 'Centro' }, sql: [{ sheet: 'dados', text: 'select * from all_types' }], purpose: 'teste' };

async function exportAs(format: 'csv' | 'json' | 'parquet' | 'xlsx' | 'csv-br'): Promise<string> {
  const target = path.join(dir, `tipos-${format}.${format === 'json' ? 'jsonl' : format === 'csv-br' ? 'br.csv' : format}`);
  await exportKeptTables(connection, [table], { format, target, about, signal: new AbortController().signal });
  return target;
}

async function rowsAsText(sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
}

const textOf = Object.keys(ALL_TYPES).map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-types-'));
  connection = await openDuckDB();
  await connection.run(`SET temp_directory = '${dir}'`);
  await createAllTypesTable(connection);
  const described = await connection.run('SELECT * FROM all_types LIMIT 0');
  const columns = Array.from({ length: described.columnCount }, (_, i) => ({
    name: described.columnName(i), type: described.columnType(i), stored: described.columnName(i),
  }));
  table = { name: 'dados', relation: 'all_types', columns, rowCount: 5, timeZone: 'UTC' };
});

describe('export of every type', () => {
  it('CSV reads back in DuckDB as the same text DuckDB gives for every value', async () => {
    const file = await exportAs('csv');
    const raw = await readFile(file, 'utf8');
    expect(raw.startsWith('"id","bool",')).toBe(true);
    expect(raw).toContain('\r\n');
    const back = await rowsAsText(`SELECT * FROM read_csv('${file}', all_varchar = true, header = true, allow_quoted_nulls = false) ORDER BY CAST(id AS INTEGER)`);
    expect(back).toEqual(await rowsAsText(`SELECT ${textOf} FROM all_types ORDER BY id`));
  });

  it('Parquet reads back with the same values', async () => {
    const file = await exportAs('parquet');
    const back = await rowsAsText(`SELECT ${textOf} FROM read_parquet('${file}') ORDER BY id`);
    expect(back).toEqual(await rowsAsText(`SELECT ${textOf} FROM all_types ORDER BY id`));
  });

  it('JSON Lines keeps exact digits and reads back in DuckDB', async () => {
    const file = await exportAs('json');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"hi":170141183460469231731687303715884105727');
    expect(text).toContain('"d38":1234567890123456789012345678.0123456789');
    expect(text).toContain('"bi":9007199254740993');
    const count = await rowsAsText(`SELECT count(*) FROM read_json('${file}', format = 'newline_delimited')`);
    expect(count).toEqual([['5']]);
  });

  it('XLSX: numbers, dates and exact digits as LibreOffice reads them; Sobre says what the file is', async () => {
    const file = await exportAs('xlsx');
    const raw = path.join(dir, 'raw');
    const shown = path.join(dir, 'shown');
    await libreOfficeToCsv([file], raw, { asShown: false });
    await libreOfficeToCsv([file], shown, { asShown: true });
    expect((await readdir(raw)).sort()).toEqual(['tipos-xlsx-Sobre.csv', 'tipos-xlsx-dados.csv']);
    const values = await readSheet(path.join(raw, 'tipos-xlsx-dados.csv'));
    const formatted = await readSheet(path.join(shown, 'tipos-xlsx-dados.csv'));
    const [first, second, , fourth, fifth] = values as Record<string, string>[];
    // Wide integers and decimals beyond Excel's 15 digits: text with every digit.
    expect(first?.bi).toBe('9007199254740993');
    expect(first?.hi).toBe('170141183460469231731687303715884105727');
    expect(first?.d38).toBe('1234567890123456789012345678.0123456789');
    expect(fifth?.d38).toBe('-99999999999999999999999999.9999999999');
    // Numbers LibreOffice holds as numbers: the raw value, then the pt-BR-style format applied.
    expect(first?.d9).toBe('9999999.99');
    expect(formatted[0]?.d9).toBe('9,999,999.99');
    expect(first?.f).toBe('1.1');
    expect(first?.i).toBe('2147483647');
    expect(first?.bool).toBe('TRUE');
    // Dates are date cells: raw, LibreOffice prints its own m/d/y; shown, our dd/mm/yyyy.
    expect(fourth?.dt).toBe('07/20/1969');
    expect(formatted[3]?.dt).toBe('20/07/1969');
    expect(first?.ts).toBe('02/29/2024 23:59:59');
    expect(formatted[0]?.ts).toBe('29/02/2024 23:59');
    // Outside Excel's dates: DuckDB's text.
    expect(second?.dt).toBe('0001-01-01');
    expect(fifth?.v).toBe('  padded  ');
    expect(first?.v).toBe('ação 日本 👩‍💻');
    expect(first?.l).toBe('[1, NULL, 3]');
    const sobre = (await readFile(path.join(raw, 'tipos-xlsx-Sobre.csv'), 'utf8'));
    expect(sobre).toContain('Contém dados pessoais protegidos pela LGPD (Lei 13.709/2018); uso restrito à finalidade declarada.');
    expect(sobre).toContain('Finalidade declarada,teste');
    expect(sobre).toContain('bairro,Centro');
    expect(sobre).toContain('dados,5');
    expect(sobre).toContain('31/10/2026');
    expect(sobre).toContain('select * from all_types');
  });

  it('csv-br: BOM, semicolons, decimal comma and dd/mm/aaaa, as LibreOffice in pt-BR reads them', async () => {
    const file = await exportAs('csv-br');
    const raw = await readFile(file);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]?.startsWith('"id";"bool";"ti";')).toBe(true);
    expect(lines[1]).toContain(';9999999,99;');
    expect(lines[1]).toContain(';31/12/9999;29/02/2024 23:59:59,123456;');
    expect(lines[1]).toContain(';verdadeiro;');
    const out = path.join(dir, 'br');
    await libreOfficeToCsv([file], out, { asShown: false, inFilter: 'CSV:59,34,76,1,,1046' });
    const [back] = await readSheet(path.join(out, 'tipos-csv-br.br-tipos-csv-br.br.csv'));
    expect(back?.d9).toBe('9999999.99');
    expect(back?.dt).toBe('12/31/9999');
  });
});
