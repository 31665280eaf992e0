// Requests from outside the process (the web server, Electron's IPC) are checked against the
// contract before the core sees them: a field of the wrong type is a 'parameter' error naming
// the field, and nothing runs, is written or is logged. Whatever a request holds, the core never
// answers with an 'internal' error (a TypeError somewhere inside).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORKBENCH_METHODS, WorkbenchError, type WorkbenchMethod } from '../../main/core/api/index.ts';
import { callWorkbench, checkRequest } from '../../main/core/api/requests.ts';
import type { Workbench } from '../../main/core/workbench.ts';
import { NEW_DATE, OLD_DATE } from '../engine/fixture.ts';
import { useFixtureWorkbenches, type FixtureWorkbenches } from '../support/fixture-workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runAndCollect } from '../workbench/collect-events.ts';

const NOTEBOOK = `---
title: Pessoas
---

\`\`\`sql pessoas
select count(*) as n from pessoa
\`\`\`
`;

let setup: FixtureWorkbenches;
let workbench: Workbench;
useFixtureWorkbenches({ prefix: 'mirante-requests-', documents: { 'pessoas.md': NOTEBOOK } }, async (ready) => {
  setup = ready;
  workbench = await ready.open('state');
});

const call = (method: WorkbenchMethod, request: unknown) => callWorkbench(workbench, method, request);

describe('a request of the wrong shape', () => {
  it('is a parameter error that names the field and says what it should be', async () => {
    const cases: [WorkbenchMethod, unknown, string][] = [
      ['runQuery', {}, '«sql» é obrigatório'],
      ['runQuery', { sql: 'select 1', params: 'x' }, '«params» deve ser objeto'],
      ['runQuery', { sql: 'select 1', timeoutMs: 'abc' }, '«timeoutMs» deve ser número'],
      ['runQuery', { sql: 'select 1', timeoutMs: 0 }, '«timeoutMs» deve ser no mínimo'],
      ['runQuery', { sql: 'select 1', timeoutMs: 1e12 }, '«timeoutMs» passa do máximo'],
      ['runQuery', { sql: 'select 1', params: { x: { y: 1 } } }, '«params.x»'],
      ['fetchRows', { queryId: 'q', statementIndex: 0, offset: -1, limit: 10 }, '«offset» deve ser no mínimo 0'],
      ['fetchRows', { queryId: 'q', statementIndex: 0, offset: 0, limit: 10, sort: [{ column: 0, direction: 'up' }] }, '«sort.0.direction» deve ser "asc", "desc"'],
      ['complete', { sql: null, cursor: 'a' }, '«sql» deve ser texto'],
      ['listHistory', { search: 3 }, '«search» deve ser texto'],
      ['discardDraft', { path: null }, '«path» deve ser texto'],
      ['runCell', { path: 5, text: NOTEBOOK, cell: 'pessoas' }, '«path» deve ser texto'],
      ['profileColumn', { queryId: 2 }, '«kind»'],
      ['listAudit', { limit: 'x' }, '«limit» deve ser número'],
      ['listAudit', { from: 'ontem' }, '«from» deve ser uma data ISO'],
      ['exportResult', { queryId: 'q', statementIndex: 0, format: 'docx' }, '«format» deve ser "xlsx", "csv", "csv-br", "json", "parquet"'],
      ['exportDocument', { text: NOTEBOOK, format: 'csv' }, '«format» deve ser "xlsx"'],
      ['saveWorkspace', { tabs: 'x', activeTabId: null, locale: 'pt-BR', theme: 'light' }, '«tabs» deve ser lista'],
      ['saveWorkspace', { tabs: [], activeTabId: null, locale: 'fr', theme: 'light' }, '«locale» deve ser "pt-BR", "en"'],
      ['cancelQuery', { queryId: '' }, '«queryId» deve ser um texto não vazio'],
      ['saveDocumentAs', { text: NOTEBOOK, title: 5 }, '«title» deve ser texto'],
      ['saveDocumentAs', { text: NOTEBOOK, title: 'X', overwrite: 'sim' }, '«overwrite» deve ser verdadeiro ou falso'],
    ];
    for (const [method, request, says] of cases) {
      const error = await refusal(call(method, request));
      expect(error.code, `${method} ${JSON.stringify(request)}`).toBe('parameter');
      expect(error.message, `${method} ${JSON.stringify(request)}`).toContain(says);
      expect(error.message).toContain(`Pedido inválido (${method})`);
    }
  });

  it('writes nothing, runs nothing and logs nothing', async () => {
    const auditBefore = (await workbench.listAudit({ limit: 1000 })).length;
    await refusal(call('autosaveDocument', { path: 'pessoas.md', text: 5 }));
    await refusal(call('saveDocument', { path: 'novo.md', text: null }));
    await refusal(call('runQuery', { sql: 'select 1', timeoutMs: 'abc' }));
    await refusal(call('runCell', { text: NOTEBOOK, path: 'pessoas.md', cell: 'pessoas', params: [1] }));
    expect((await workbench.openDocument({ path: 'pessoas.md' })).draft).toBeNull();
    expect(await readdir(setup.queriesDir)).toEqual(['pessoas.md']);
    expect((await workbench.listAudit({ limit: 1000 })).length).toBe(auditBefore);
    expect(await workbench.listHistory({})).toEqual([]);
  });

  it('does not quote the value it refuses (it may be personal data)', async () => {
    const error = await refusal(call('runQuery', { sql: 'select 1', params: { cpf: { valor: '123.456.789-09' } } }));
    expect(error.message).not.toContain('123.456.789-09');
  });
});

// One request of the right shape for every method, as the renderer sends it.
const GOOD: [WorkbenchMethod, Record<string, unknown>][] = [
  ['info', {}],
  ['catalog', {}],
  ['catalog', { snapshot: NEW_DATE }],
  ['runQuery', { sql: 'select 1' }],
  ['runQuery', { sql: 'select $a', params: { a: 1, b: 'x', c: null, d: ['a'], e: [1, 2], f: true, g: 10n }, snapshot: NEW_DATE, queryId: 'q-1', timeoutMs: 60_000 }],
  ['fetchRows', { queryId: 'q', statementIndex: 0, offset: 0, limit: 200, sort: [{ column: 1, direction: 'desc' }] }],
  ['profileColumn', { kind: 'result', queryId: 'q', statementIndex: 0, column: 2 }],
  ['profileColumn', { kind: 'table', table: 'pessoa', column: 'nome' }],
  ['complete', { sql: 'select ', cursor: 7 }],
  ['listHistory', {}],
  ['saveWorkspace', { tabs: [{ id: 't', title: 'SQL 1', sql: '' }], activeTabId: 't', locale: 'en', theme: 'dark', queryTimeoutSeconds: 3600 }],
  ['runCell', { text: NOTEBOOK, cell: 'pessoas', params: { ano: undefined, bairro: ['Centro'] } }],
  ['paramOptions', { text: NOTEBOOK, param: 'bairro', path: 'pessoas.md' }],
  ['unmaskResult', { queryId: 'q', statementIndex: 0, purpose: 'Ofício 123/2026 da promotoria' }],
  ['listAudit', { action: 'export', from: '2026-12-01', to: '2026-12-01T23:59:59.999Z', limit: 50 }],
  ['exportResult', { queryId: 'q', statementIndex: 0, format: 'csv-br', fileName: 'x', purpose: 'Relatório mensal' }],
  ['exportDocument', { text: NOTEBOOK, path: 'pessoas.md', format: 'xlsx', params: {} }],
  ['exportStatus', { exportId: 'e' }],
  ['cancelQuery', { queryId: 'q' }],
  ['releaseResult', { queryId: 'q' }],
  ['loadWorkspace', {}],
  ['listDocuments', {}],
  ['openDocument', { path: 'pessoas.md' }],
  ['saveDocument', { path: 'outro.md', text: NOTEBOOK }],
  ['saveDocumentAs', { text: NOTEBOOK, title: 'Pessoas do bairro', owner: 'Secretaria de Teste', purpose: 'Contar pessoas', overwrite: true }],
  ['autosaveDocument', { path: 'pessoas.md', text: NOTEBOOK }],
  ['discardDraft', { path: 'pessoas.md' }],
  ['cancelExport', { exportId: 'e' }],
  ['snapshotOverview', {}],
  ['importMonth', { from: '/dados/recebidos/2026-11', date: '2026-11-30', publish: false }],
  ['importMonth', { from: '/dados/recebidos/2026-11', date: '2026-11-30', publish: true, motivo: 'Publicação com ressalvas aprovada' }],
  ['diffSnapshots', { table: 'pessoa', from: OLD_DATE, to: NEW_DATE, key: ['pessoa_id'], queryId: 'd-1', timeoutMs: 60_000 }],
];

describe('a request of the right shape', () => {
  it('passes the check as the renderer sends it, with optional fields absent or present', () => {
    expect(new Set(GOOD.map(([method]) => method)).size).toBe(WORKBENCH_METHODS.length);
    for (const [method, request] of GOOD) expect(() => checkRequest(method, request), method).not.toThrow();
  });

  it('keeps fields it does not know for the core to judge (an export naming its own destination is still refused there)', async () => {
    const error = await refusal(call('exportResult', { queryId: 'q', statementIndex: 0, format: 'csv', destination: '/tmp/x.csv' }));
    expect(error.code).toBe('not_allowed');
  });
});

// ---- whatever the request holds, never an internal error --------------------------------------

// Per field, mostly values of its own kind (so requests get past the check and deep into the
// core), sometimes a value of any kind at all. `KEPT` stands for the id of a real kept query.
const KEPT = '<kept query>';
const typed: Record<string, fc.Arbitrary<unknown>> = {
  sql: fc.constantFrom('select 1', 'select * from pessoa', 'select nome, bairro from pessoa', 'select $a', 'drop table pessoa', '', 'selec'),
  text: fc.oneof(fc.constant(NOTEBOOK), fc.string({ maxLength: 20 })),
  params: fc.dictionary(fc.constantFrom('a', 'ano', 'bairro'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }))),
  snapshot: fc.constantFrom(NEW_DATE, '2026-09-30', '1999-01-01', 'latest', ''),
  queryId: fc.constantFrom(KEPT, KEPT, 'q-desconhecida', 'x'),
  exportId: fc.constantFrom('e-desconhecida', 'x'),
  statementIndex: fc.integer({ min: -1, max: 2 }),
  offset: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  limit: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(2 ** 40)),
  cursor: fc.integer({ min: 0, max: 40 }),
  column: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('nome', 'bairro', 'x')),
  sort: fc.array(fc.record({ column: fc.integer({ min: 0, max: 5 }), direction: fc.constantFrom('asc', 'desc') }), { maxLength: 3 }),
  kind: fc.constantFrom('result', 'table'),
  table: fc.constantFrom('pessoa', 'familia', 'nada', 'mirante_interno.chave_mascara'),
  tabs: fc.array(fc.record({ id: fc.string({ maxLength: 4 }), title: fc.string({ maxLength: 8 }), sql: fc.string({ maxLength: 20 }) }), { maxLength: 3 }),
  activeTabId: fc.option(fc.string({ maxLength: 4 })),
  locale: fc.constantFrom('pt-BR', 'en'),
  theme: fc.constantFrom('light', 'dark'),
  path: fc.constantFrom('pessoas.md', 'novo.md', 'x.sql', '../fora.md', '/etc/passwd', 'a/b.md', ''),
  cell: fc.constantFrom('pessoas', 'nada', ''),
  param: fc.constantFrom('ano', 'bairro'),
  purpose: fc.constantFrom('Ofício 123/2026 da promotoria', 'curta', ''),
  action: fc.constantFrom('query', 'export', 'unmask'),
  from: fc.constantFrom('2026-01-01', '2026-12-01T00:00:00Z'),
  format: fc.constantFrom('xlsx', 'csv', 'csv-br', 'json', 'parquet'),
  fileName: fc.constantFrom('dados', '../../x', 'a/b', 'CON', ''),
  title: fc.constantFrom('Pessoas', 'Pessoas', '', '../x', '???'),
  owner: fc.constantFrom('Secretaria de Teste', ''),
  overwrite: fc.boolean(),
  timeoutMs: fc.integer({ min: 1, max: 60_000 }),
};
const REQUIRED: Partial<Record<WorkbenchMethod, string[]>> = {
  runQuery: ['sql'],
  cancelQuery: ['queryId'],
  fetchRows: ['queryId', 'statementIndex', 'offset', 'limit'],
  releaseResult: ['queryId'],
  profileColumn: ['kind', 'queryId', 'statementIndex', 'column', 'table'],
  complete: ['sql', 'cursor'],
  saveWorkspace: ['tabs', 'activeTabId', 'locale', 'theme'],
  openDocument: ['path'],
  saveDocument: ['path', 'text'],
  saveDocumentAs: ['text', 'title'],
  autosaveDocument: ['path', 'text'],
  discardDraft: ['path'],
  runCell: ['text', 'cell'],
  paramOptions: ['text', 'param'],
  unmaskResult: ['queryId', 'statementIndex', 'purpose'],
  exportResult: ['queryId', 'statementIndex', 'format'],
  exportDocument: ['text', 'format'],
  cancelExport: ['exportId'],
  exportStatus: ['exportId'],
  diffSnapshots: ['table', 'from', 'to'],
  importMonth: ['from', 'date', 'publish'],
};
const anything = fc.jsonValue({ maxDepth: 2 });
const valueOf = (field: string) => fc.oneof({ arbitrary: typed[field] ?? anything, weight: 8 }, { arbitrary: anything, weight: 1 });
const requestFor = fc.constantFrom(...WORKBENCH_METHODS).chain((method) =>
  fc
    .tuple(
      fc.record(Object.fromEntries((REQUIRED[method] ?? []).map((field) => [field, valueOf(field)])), { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom(...Object.keys(typed)), fc.oneof(...Object.keys(typed).map(valueOf)), { maxKeys: 3 }),
    )
    .map(([required, extra]) => [method, { ...extra, ...required }] as const),
);
const withKeptId = (request: Record<string, unknown>, kept: string) => (request.queryId === KEPT ? { ...request, queryId: kept } : request);

describe('whatever a request holds', () => {
  it('the answer is a result or a clear error, never an internal one', async () => {
    const kept = (await runAndCollect(workbench, { sql: 'select pessoa_id, nome, bairro, raca_cor from pessoa order by nome' })).queryId;
    const reachedCore = new Set<WorkbenchMethod>();
    const internalEvents: string[] = [];
    const finished = new Set<string>();
    const stopListening = workbench.onQueryEvent((event) => {
      if (event.kind === 'error' && event.error.code === 'internal') internalEvents.push(event.error.message);
      if (event.kind === 'finished') finished.add(event.queryId);
    });
    // What a call started runs to its end (the fixture is tiny), so its errors are seen here.
    const settled = async (answer: unknown) => {
      const { queryId, exportId } = (answer ?? {}) as { queryId?: unknown; exportId?: unknown };
      const id = typeof queryId === 'string' ? queryId : typeof exportId === 'string' ? exportId : undefined;
      while (id !== undefined && !finished.has(id)) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await fc.assert(
      fc.asyncProperty(requestFor, async ([method, generated]) => {
        const request = withKeptId(generated, kept);
        try {
          checkRequest(method, request);
          reachedCore.add(method);
        } catch {
          // refused by the check: still goes through callWorkbench below
        }
        try {
          await settled(await call(method, request));
        } catch (error) {
          if (!(error instanceof WorkbenchError) || error.detail.code === 'internal') {
            throw new Error(`${method} ${JSON.stringify(request)} → ${error instanceof Error ? error.stack : String(error)}`, { cause: error });
          }
        }
      }),
      // The well-formed requests first, so every method is seen reaching the core whatever the
      // random requests turn out to be.
      { numRuns: 400, examples: GOOD.map(([method, request]) => [[method, request] as const]) },
    );
    stopListening();
    expect(internalEvents).toEqual([]);
    // The property reached the core's own code for most methods, not only the check.
    expect(reachedCore.size).toBe(WORKBENCH_METHODS.length);
    // The core is still there after all of it.
    expect((await workbench.info({})).defaultSnapshot).toBe(NEW_DATE);
    expect(path.basename(setup.queriesDir)).toBe('queries');
  });
});
