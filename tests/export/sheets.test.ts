// Rows beyond one sheet continue on "dados (2)", ...; file names are made safe.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../main/core/export/file-name.ts';
import { writeXlsx } from '../../main/core/export/xlsx-writer.ts';
import { openDuckDB } from '../arrow/support.ts';
import { libreOfficePrintedPages, libreOfficeToCsv, readSheet } from './support.ts';

/** A streamed result's chunks, as the export reads them. */
async function* chunksOf(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    yield chunk;
  }
}

describe('XLSX sheets', () => {
  it('continues on further sheets past the row limit and says so in the result and in Sobre', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-sheets-'));
    const connection = await openDuckDB();
    const result = await connection.stream('select range as n from range(7)');
    const chunks = chunksOf(result);
    const target = path.join(dir, 'longo.xlsx');
    const summary = await writeXlsx([{ name: 'dados', columns: [{ name: 'n', type: result.columnType(0) }], timeZone: 'UTC', chunks }], {
      target, about: { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: {}, sql: [] }, maxRowsPerSheet: 3,
    });
    expect(summary.sheets).toEqual([{ name: 'dados', rows: 3 }, { name: 'dados (2)', rows: 3 }, { name: 'dados (3)', rows: 1 }]);
    expect(summary.notices[0]).toContain('continua nas planilhas seguintes');
    const out = path.join(dir, 'csv');
    await libreOfficeToCsv([target], out, { asShown: false });
    expect((await readdir(out)).sort()).toEqual(['longo-Sobre.csv', 'longo-dados (2).csv', 'longo-dados (3).csv', 'longo-dados.csv']);
    expect((await readSheet(path.join(out, 'longo-dados (2).csv'))).map((r) => r.n)).toEqual(['3', '4', '5']);
    expect(await readFile(path.join(out, 'longo-Sobre.csv'), 'utf8')).toContain('continua nas planilhas seguintes');
  });
});

describe('a sheet on paper', () => {
  it('prints one page wide, landscape, however many columns: six rows of fifteen columns are one page, Sobre another', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-print-'));
    const connection = await openDuckDB();
    const columns = Array.from({ length: 15 }, (_, c) => `'valor da coluna ' || (i * ${c + 1}) || ' de exemplo' AS coluna_${c + 1}`);
    const result = await connection.stream(`select ${columns.join(', ')} from range(6) t(i)`);
    const chunks = chunksOf(result);
    const target = path.join(dir, 'largo.xlsx');
    await writeXlsx([{ name: 'dados', columns: Array.from({ length: result.columnCount }, (_, c) => ({ name: result.columnName(c), type: result.columnType(c) })), timeZone: 'UTC', chunks }], {
      target, about: { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: {}, sql: [] },
    });
    expect(await libreOfficePrintedPages(target, dir)).toBe(2);
  });
});

describe('sanitizeFileName', () => {
  it('removes separators and control characters, avoids reserved names, caps the length, keeps a chosen extension', () => {
    expect(sanitizeFileName('../a/b\\c', 'csv')).toBe('_a_b_c.csv');
    expect(sanitizeFileName('con', 'xlsx')).toBe('_con.xlsx');
    expect(sanitizeFileName('LPT1.txt', 'csv')).toBe('_LPT1.txt');
    expect(sanitizeFileName('a\u0000b\nc', 'parquet')).toBe('a_b_c.parquet');
    expect(sanitizeFileName('', 'xlsx')).toBe('exportacao.xlsx');
    expect(sanitizeFileName('dados.json', 'json')).toBe('dados.json');
    expect(sanitizeFileName('dívida ativa', 'csv-br')).toBe('dívida ativa.csv');
    expect(Buffer.byteLength(sanitizeFileName('é'.repeat(500), 'xlsx'))).toBeLessThanOrEqual(185);
  });
});
