// LGPD: personal data leaves only with a declared purpose. An export of a result with a column
// traced to identificador, sensivel or crianca, or of an unmasked result, is refused without
// one (nothing is written, nothing starts); a result of public columns needs none. Real
// DuckDB, real files, the real audit log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../main/core/api/index.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { refusal } from '../support/refusal.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { useFixtureWorkbenches } from '../support/fixture-workbench.ts';

const PANEL = `---
title: Pessoas
---

\`\`\`sql nomes
select pessoa_id, nome from pessoa order by pessoa_id
\`\`\`
`;

let auditLog: string;
let workbench: Workbench;

const exportEntries = (): AuditEntry[] =>
  readFileSync(auditLog, 'utf8').split('\n').filter((l) => l.includes('"action":"export"')).map((l) => JSON.parse(l) as AuditEntry);

useFixtureWorkbenches({ prefix: 'mirante-purpose-', documents: { 'pessoas.md': PANEL } }, async ({ scratch, open }) => {
  auditLog = path.join(scratch, 'auditoria', 'auditoria.jsonl');
  workbench = await open('estado', { auditLog });
});

describe('exports of personal data need a purpose', () => {
  it('refuses a result with names (identificador) or race (sensivel) without one, before anything starts', async () => {
    for (const sql of ['select pessoa_id, nome from pessoa', 'select bairro, raca_cor from pessoa']) {
      const { queryId } = await runAndCollect(workbench, { sql });
      const before = exportEntries().length;
      for (const purpose of [undefined, '', 'curta']) {
        const refused = await refusal(workbench.exportResult({ queryId, statementIndex: 0, format: 'csv', ...(purpose !== undefined ? { purpose } : {}) }));
        expect(refused.code).toBe('parameter');
        expect(refused.message).toMatch(/dados pessoais.*finalidade/s);
      }
      expect(exportEntries().length).toBe(before);
      const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv', purpose: 'Conferência do cadastro do CRAS' });
      const status = await workbench.exportSettled(exportId);
      expect(status.state).toBe('done');
      expect(exportEntries().filter((e) => e.exportId === exportId).map((e) => [e.status, e.purpose])).toEqual([
        ['started', 'Conferência do cadastro do CRAS'],
        ['ok', 'Conferência do cadastro do CRAS'],
      ]);
    }
  });

  it('lets a result of public columns go without one', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select bairro, count(*) as n from pessoa group by 1' });
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv' });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
  });

  it('lets a result of publico and unclassed columns go without one', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select pessoa_id, pessoa_id * 2 as dobro from pessoa' });
    const { exportId } = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv' });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
  });

  it('always needs one for an unmasked result', async () => {
    const { queryId } = await runAndCollect(workbench, { sql: 'select pessoa_id from pessoa' });
    const unmasked = await workbench.unmaskResult({ queryId, statementIndex: 0, purpose: 'Conferência de cadastro em teste' });
    await expect.poll(() => workbench.queryOrigin(unmasked.queryId)?.unmasked).toBe(true);
    await expect.poll(async () => (await workbench.fetchRows({ queryId: unmasked.queryId, statementIndex: 0, offset: 0, limit: 1 })).complete).toBe(true);
    const refused = await refusal(workbench.exportResult({ queryId: unmasked.queryId, statementIndex: 0, format: 'csv' }));
    expect(refused.message).toMatch(/sem máscara/);
  });

  it('needs one for a panel whose sheets hold personal data, and writes nothing without it', async () => {
    const refused = await refusal(workbench.exportDocument({ text: PANEL, path: 'pessoas.md', format: 'xlsx', exportId: 'sem-finalidade' }));
    expect(refused.code).toBe('parameter');
    // Nothing started: no export by that id, no audit entry.
    expect((await refusal(workbench.exportStatus({ exportId: 'sem-finalidade' }))).code).toBe('not_found');
    expect(exportEntries().some((e) => e.exportId === 'sem-finalidade')).toBe(false);
    const { exportId } = await workbench.exportDocument({ text: PANEL, path: 'pessoas.md', format: 'xlsx', purpose: 'Relatório mensal da secretaria' });
    expect((await workbench.exportSettled(exportId)).state).toBe('done');
  });
});
