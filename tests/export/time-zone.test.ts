// One zone everywhere: a workbench opened in São Paulo's zone shows a TIMESTAMPTZ as São Paulo's
// wall clock in the grid's Arrow, csv (with DuckDB's offset), csv-br (the wall clock), json
// (ISO-8601 with the offset, the same instant) and xlsx (the wall clock; "Sobre" names the zone),
// the same text DuckDB prints in that zone, across the daylight-saving change of 2019-02-17.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import type { Timestamp } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../main/core/workbench.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';
import { rejection } from '../support/rejection.ts';

let ready: FixtureWorkbenches;
useFixtureWorkbenches({ prefix: 'mirante-time-zone-' }, (setup) => {
  ready = setup;
});

// 01:59:59 UTC is 23:59:59 of summer time (-02); 02:00:00 UTC is 23:00:00 again, standard time (-03).
const SQL = `select * from (values
  (1, TIMESTAMPTZ '2019-02-17 01:59:59+00', to_timestamp(0)::varchar),
  (2, TIMESTAMPTZ '2019-02-17 02:00:00.5+00', NULL),
  (3, NULL, NULL)) t(n, instante, texto)`;

async function exported(workbench: Workbench, queryId: string, format: 'csv' | 'csv-br' | 'json' | 'xlsx'): Promise<string> {
  const target = path.join(ready.scratch, `fuso-${workbench.engine.timeZone.replace('/', '-')}.${format === 'csv-br' ? 'br.csv' : format}`);
  const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format, saveTarget: grantSave(workbench, target) });
  expect((await workbench.exportSettled(exportId)).state).toBe('done');
  return target;
}

describe('TIMESTAMPTZ in the session zone', () => {
  it('is the wall clock of São Paulo in the grid, csv, csv-br, json and xlsx, as DuckDB prints it there', async () => {
    const workbench = await ready.open('sao-paulo', { timeZone: 'America/Sao_Paulo' });
    expect(workbench.engine.timeZone).toBe('America/Sao_Paulo');
    const { queryId, events } = await runAndCollect(workbench, { sql: SQL });

    const batch = events.find((e) => e.kind === 'batch');
    const table = tableFromIPC(batch && 'ipc' in batch ? batch.ipc : new Uint8Array());
    expect((table.schema.fields[1]?.type as Timestamp).timezone).toBe('America/Sao_Paulo');

    const csv = await readFile(await exported(workbench, queryId, 'csv'), 'utf8');
    expect(csv).toBe('"n","instante","texto"\r\n1,2019-02-16 23:59:59-02,"1969-12-31 21:00:00-03"\r\n2,2019-02-16 23:00:00.5-03,\r\n3,,\r\n');

    const br = await readFile(await exported(workbench, queryId, 'csv-br'), 'utf8');
    expect(br.split('\r\n').slice(1, 3)).toEqual(['1;16/02/2019 23:59:59;"1969-12-31 21:00:00-03"', '2;16/02/2019 23:00:00,500000;']);

    const json = (await readFile(await exported(workbench, queryId, 'json'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { instante: string | null });
    expect(json.map((row) => row.instante)).toEqual(['2019-02-16T23:59:59-02:00', '2019-02-16T23:00:00.5-03:00', null]);
    expect(json.map((row) => (row.instante ? Date.parse(row.instante) : null))).toEqual([Date.UTC(2019, 1, 17, 1, 59, 59), Date.UTC(2019, 1, 17, 2, 0, 0, 500), null]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await exported(workbench, queryId, 'xlsx'));
    const dados = book.getWorksheet('dados');
    // exceljs reads a sheet's date as that clock in UTC: the cell holds São Paulo's wall clock.
    expect(dados?.getCell('B2').value).toEqual(new Date(Date.UTC(2019, 1, 16, 23, 59, 59)));
    expect(dados?.getCell('B3').value).toEqual(new Date(Date.UTC(2019, 1, 16, 23, 0, 0, 500)));
    const about: string[] = [];
    book.getWorksheet('Sobre')?.eachRow((row) => about.push(row.values ? String((row.values as unknown[])[1]) + ': ' + String((row.values as unknown[])[2]) : ''));
    expect(about.find((line) => line.startsWith('Fuso horário'))).toContain('America/Sao_Paulo');
  });

  it('is UTC with +00 in a workbench opened in UTC, and an unknown zone is refused by name', async () => {
    const workbench = await ready.open('utc', { timeZone: 'UTC' });
    const { queryId } = await runAndCollect(workbench, { sql: SQL });
    const csv = await readFile(await exported(workbench, queryId, 'csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toBe('1,2019-02-17 01:59:59+00,"1970-01-01 00:00:00+00"');
    expect((await rejection(ready.open('nenhum', { timeZone: 'Marte/Olympus' }))).message).toMatch(/Fuso horário desconhecido: "Marte\/Olympus"/);
  });
});
