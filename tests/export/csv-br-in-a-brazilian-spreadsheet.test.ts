// Why staff are told to prefer XLSX: a CSV carries no types, and a spreadsheet in pt-BR reads
// identifiers as numbers. LibreOffice in pt-BR (as Excel does) turns a formatted CPF
// `01.062.599.544` into the number 1062599544 (the dots read as thousands separators) and an
// unformatted NIS `01234567890` into 1234567890: the leading zero is gone; a date shows a
// two-digit year (`16/02/19`), the locale's short format. No honest CSV form
// survives (quoting is not enough; a prefix would change the value), so the export dialog says
// so and offers XLSX, whose text cells keep every identifier whole. This file is that evidence:
// if a later LibreOffice keeps the text, it fails and the dialog's note can go.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeXlsx } from '../../main/core/export/xlsx-writer.ts';
import { openDuckDB } from '../arrow/support.ts';
import { renderText } from '../format/render-text.ts';
import { chunksOf } from './xlsx-read-back.ts';
import { libreOfficeTables } from './support.ts';

const SQL = "select '01.062.599.544' as cpf, '01234567890' as nis, DATE '2019-02-16' as nascimento";
/** What a user gets opening a csv-br file in LibreOffice pt-BR: `;`, UTF-8, pt-BR numbers, special numbers detected. */
const PT_BR_CSV_IMPORT = 'Text - txt - csv (StarCalc):59,34,76,1,,1046,false,true';

let connection: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  connection = await openDuckDB();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-csv-br-lo-'));
});

describe('identifiers in a pt-BR spreadsheet', () => {
  it('lose their zeros and dots from csv-br, and stay whole from XLSX', async () => {
    const csv = path.join(dir, 'ids.csv');
    await writeFile(csv, await renderText(connection, 'csv-br', SQL));
    const fromCsv = (await libreOfficeTables([csv], path.join(dir, 'csv'), { inFilter: PT_BR_CSV_IMPORT })).get('ids.csv')?.[0];
    const [cpf, nis] = fromCsv?.rows[1] ?? [];
    expect(cpf?.text).not.toBe('01.062.599.544');
    expect(cpf?.text.replace(/\D/g, '')).toBe('1062599544');
    expect(nis?.text.replace(/\D/g, '')).toBe('1234567890');
    // The date is read as a date, and shown with the locale's two-digit year.
    expect(fromCsv?.rows[1]?.[2]?.text).toBe('16/02/19');

    const xlsx = path.join(dir, 'ids.xlsx');
    const result = await connection.stream(SQL);
    await writeXlsx([{ name: 'dados', columns: Array.from({ length: result.columnCount }, (_, c) => ({ name: result.columnName(c), type: result.columnType(c) })), timeZone: 'UTC', chunks: chunksOf(result) }], {
      target: xlsx, about: { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: {}, sql: [] },
    });
    const fromXlsx = (await libreOfficeTables([xlsx], path.join(dir, 'xlsx'))).get('ids.xlsx')?.find((table) => table.name === 'dados');
    expect(fromXlsx?.rows[1]?.slice(0, 3).map((cell) => cell.text)).toEqual(['01.062.599.544', '01234567890', '16/02/2019']);
  });
});
