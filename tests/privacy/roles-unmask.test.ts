// Roles come from the deployment (mirante.yaml beside the data), and the core enforces them
// whatever the client sends: `consulta` runs saved panels by path and nothing else;
// `analista` may unmask one result, with a purpose that goes to the audit log.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../main/core/api/index.ts';
import { decodeIpc } from '../../main/core/arrow/ipc.ts';
import { Workbench } from '../../main/core/workbench.ts';
import type { Fixture } from '../engine/fixture.ts';
import { collect } from './support.ts';
import { refusal } from '../support/refusal.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';

const PANEL = `---
title: Painel de teste
owner: Teste
purpose: Contar pessoas por bairro
params:
  bairro: { type: text, label: Bairro }
---

\`\`\`sql contagem
select count(*) as n_pessoas from pessoa where ($bairro is null or bairro = $bairro)
\`\`\`
`;

const HOSTILE_TEXT = PANEL.replace('select count(*) as n_pessoas from pessoa', 'select nome as n_pessoas from pessoa');

let fixture: Fixture;
let scratch: string;
let auditLog: string;
let analyst: Workbench;
let viewer: Workbench;

useFixtureWorkbenches(
  { prefix: 'mirante-privacy-roles-', documents: { 'painel.md': PANEL }, deployment: 'papel_padrao: analista\nusuarios:\n  maria: consulta\n' },
  async (ready) => {
    ({ fixture, scratch } = ready);
    auditLog = path.join(fixture.dataDir, 'auditoria', 'auditoria.jsonl');
    analyst = await ready.open('state-a', { user: 'joao' });
    viewer = await ready.open('state-c', { user: 'maria' });
  },
);

describe('roles from the deployment', () => {
  it('tells the UI the role', async () => {
    expect(await analyst.info({})).toMatchObject({ role: 'analista', user: 'joao' });
    expect(await viewer.info({})).toMatchObject({ role: 'consulta', user: 'maria' });
  });

  it('refuses free SQL, completion, the catalog, unmasking, saving and the audit log to consulta, in the API', async () => {
    const refusals = [
      await refusal(viewer.runQuery({ sql: 'select nome from pessoa' })),
      await refusal(viewer.complete({ sql: 'select ', cursor: 7 })),
      await refusal(viewer.unmaskResult({ queryId: 'x', statementIndex: 0, purpose: 'quero ver os nomes todos' })),
      await refusal(viewer.saveDocument({ path: 'painel.md', text: HOSTILE_TEXT })),
      await refusal(viewer.autosaveDocument({ path: 'painel.md', text: HOSTILE_TEXT })),
      await refusal(viewer.profileColumn({ kind: 'table', table: 'pessoa', column: 'nome' })),
      await refusal(viewer.catalog({})),
      await refusal(viewer.listAudit({})),
      await refusal(viewer.runCell({ text: HOSTILE_TEXT, cell: 'contagem' })),
    ];
    for (const detail of refusals) {
      expect(detail.code).toBe('not_allowed');
      expect(detail.message).toMatch(/papel \(consulta\)|analistas/);
    }
    expect(await readFile(path.join(scratch, 'queries', 'painel.md'), 'utf8')).toBe(PANEL);
  });

  it('runs a panel cell by path for consulta, from the saved file, whatever text is sent', async () => {
    const { queryId, events } = await collect(viewer, (id) =>
      viewer.runCell({ text: HOSTILE_TEXT, path: 'painel.md', cell: 'contagem', params: { bairro: 'Centro' }, queryId: id }),
    );
    const error = events.find((e) => e.kind === 'error');
    expect(error).toBeUndefined();
    const page = decodeIpc((await viewer.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
    expect(page.getChild('n_pessoas')?.get(0)).toBe(3n);
    expect(await viewer.paramOptions({ text: 'x', param: 'bairro', path: 'painel.md' })).toEqual([]);
    await expect(viewer.paramOptions({ text: PANEL, param: 'bairro' })).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
  });

  it('exports a panel for consulta from the saved file, whatever text is sent, and logs the export', async () => {
    await expect(viewer.exportDocument({ text: HOSTILE_TEXT, format: 'xlsx' })).rejects.toMatchObject({ detail: { code: 'not_allowed' } });
    const { exportId } = await viewer.exportDocument({
      text: HOSTILE_TEXT,
      path: 'painel.md',
      format: 'xlsx',
      purpose: 'Relatório para a secretaria',
    });
    const status = await viewer.exportSettled(exportId);
    expect(status.state).toBe('done');
    // The saved cell counts (one row); the hostile text would have listed every name.
    expect(status.sheets).toEqual([{ name: 'contagem', rows: 1 }]);
    const exportEntries = (await readFile(auditLog, 'utf8')).split('\n').filter((l) => l.includes('"action":"export"')).map((l) => JSON.parse(l) as AuditEntry);
    // One entry before anything ran, one when the file was written.
    expect(exportEntries.map((e) => e.status)).toEqual(['started', 'ok']);
    const [started, done] = exportEntries;
    expect(started).toMatchObject({ user: 'maria', role: 'consulta', document: 'painel.md', exportId, purpose: 'Relatório para a secretaria' });
    expect(done).toMatchObject({ user: 'maria', role: 'consulta', rows: 1, exportId, purpose: 'Relatório para a secretaria' });
    expect(done?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The cell the export ran is audited with its SQL, the saved panel's, not the text sent.
    const cellRun = (await readFile(auditLog, 'utf8')).split('\n').filter((l) => l.includes(`"exportId":"${exportId}"`) && l.includes('"action":"run_panel"'));
    expect(cellRun.length).toBe(2);
    expect(cellRun[0]).toContain('count(*)');
    expect(cellRun.join('\n')).not.toContain('select nome as n_pessoas');
  });
});

describe('unmasking one result', () => {
  it('masks by default, then unmasks with a purpose into a new result, and logs it', async () => {
    const { queryId, events } = await collect(analyst, (id) =>
      analyst.runQuery({ sql: "select pessoa_id, nome from pessoa where bairro = $b order by pessoa_id", params: { b: 'Centro' }, queryId: id }),
    );
    const columns = events.find((e) => e.kind === 'columns');
    expect(columns?.kind === 'columns' && columns.columns.map((c) => c.privacy)).toEqual(['publico', 'identificador']);
    const masked = decodeIpc((await analyst.fetchRows({ queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
    expect(masked.getChild('nome')?.toArray()).toEqual(['A. C.', 'M. L.', 'B. G.']);

    const short = await refusal(analyst.unmaskResult({ queryId, statementIndex: 0, purpose: 'ver' }));
    expect(short.code).toBe('parameter');
    const unknown = await refusal(analyst.unmaskResult({ queryId: 'nao-existe', statementIndex: 0, purpose: 'Visita domiciliar agendada' }));
    expect(unknown.code).toBe('not_found');

    const purpose = 'Contato com a família para visita domiciliar do CRAS';
    const unmasked = await collect(analyst, () => analyst.unmaskResult({ queryId, statementIndex: 0, purpose }));
    expect(unmasked.queryId).not.toBe(queryId);
    expect(unmasked.events.some((e) => e.kind === 'error')).toBe(false);
    const raw = decodeIpc((await analyst.fetchRows({ queryId: unmasked.queryId, statementIndex: 0, offset: 0, limit: 10 })).ipc);
    expect(raw.getChild('nome')?.toArray()).toEqual(['Ana Conceição', 'Maria Luísa', 'Beatriz Gonçalves']);
    expect(analyst.queryOrigin(unmasked.queryId)?.unmasked).toBe(true);
    expect(analyst.queryOrigin(queryId)?.unmasked).toBe(false);

    // The kept (unmasked) results are not readable by SQL.
    const viaSql = await collect(analyst, (id) => analyst.runQuery({ sql: 'select * from resultados.r1', queryId: id }));
    const error = viaSql.events.find((e) => e.kind === 'error');
    expect(error?.kind === 'error' && error.error.code).toBe('not_allowed');

    const entries: AuditEntry[] = await analyst.listAudit({ action: 'unmask' });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((e) => e.purpose === purpose && e.user === 'joao' && e.role === 'analista')).toBe(true);
    const log = await readFile(auditLog, 'utf8');
    expect(log).toContain(purpose);
    expect(log).not.toContain('Ana Conceição');
  });
});
