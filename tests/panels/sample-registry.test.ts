// Every named cell of every panel runs on the generated SF 0.01 registry, each KPI direction a
// panel declares names a column it shows, and the infancy panel finds children to visit.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sqlCells } from '../../main/core/documents/index.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { PANELS, loadPanel, runPanelCell } from './support/panel.ts';

describe('panels on the SF 0.01 sample registry', () => {
  let session: QuerySession;
  beforeAll(async () => {
    session = await openQuerySession({ dataDir: inject('sampleRegistryDir') });
  });
  afterAll(() => session.close());

  for (const panel of PANELS) {
    it(`${panel}: every named cell runs`, async () => {
      const doc = await loadPanel(panel);
      const names = sqlCells(doc).flatMap((cell) => (cell.name === null ? [] : [cell.name]));
      expect(names.length).toBeGreaterThan(2);
      const columns = new Set<string>();
      for (const name of names) {
        const rows = await runPanelCell(session, panel, name);
        expect(rows, `${panel}/${name}`).toBeInstanceOf(Array);
        for (const column of Object.keys(rows[0] ?? {})) columns.add(column);
      }
      // Each KPI whose better direction the panel declares is a column one of its cells shows.
      const declared = Object.keys(doc.frontMatter?.kpis ?? {});
      expect(declared.length, `${panel} declares which way its KPIs are better`).toBeGreaterThan(0);
      expect(declared.filter((column) => !columns.has(column)), panel).toEqual([]);
    });
  }

  it('finds infancy alerts of every kind', async () => {
    const rows = await runPanelCell(session, 'primeira-infancia', 'alertas');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.alerta))).toEqual(new Set(['falta_saude', 'fora_da_escola', 'vacina_atrasada', 'baixa_frequencia']));
  });

  it('the stock is positive and single-row', async () => {
    const rows = await runPanelCell(session, 'divida-ativa', 'estoque');
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.saldo_total)).toBeGreaterThan(0);
  });
});
