import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { parseDocument, paramValuesFromStrings, resolveParamOptions, streamCell } from '../../main/core/documents/index.ts';
import type { CellJobOptions, NotebookDocument } from '../../main/core/documents/index.ts';
import { collectRows, createDataFixture, type DataFixture } from './fixture.ts';

const NOTEBOOK = `---
title: Dívida (teste)
params:
  tributo: { type: select, label: Tributo, options: "select distinct tributo from divida order by 1" }
  tributos: { type: multiselect, options: [IPTU, ISS, taxa_lixo] }
  exercicio_minimo: { type: number, default: 2019 }
  inscrita_ate: { type: date }
  periodo: { type: daterange }
---

Estoque por tributo.

\`\`\`sql estoque
select cda, tributo, exercicio, saldo, data_inscricao
from divida
where ($tributo is null or tributo = $tributo)
  and ($tributos is null or list_contains($tributos, tributo))
  and exercicio >= $exercicio_minimo
  and ($inscrita_ate is null or data_inscricao <= $inscrita_ate)
  and ($periodo_inicio is null or data_inscricao >= $periodo_inicio)
  and ($periodo_fim is null or data_inscricao <= $periodo_fim);
\`\`\`

\`\`\`sql por_tributo
select tributo, count(*)::INTEGER as cdas
from estoque
group by all
order by tributo
\`\`\`

\`\`\`sql resumo
with maiores as (select * from por_tributo where cdas > 1)
select string_agg(tributo, ',' order by tributo) as tributos from maiores
\`\`\`

\`\`\`sql quebrada
select tributo,
       coluna_que_nao_existe
from estoque
\`\`\`
`;

let fixture: DataFixture;
let session: QuerySession;
let doc: NotebookDocument;

beforeAll(async () => {
  fixture = await createDataFixture();
  session = await openQuerySession({ dataDir: fixture.dataDir, threads: 1 });
  doc = parseDocument(NOTEBOOK, 'divida.md');
});

afterAll(async () => {
  await session.close();
  await fixture.cleanup();
});

async function rows(cell: string, options: Partial<CellJobOptions> = {}): Promise<unknown[][]> {
  const [result] = await collectRows(streamCell(session, doc, cell, { source: { kind: 'free' }, ...options }));
  return result?.rows ?? [];
}

describe('streamCell', () => {
  it('a cell querying earlier named cells runs with every parameter unset (NULL) or defaulted', async () => {
    expect(await rows('por_tributo')).toEqual([
      ['IPTU', 4],
      ['ISS', 2],
      ['taxa_lixo', 2],
    ]);
    expect(await rows('resumo')).toEqual([['IPTU,ISS,taxa_lixo']]);
  });

  it('binds typed values: a select, a number against an INTEGER column, a date, a list and a date range', async () => {
    const typed = (raw: Record<string, string>) => paramValuesFromStrings(doc.frontMatter?.params ?? [], raw);
    expect(await rows('por_tributo', { params: typed({ tributo: 'ISS' }) })).toEqual([['ISS', 2]]);
    // exercicio is 2019..2026, one CDA a year: 2024 and later leaves 3.
    const params = typed({ exercicio_minimo: '2024' });
    expect(params.exercicio_minimo).toBe(2024);
    expect(await rows('por_tributo', { params })).toEqual([
      ['IPTU', 1],
      ['ISS', 1],
      ['taxa_lixo', 1],
    ]);
    // data_inscricao is 2019-01-15 plus 12 months a CDA.
    expect(await rows('por_tributo', { params: typed({ inscrita_ate: '15/01/2020' }) })).toEqual([
      ['IPTU', 1],
      ['ISS', 1],
    ]);
    expect(await rows('por_tributo', { params: typed({ tributos: 'ISS,taxa_lixo' }) })).toEqual([
      ['ISS', 2],
      ['taxa_lixo', 2],
    ]);
    expect(await rows('por_tributo', { params: typed({ periodo: '2021-01-01..2022-12-31' }) })).toEqual([
      ['IPTU', 1],
      ['taxa_lixo', 1],
    ]);
  });

  it('takes typed values from the UI too, with a daterange as a pair or as its two halves', async () => {
    expect(await rows('por_tributo', { params: { tributos: ['IPTU'], periodo: ['2023-01-01', '2026-12-31'] } })).toEqual([['IPTU', 2]]);
    expect(await rows('por_tributo', { params: { tributos: ['IPTU'], periodo_inicio: '2023-01-01' } })).toEqual([['IPTU', 2]]);
  });

  it('locates a SQL error at its line in the .md file and names the cell', async () => {
    let caught: unknown;
    try {
      await rows('quebrada');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WorkbenchError);
    const detail = (caught as WorkbenchError).detail;
    expect(detail.code).toBe('binder');
    expect(detail.message).toMatch(/^célula "quebrada": /);
    const lines = NOTEBOOK.split('\n');
    expect(lines[(detail.line ?? 0) - 1]).toContain('coluna_que_nao_existe');
    expect(detail.column).toBe((lines[(detail.line ?? 0) - 1] ?? '').indexOf('coluna_que_nao_existe') + 1);
  });

  it('locates an error inside a dependency at the dependency line', async () => {
    const broken = parseDocument(NOTEBOOK.replace('where ($tributo is null', 'where (tributo_x is null'), 'divida.md');
    let caught: unknown;
    try {
      await collectRows(streamCell(session, broken, 'por_tributo', { source: { kind: 'free' } }));
    } catch (error) {
      caught = error;
    }
    const detail = (caught as WorkbenchError).detail;
    expect(detail.message).toMatch(/^célula "estoque": /);
    expect(NOTEBOOK.split('\n')[(detail.line ?? 0) - 1]).toContain('where ($tributo is null');
  });

  it('resolves the options of a select from SQL on the snapshot, and of a list as given', async () => {
    const [tributo, tributos] = doc.frontMatter?.params ?? [];
    expect(await resolveParamOptions(session.runner, tributo ?? (null as never), { source: { kind: 'free' } })).toEqual(['IPTU', 'ISS', 'taxa_lixo']);
    expect(await resolveParamOptions(session.runner, tributos ?? (null as never), { source: { kind: 'free' } })).toEqual(['IPTU', 'ISS', 'taxa_lixo']);
  });
});
