// A panel that asks for it (`suprimir_contagens_pequenas: true`) shows counts of 1 to 4 as
// "<5" wherever its cells run: the panel screen (runCell), the command line and exports.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { createFixture, type Fixture } from '../engine/fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { collect } from './support.ts';

const PANEL = (suppress: boolean) => `---
title: Pessoas por bairro
owner: Teste
${suppress ? 'suprimir_contagens_pequenas: true\n' : ''}---

\`\`\`sql por_bairro
select bairro, count(*) as n_pessoas, (select count(*) from pessoa) as total_geral, 3 as codigo
from pessoa group by bairro order by bairro
\`\`\`
`;

let fixture: Fixture;
let scratch: string;
let workbench: Workbench;

beforeAll(async () => {
  fixture = await createFixture();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-small-counts-'));
  await mkdir(path.join(scratch, 'queries'));
  await writeFile(path.join(scratch, 'queries', 'suprimido.md'), PANEL(true));
  await writeFile(path.join(scratch, 'queries', 'aberto.md'), PANEL(false));
  workbench = await Workbench.open({
    dataDir: fixture.dataDir,
    queriesDir: path.join(scratch, 'queries'),
    stateDir: path.join(scratch, 'state'),
    tempRoot: fixture.tempRoot,
  });
});

afterAll(async () => {
  await workbench?.close();
  await fixture?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

async function cellRows(text: string): Promise<unknown[][]> {
  const { queryId, events } = await collect(workbench, (id) => workbench.runCell({ text, cell: 'por_bairro', queryId: id }));
  expect(events.find((e) => e.kind === 'error')).toBeUndefined();
  const table = decodeIpc((await workbench.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
  return table.toArray().map((row) => Object.values(row.toJSON()).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

describe('small counts', () => {
  it('show as "<5" in the count columns of a panel that asks for it, and only there', async () => {
    expect(await cellRows(PANEL(true))).toEqual([
      ['Centro', '<5', '6', 3],
      ['Jundiapeba', '<5', '6', 3],
    ]);
    expect(await cellRows(PANEL(false))).toEqual([
      ['Centro', 3, 6, 3],
      ['Jundiapeba', 3, 6, 3],
    ]);
  });

  it('show as "<5" in a panel with parameters too (DuckDB cannot type such a cell until it is bound)', async () => {
    const withParams = PANEL(true)
      .replace('owner: Teste\n', 'owner: Teste\nparams:\n  bairro: { type: text, label: Bairro }\n')
      .replace('from pessoa group by bairro', 'from pessoa where ($bairro is null or bairro = $bairro) group by bairro');
    expect(await cellRows(withParams)).toEqual([
      ['Centro', '<5', '6', 3],
      ['Jundiapeba', '<5', '6', 3],
    ]);
  });

  it('show as "<5" from the command line too', async () => {
    const result = await runCli(['run', path.join(scratch, 'queries', 'suprimido.md'), '--data', fixture.dataDir, '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\r\n')).toEqual(['bairro,n_pessoas,total_geral,codigo', 'Centro,<5,6,3', 'Jundiapeba,<5,6,3']);
  });
});
