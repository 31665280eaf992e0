// The "Sobre" sheet: a spreadsheet passed along still says where its rows came from (panel or
// query, file, snapshot), when and how fast it was exported, the declared purpose, the LGPD
// notice, the parameters, the rows of each sheet, what was written differently, and the SQL.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { LGPD_NOTICE, aboutRows, filterText } from '../../main/core/export/about-sheet.ts';
import { openDuckDB } from '../arrow/support.ts';
import { aboutPairs, sheetOf, writeAndRead } from './xlsx-read-back.ts';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

const EXPORTED_AT = /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/;
/** When and in which zone: the time zone work's rows (tests/format, tests/export/every-type), left out here. */
const ZONE_ROWS = new Set(['Exportado em', 'Fuso horário']);
const withoutZone = (rows: string[][]) => rows.filter(([label]) => !ZONE_ROWS.has(label as string));

describe('Sobre, row by row', () => {
  it('a panel: origin, file, snapshot as dd/mm/aaaa, timing, purpose, LGPD notice, parameters, rows per sheet, notes, SQL per sheet', () => {
    const rows = aboutRows(
      {
        title: 'Painel: Dívida ativa',
        source: 'paineis/divida.md',
        snapshot: '2026-10-31', timeZone: 'UTC',
        params: { bairro: 'Centro', anos: [2023, 2024], ativo: true, limite: 10, vazio: undefined, nulo: null },
        sql: [{ sheet: 'por_tributo', text: 'select 1' }, { sheet: 'maiores', text: 'select 2' }],
        purpose: 'relatório mensal',
      },
      { sheets: [{ name: 'por_tributo', rows: 5 }, { name: 'maiores', rows: 0 }], notices: ['primeira nota', 'segunda nota'], exportedAt: new Date(), elapsedMs: 1250 },
    );
    expect(rows[3]?.[0]).toBe('Exportado em');
    expect(rows[3]?.[1]).toMatch(EXPORTED_AT);
    expect(withoutZone(rows)).toEqual([
      ['Origem', 'Painel: Dívida ativa'],
      ['Arquivo', 'paineis/divida.md'],
      ['Data de referência (snapshot)', '31/10/2026'],
      ['Tempo da exportação', '1,3 s'],
      ['Finalidade declarada', 'relatório mensal'],
      ['Aviso', LGPD_NOTICE],
      ['Parâmetros', ''],
      ['  bairro', 'Centro'],
      ['  anos', '2023, 2024'],
      ['  ativo', 'true'],
      ['  limite', '10'],
      ['  vazio', '(vazio)'],
      ['  nulo', '(vazio)'],
      ['Linhas por planilha', ''],
      ['  por_tributo', '5'],
      ['  maiores', '0'],
      ['Observação', 'primeira nota'],
      ['Observação', 'segunda nota'],
      ['SQL (por_tributo)', 'select 1'],
      ['SQL (maiores)', 'select 2'],
    ]);
  });

  it('a query with nothing declared: no file row, purpose "(não informada)", parameters "(nenhum)", an empty list shown empty', () => {
    const rows = withoutZone(aboutRows(
      { title: 'Consulta', snapshot: '2025-01-02', timeZone: 'UTC', params: { lista: [] }, sql: [] },
      { sheets: [{ name: 'dados', rows: 12 }], notices: [], exportedAt: new Date(), elapsedMs: 40 },
    ));
    expect(rows.map(([label]) => label)).toEqual([
      'Origem', 'Data de referência (snapshot)', 'Tempo da exportação', 'Finalidade declarada', 'Aviso', 'Parâmetros', '  lista', 'Linhas por planilha', '  dados',
    ]);
    expect(rows[1]).toEqual(['Data de referência (snapshot)', '02/01/2025']);
    expect(rows[2]).toEqual(['Tempo da exportação', '0,0 s']);
    expect(rows[3]).toEqual(['Finalidade declarada', '(não informada)']);
    expect(rows[6]).toEqual(['  lista', '']);
    const none = aboutRows({ title: 'Consulta', snapshot: '2025-01-02', timeZone: 'UTC', params: {}, sql: [] }, { sheets: [], notices: [], exportedAt: new Date(), elapsedMs: 61_049 });
    expect(none.find(([label]) => label === 'Parâmetros')).toEqual(['Parâmetros', '(nenhum)']);
    expect(none.find(([label]) => label === 'Tempo da exportação')).toEqual(['Tempo da exportação', '61,0 s']);
  });

  it('the export time is the wall clock of the zone named, and the grid filters are listed in words', () => {
    const rows = aboutRows(
      { title: 'Consulta', snapshot: '2026-12-31', timeZone: 'America/Sao_Paulo', params: {}, sql: [], filters: ['bairro ≠ Centro', 'bairro não é NULL'] },
      { sheets: [], notices: [], exportedAt: new Date('2026-12-31T23:05:00Z'), elapsedMs: 0 },
    );
    expect(rows.find(([label]) => label === 'Exportado em')).toEqual(['Exportado em', '31/12/2026 20:05']);
    const filtersAt = rows.findIndex(([label]) => label === 'Filtros da grade');
    expect(rows.slice(filtersAt, filtersAt + 4)).toEqual([['Filtros da grade', ''], ['', 'bairro ≠ Centro'], ['', 'bairro não é NULL'], ['Linhas por planilha', '']]);
    const unfiltered = aboutRows({ title: 'Consulta', snapshot: '2026-12-31', timeZone: 'UTC', params: {}, sql: [], filters: [] }, { sheets: [], notices: [], exportedAt: new Date('2026-01-01T00:00:00Z'), elapsedMs: 0 });
    expect(unfiltered.find(([label]) => label === 'Exportado em')).toEqual(['Exportado em', '01/01/2026 00:00']);
    expect(unfiltered.find(([label]) => label === 'Filtros da grade')).toEqual(['Filtros da grade', '(nenhum: todas as linhas do resultado)']);
  });

  it('a grid filter in words, as its chip says it', () => {
    expect([
      filterText({ column: 0, op: 'equals', value: 'Centro' }, 'bairro'),
      filterText({ column: 0, op: 'notEquals', value: 'Centro' }, 'bairro'),
      filterText({ column: 0, op: 'isNull' }, 'bairro'),
      filterText({ column: 0, op: 'notNull' }, 'bairro'),
    ]).toEqual(['bairro = Centro', 'bairro ≠ Centro', 'bairro é NULL', 'bairro não é NULL']);
  });
});

describe('Sobre in the file', () => {
  it('is the last sheet, its labels bold, its values plain string cells (never formulas), control characters shown', async () => {
    const { book } = await writeAndRead(connection, { dados: 'SELECT 1 AS n' }, {
      about: { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: { filtro: '=HYPERLINK("x")', ctl: `a${String.fromCharCode(1)}b` }, sql: [{ sheet: 'dados', text: 'SELECT 1 AS n' }], purpose: 'teste' },
    });
    expect(book.worksheets.map((s) => s.name)).toEqual(['dados', 'Sobre']);
    const pairs = aboutPairs(book);
    expect(pairs).toContainEqual(['  filtro', '=HYPERLINK("x")']);
    expect(pairs).toContainEqual(['  ctl', 'a\\x01b']);
    expect(pairs).toContainEqual(['Finalidade declarada', 'teste']);
    expect(pairs).toContainEqual(['  dados', '1']);
    expect(pairs).toContainEqual(['SQL (dados)', 'SELECT 1 AS n']);
    const elapsed = pairs.find(([label]) => label === 'Tempo da exportação')?.[1] as string;
    expect(elapsed).toMatch(/^\d+,\d s$/);
    expect(Number(elapsed.replace(',', '.').replace(' s', ''))).toBeLessThan(60);
    expect(pairs.find(([label]) => label === 'Exportado em')?.[1]).toMatch(EXPORTED_AT);
    const sheet = sheetOf(book, 'Sobre');
    for (let r = 1; r <= sheet.rowCount; r++) {
      expect(sheet.getRow(r).getCell(1).font?.bold, `linha ${r}`).toBe(true);
      expect(sheet.getRow(r).getCell(2).font?.bold, `linha ${r}`).toBeFalsy();
      expect(sheet.getRow(r).getCell(2).formula).toBeUndefined();
    }
    expect([sheet.getColumn(1).width, sheet.getColumn(2).width]).toEqual([30, 100]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });
});
