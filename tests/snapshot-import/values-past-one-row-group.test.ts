// A file of several of DuckDB's row groups (122,880 rows each) read with more than one thread:
// the values that cast and the ones that do not are counted row by row, whatever order DuckDB's
// threads leave the rows in. Found at SF 1: contribuinte's 22,000 companies, at the end of the
// file, have no pessoa_id and have a mei flag, where people have the opposite; a count that paired
// raw and typed rows by position reported every one of them as invalid, and a clean month did not
// publish.
import { describe, expect, it } from 'vitest';
import { dataDir, exportDir, run, summary } from './support.ts';

const ROWS = 168_814;
const TAIL = 22_000;

function matriculas(row: (i: number, tail: boolean) => string): string {
  const lines = ['matricula_id;pessoa_id;data_matricula;ativa'];
  for (let i = 1; i <= ROWS; i++) lines.push(row(i, i > ROWS - TAIL));
  return lines.join('\n');
}

async function invalidCounts(csv: string): Promise<string[]> {
  const from = await exportDir({ 'matricula.csv': csv });
  const result = await run({ fromDir: from, dataDir: await dataDir({ previous: false }), validateOnly: true, threads: 2 });
  expect(result.report.tables.find((table) => table.table === 'matricula')?.rows).toBe(ROWS);
  return summary(result.report.findings).filter((line) => line.includes('tipo_invalido'));
}

describe('a file past one row group, read by two threads', () => {
  it('counts no invalid value when every value casts, however blanks are laid out', async () => {
    // The head has a pessoa_id and no flag; the tail the other way round (as contribuinte's companies).
    expect(await invalidCounts(matriculas((i, tail) => `${i};${tail ? '' : i};01/02/2024;${tail ? 'true' : ''}`))).toEqual([]);
  });

  it('counts exactly the values that do not cast, wherever they are', async () => {
    const csv = matriculas((i, tail) => `${i};${tail ? '' : i};${i % 10_000 === 0 ? '31/02/2024' : '01/02/2024'};${tail ? 'true' : ''}`);
    expect(await invalidCounts(csv)).toEqual([`bloqueante tipo_invalido matricula.data_matricula ${Math.floor(ROWS / 10_000)}`]);
  });
});
