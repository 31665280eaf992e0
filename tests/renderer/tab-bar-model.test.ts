// The tab bar as data (renderer/src/app/tab-bar-model.ts): which tabs it shows to whom, which
// one is in view, and what selecting and closing each kind does.
import { describe, expect, it } from 'vitest';
import type { MainTabs, MainTabsAction } from '../../renderer/src/app/main-tabs.ts';
import type { QueryStore } from '../../renderer/src/app/query-store.ts';
import { tabBarModel, type TabBarActions } from '../../renderer/src/app/tab-bar-model.ts';
import { ptBR } from '../../renderer/src/i18n/pt-BR.ts';

const TABS: MainTabs = {
  documents: [{ path: 'obras.md', title: 'Obras', mode: 'panel' }],
  auditOpen: true,
  snapshotsOpen: true,
  view: { kind: 'document', path: 'obras.md' },
};

function record(): { actions: TabBarActions; done: string[] } {
  const done: string[] = [];
  const actions: TabBarActions = {
    dispatch: (action: MainTabsAction) => done.push(`dispatch ${JSON.stringify(action)}`),
    store: { forget: (key: string) => done.push(`forget ${key}`) } as unknown as QueryStore,
    setActiveSqlTab: (id) => done.push(`activate ${id}`),
    closeSqlTab: (id) => done.push(`close sql ${id}`),
    closeDocument: (path) => done.push(`close document ${path}`),
    closeSnapshots: () => done.push('close snapshots'),
  };
  return { actions, done };
}

const parts = (analyst: boolean, sqlInView = false) => ({
  analyst,
  sqlTabs: [{ id: 't1', title: 'SQL 1' }],
  activeSqlTab: 't1',
  sqlInView,
  tabs: sqlInView ? { ...TABS, view: { kind: 'sql' as const } } : TABS,
  dirty: (key: string) => key.includes('obras'),
  t: (key: 'auditTab' | 'snapshotsTitle') => ptBR[key],
});

describe('the tab bar model', () => {
  it('shows analysts their SQL tabs, documents (marked when unsaved), the audit log and Retratos; consulta only documents', () => {
    const analyst = tabBarModel(parts(true), record().actions);
    expect(analyst.entries.map((e) => e.target.kind)).toEqual(['sqlTab', 'document', 'audit', 'snapshots']);
    expect(analyst.entries[1]?.title).toBe('▦ Obras •');
    expect(tabBarModel(parts(false), record().actions).entries.map((e) => e.target.kind)).toEqual(['document']);
  });

  it('knows the tab in view: the document shown, or the active SQL tab when SQL is in view', () => {
    const documentShown = tabBarModel(parts(true), record().actions);
    expect(documentShown.targetOf(documentShown.activeId ?? '')).toEqual({ kind: 'document', path: 'obras.md' });
    expect(tabBarModel(parts(true, true), record().actions).activeId).toBe('t1');
  });

  it('selects and closes each kind as it says', () => {
    const { actions, done } = record();
    const model = tabBarModel(parts(true), actions);
    for (const entry of model.entries) model.select(entry.id);
    for (const entry of model.entries) model.close(entry.id);
    model.select('no such tab');
    expect(done).toEqual([
      'dispatch {"type":"show","view":{"kind":"sql"}}',
      'activate t1',
      'dispatch {"type":"show","view":{"kind":"document","path":"obras.md"}}',
      'dispatch {"type":"show","view":{"kind":"audit"}}',
      'dispatch {"type":"show","view":{"kind":"snapshots"}}',
      'forget t1',
      'close sql t1',
      'close document obras.md',
      'dispatch {"type":"closeAudit"}',
      'close snapshots',
    ]);
  });
});
