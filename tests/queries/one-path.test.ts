// Every way SQL runs goes through one runner: the role is checked, the audit entry (with the
// SQL) is written BEFORE anything runs, a time limit applies and the query can be cancelled;
// if the entry cannot be written, nothing runs. Real DuckDB, real audit files, the real
// `mirante` command.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, QueryEvent } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { type Fixture } from '../engine/fixture.ts';
import { projectRoot, runCli } from '../support/run-cli.ts';
import { collect } from '../privacy/support.ts';
import { refusal } from '../support/refusal.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';

const PANEL = `---
title: Painel de teste
params:
  bairro: { type: select, label: Bairro, options: "select distinct bairro from pessoa order by 1" }
---

\`\`\`sql contagem
select count(*) as n_pessoas from pessoa where ($bairro is null or bairro = $bairro)
\`\`\`
`;
// Never ends on its own: only a cancel or the time limit stops it.
const RUNAWAY = 'select count(*) from range(1000000000000) a';

let fixture: Fixture;
let scratch: string;
let queriesDir: string;
let auditLog: string;
let workbench: Workbench;

function entries(file = auditLog): AuditEntry[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AuditEntry);
}

function entriesOf(queryId: string, file = auditLog): AuditEntry[] {
  return entries(file).filter((entry) => entry.queryId === queryId);
}

useFixtureWorkbenches({ prefix: 'mirante-one-path-', documents: { 'painel.md': PANEL } }, async (ready) => {
  ({ fixture, scratch, queriesDir } = ready);
  auditLog = path.join(scratch, 'auditoria', 'auditoria.jsonl');
  workbench = await ready.open('state', { auditLog });
});

describe('one path for every query', () => {
  it('no module but the runner hands SQL to the engine', async () => {
    const sources = (await readdir(path.join(projectRoot, 'main'), { recursive: true }))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join('main', file));
    const callers = sources.filter((file) => {
      const text = readFileSync(path.join(projectRoot, file), 'utf8');
      return /\bengine\.(execute|stageParquet|withQueryConnection)\(/.test(text);
    });
    expect(callers).toEqual(['main/core/queries/query-runner.ts']);
  });

  it('writes the audit entry with the SQL before the first row leaves, and a closing one after', async () => {
    const seenAtFirstBatch: AuditEntry[][] = [];
    const { queryId, events } = await collect(workbench, (id) => {
      const off = workbench.onQueryEvent((event: QueryEvent) => {
        if (event.queryId === id && event.kind === 'batch' && seenAtFirstBatch.length === 0) seenAtFirstBatch.push(entriesOf(id));
        if (event.queryId === id && event.kind === 'finished') off();
      });
      return workbench.runQuery({ sql: "select count(*) from pessoa where bairro = '123.456.789-09'", queryId: id });
    });
    expect(events.some((e) => e.kind === 'error')).toBe(false);
    expect(seenAtFirstBatch[0]?.map((e) => e.status)).toEqual(['started']);
    // The closing entry is queued as the query ends (it never holds the result back).
    await expect.poll(() => entriesOf(queryId).length).toBe(2);
    const [started, closed] = entriesOf(queryId);
    expect(started).toMatchObject({ action: 'query', status: 'started', snapshot: '2026-10-31' });
    expect(started?.sql).toContain('select count(*) from pessoa');
    expect(started?.sql).not.toContain('123.456.789-09');
    expect(closed).toMatchObject({ action: 'query', status: 'ok', rows: 1 });
  });

  it('audits parameter options, profiles, cell runs and unmasks the same way', async () => {
    const optionsId = 'opcoes-1';
    expect(await workbench.paramOptions({ text: PANEL, param: 'bairro', queryId: optionsId })).toEqual(['Centro', 'Jundiapeba']);
    await expect.poll(() => entriesOf(optionsId).map((e) => [e.action, e.status])).toEqual([['param_options', 'started'], ['param_options', 'ok']]);
    expect(entriesOf(optionsId)[0]?.sql).toBe('select distinct bairro from pessoa order by 1');

    const before = entries().length;
    await workbench.profileColumn({ kind: 'table', table: 'pessoa', column: 'bairro' });
    await expect.poll(() => entries().slice(before).map((e) => [e.action, e.status])).toEqual([['profile', 'started'], ['profile', 'ok']]);
    const profile = entries().slice(before);
    expect(profile[0]?.sql).toContain('"bairro"');

    const cell = await collect(workbench, (id) => workbench.runCell({ text: PANEL, path: 'painel.md', cell: 'contagem', queryId: id, params: { bairro: 'Centro' } }));
    await expect.poll(() => entriesOf(cell.queryId).map((e) => [e.action, e.status, e.cell])).toEqual([['run_panel', 'started', 'contagem'], ['run_panel', 'ok', 'contagem']]);
    expect(entriesOf(cell.queryId)[0]?.params).toEqual({ bairro: 'Centro' });

    const purpose = 'Conferência de cadastro para visita do CRAS';
    const unmasked = await collect(workbench, () => workbench.unmaskResult({ queryId: cell.queryId, statementIndex: 0, purpose }));
    await expect.poll(() => entriesOf(unmasked.queryId).map((e) => [e.action, e.status, e.purpose])).toEqual([['unmask', 'started', purpose], ['unmask', 'ok', purpose]]);
  });

  it('applies the default time limit to a query that names none, and to parameter options', async () => {
    const quick = await Workbench.open({
      dataDir: fixture.dataDir,
      queriesDir,
      stateDir: path.join(scratch, 'state-quick'),
      auditLog,
      tempRoot: fixture.tempRoot,
      threads: 1,
      defaultTimeoutMs: 300,
    });
    try {
      const { events } = await collect(quick, (id) => quick.runQuery({ sql: RUNAWAY, queryId: id }));
      const error = events.find((e) => e.kind === 'error');
      expect(error?.kind === 'error' && error.error.code).toBe('timeout');
      const slowOptions = PANEL.replace('select distinct bairro from pessoa order by 1', RUNAWAY);
      expect((await refusal(quick.paramOptions({ text: slowOptions, param: 'bairro' }))).code).toBe('timeout');
      // The user's own limit wins over the default.
      const chosen = await collect(quick, (id) => quick.runQuery({ sql: 'select 42', queryId: id, timeoutMs: 60_000 }));
      expect(chosen.events.some((e) => e.kind === 'done')).toBe(true);
    } finally {
      await quick.close();
    }
  });

  it('cancels parameter options by the id the client chose', async () => {
    const slowOptions = PANEL.replace('select distinct bairro from pessoa order by 1', RUNAWAY);
    const pending = refusal(workbench.paramOptions({ text: slowOptions, param: 'bairro', queryId: 'opcoes-lentas' }));
    await expect.poll(() => entriesOf('opcoes-lentas').length).toBe(1);
    await expect.poll(async () => (await workbench.cancelQuery({ queryId: 'opcoes-lentas' })).cancelled).toBe(true);
    expect((await pending).code).toBe('cancelled');
    await expect.poll(() => entriesOf('opcoes-lentas').map((e) => e.status)).toEqual(['started', 'cancelled']);
  });

  it('fails closed: when the audit entry cannot be written, nothing runs', async () => {
    const brokenLog = path.join(scratch, 'quebrado', 'auditoria.jsonl');
    // A folder where the log file should be: every append fails.
    await mkdir(brokenLog, { recursive: true });
    const broken = await Workbench.open({
      dataDir: fixture.dataDir,
      queriesDir,
      stateDir: path.join(scratch, 'state-broken'),
      auditLog: brokenLog,
      tempRoot: fixture.tempRoot,
      threads: 1,
    });
    const events: QueryEvent[] = [];
    const off = broken.onQueryEvent((event) => events.push(event));
    try {
      const refusals = [
        await refusal(broken.runQuery({ sql: 'select count(*) from pessoa', queryId: 'q-sem-auditoria' })),
        await refusal(broken.runCell({ text: PANEL, cell: 'contagem' })),
        await refusal(broken.paramOptions({ text: PANEL, param: 'bairro' })),
        await refusal(broken.profileColumn({ kind: 'table', table: 'pessoa', column: 'bairro' })),
      ];
      for (const detail of refusals) expect(detail.message).toMatch(/Não foi possível gravar o registro de auditoria.*nada é executado/s);
      expect(events).toEqual([]);
      expect(await broken.listHistory({})).toEqual([]);
      expect((await refusal(broken.fetchRows({ queryId: 'q-sem-auditoria', statementIndex: 0, offset: 0, limit: 1 }))).code).toBe('not_found');
    } finally {
      off();
      await broken.close();
    }
  });
});

describe('the command line obeys the deployment', () => {
  let dataDir: string;
  let cliLog: string;

  beforeAll(async () => {
    // A copy of the registry whose mirante.yaml makes everyone `consulta`.
    dataDir = path.join(scratch, 'dados-consulta');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'dicionario.yaml'), await readFile(path.join(fixture.dataDir, 'dicionario.yaml')));
    await rm(path.join(dataDir, 'snapshots'), { recursive: true, force: true });
    const { cp } = await import('node:fs/promises');
    await cp(path.join(fixture.dataDir, 'snapshots'), path.join(dataDir, 'snapshots'), { recursive: true });
    cliLog = path.join(scratch, 'auditoria-cli', 'auditoria.jsonl');
    await writeFile(path.join(dataDir, 'mirante.yaml'), `papel_padrao: consulta\nauditoria: ${JSON.stringify(cliLog)}\n`);
  });

  it('refuses free SQL to consulta, and runs a saved panel of the queries folder, audited', async () => {
    const free = await runCli(['query', 'select nome from pessoa', '--data', dataDir]);
    expect(free.code).toBe(1);
    expect(free.stderr).toMatch(/papel \(consulta\)/);
    expect(free.stdout).toBe('');

    const outside = path.join(scratch, 'fora.md');
    await writeFile(outside, PANEL.replace('count(*) as n_pessoas', 'nome as n_pessoas'));
    const notSaved = await runCli(['run', outside, '--data', dataDir, '--queries', queriesDir, '--format', 'csv']);
    expect(notSaved.code).toBe(1);
    expect(notSaved.stderr).toMatch(/papel \(consulta\)/);

    const saved = await runCli(['run', path.join(queriesDir, 'painel.md'), '--data', dataDir, '--queries', queriesDir, '--format', 'csv']);
    expect(saved.stderr).toBe('');
    expect(saved.stdout).toBe('n_pessoas\r\n6\r\n');
    const logged = entries(cliLog).filter((e) => e.action === 'run_panel');
    expect(logged.map((e) => [e.status, e.document, e.role])).toEqual([['started', 'painel.md', 'consulta'], ['ok', undefined, 'consulta']]);
  });

  it('audits an analyst query of the command line before it runs', async () => {
    const analystData = path.join(scratch, 'dados-analista');
    const { cp } = await import('node:fs/promises');
    await cp(dataDir, analystData, { recursive: true });
    const analystLog = path.join(scratch, 'auditoria-analista', 'auditoria.jsonl');
    await writeFile(path.join(analystData, 'mirante.yaml'), `papel_padrao: analista\nauditoria: ${JSON.stringify(analystLog)}\n`);
    const result = await runCli(['query', 'select count(*) as n from pessoa', '--data', analystData, '--format', 'csv']);
    expect(result.stdout).toBe('n\r\n6\r\n');
    const logged = entries(analystLog).filter((e) => e.action === 'query');
    expect(logged.map((e) => [e.status, e.sql, e.rows])).toEqual([['started', 'select count(*) as n from pessoa', undefined], ['ok', undefined, 1]]);
  });
});
