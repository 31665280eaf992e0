// csv-br gives FLOAT and DOUBLE values the decimal comma, in every shape DuckDB prints a float
// (plain, below 1, with an exponent, zero and minus zero, the non-finite ones), whichever
// writes the file: DuckDB's COPY for a grid export, or Node's writer for the command. The
// expected text is DuckDB's own VARCHAR of each value with its point turned into a comma, and
// a negative number is a number, never guarded as a formula.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTextWriter } from '../../main/core/format/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { openDuckDB, streamToBatches } from '../arrow/support.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { grantSave } from './support.ts';

const VALUES = ['1234.5', '-0.25', '0.0001', '0.00001', '1e20', '-1.5e-7', '123456789.125', '100', '0', `'-0.0'`, `'nan'`, `'inf'`, `'-inf'`, 'NULL'];
const SQL = `select ${VALUES.map((v, i) => `(${v})::FLOAT as f${i}, (${v})::DOUBLE as d${i}`).join(', ')}`;

let workbench: Workbench;
let dir: string;
let expected: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-csv-br-floats-'));
  workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(dir, 'state'), threads: 1 });
  const duck = await openDuckDB();
  const row = (await duck.runAndReadAll(`select ${VALUES.flatMap((v) => [`replace((${v})::FLOAT::VARCHAR, '.', ',')`, `replace((${v})::DOUBLE::VARCHAR, '.', ',')`]).join(', ')}`)).getRows()[0] as (string | null)[];
  duck.closeSync();
  expected = row.map((value) => value ?? '').join(';');
});

afterAll(async () => {
  await workbench?.close();
});

function dataLine(file: string): string {
  const lines = file.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines).toHaveLength(3); // header, one row, the empty rest
  return lines[1] as string;
}

describe('csv-br floats', () => {
  it('the oracle holds commas where DuckDB prints points (1234,5; 1e+20; -1,5e-07; 0,0001)', () => {
    expect(expected.split(';').slice(0, 8)).toEqual(['1234,5', '1234,5', '-0,25', '-0,25', '0,0001', '0,0001', '1e-05', '1e-05']);
    expect(expected).toContain(';1e+20;');
    expect(expected).toContain(';-1,5e-07;');
    expect(expected).toContain(';-0,0;-0,0;nan;nan;inf;inf;-inf;-inf;;');
  });

  it('a grid export (DuckDB COPY) writes each FLOAT and DOUBLE as DuckDB prints it, with a comma', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: SQL });
    const destination = path.join(dir, 'floats.csv');
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv-br', saveTarget: grantSave(workbench, destination) });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
    expect(dataLine(await readFile(destination, 'utf8'))).toBe(expected);
  });

  it('the command’s writer, guarded for a file or not, writes the same line', async () => {
    const connection = await openDuckDB();
    const { schema, batches } = await streamToBatches(connection, SQL);
    connection.closeSync();
    for (const guardFormulas of [true, false]) {
      const writer = createTextWriter('csv-br', schema, { guardFormulas });
      expect(dataLine(writer.begin() + batches.map((batch) => writer.batch(batch)).join('')), String(guardFormulas)).toBe(expected);
    }
  });
});
