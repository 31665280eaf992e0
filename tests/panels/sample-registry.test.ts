// Every named cell of every panel runs on the generated SF 0.01 registry, and the infancy
// panel finds children to visit.
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
      for (const name of names) {
        await expect(runPanelCell(session, panel, name), `${panel}/${name}`).resolves.toBeInstanceOf(Array);
      }
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
