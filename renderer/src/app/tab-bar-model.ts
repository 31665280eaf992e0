// The tab bar over the main area as data: one entry per SQL tab (analysts), open document, the
// audit log and Retratos; which one is in view; what selecting or closing each one does. Plain
// data and functions (no React), so it is tested on its own (tests/renderer/tab-bar-model.test.ts).
import { panelDomId, SQL_PANEL_ID } from '../shell/panel-ids.ts';
import { documentRunsKey, isShown, type MainTabs, type MainTabsAction, type MainView } from './main-tabs.ts';
import type { QueryStore } from './query-store.ts';

/** What a tab of the bar stands for: a SQL tab of the workspace, or a view of the main area. */
export type BarTarget = { kind: 'sqlTab'; id: string } | MainView;

export interface BarEntry {
  id: string;
  title: string;
  target: BarTarget;
  panelId: string;
}

export interface TabBarParts {
  analyst: boolean;
  sqlTabs: readonly { id: string; title: string }[];
  activeSqlTab: string | null;
  sqlInView: boolean;
  tabs: MainTabs;
  dirty: (documentKey: string) => boolean;
  t: (key: 'auditTab' | 'snapshotsTitle') => string;
}

export interface TabBarActions {
  dispatch: (action: MainTabsAction) => void;
  store: QueryStore;
  setActiveSqlTab(id: string): void;
  closeSqlTab(id: string): void;
  closeDocument(path: string): void;
  /** Retratos: its comparison run goes with it. */
  closeSnapshots(): void;
}

export interface TabBarModel {
  entries: BarEntry[];
  activeId: string | null;
  targetOf(id: string): BarTarget | undefined;
  select(id: string): void;
  close(id: string): void;
}

export function tabBarModel(parts: TabBarParts, actions: TabBarActions): TabBarModel {
  const { analyst, sqlTabs, activeSqlTab, sqlInView, tabs, dirty, t } = parts;
  const entries: BarEntry[] = [
    ...(analyst ? sqlTabs.map((tab) => ({ id: tab.id, title: tab.title, target: { kind: 'sqlTab' as const, id: tab.id }, panelId: SQL_PANEL_ID })) : []),
    ...tabs.documents.map((doc) => ({
      id: documentRunsKey(doc.path),
      title: `${doc.mode === 'panel' ? '▦' : '✎'} ${doc.title}${dirty(documentRunsKey(doc.path)) ? ' •' : ''}`,
      target: { kind: 'document' as const, path: doc.path },
      panelId: panelDomId(documentRunsKey(doc.path)),
    })),
    ...(analyst && tabs.auditOpen ? [{ id: 'auditoria', title: `⚖ ${t('auditTab')}`, target: { kind: 'audit' as const }, panelId: panelDomId('auditoria') }] : []),
    ...(analyst && tabs.snapshotsOpen ? [{ id: 'retratos', title: `◷ ${t('snapshotsTitle')}`, target: { kind: 'snapshots' as const }, panelId: panelDomId('retratos') }] : []),
  ];
  const targets = new Map(entries.map((entry) => [entry.id, entry.target]));
  const activeId = entries.find((entry) => (entry.target.kind === 'sqlTab' ? sqlInView && entry.target.id === activeSqlTab : isShown(tabs, entry.target)))?.id ?? null;
  return {
    entries,
    activeId,
    targetOf: (id) => targets.get(id),
    select(id) {
      const target = targets.get(id);
      if (!target) return;
      if (target.kind === 'sqlTab') {
        actions.dispatch({ type: 'show', view: { kind: 'sql' } });
        actions.setActiveSqlTab(target.id);
      } else actions.dispatch({ type: 'show', view: target });
    },
    close(id) {
      const target = targets.get(id);
      if (target?.kind === 'sqlTab') {
        actions.store.forget(target.id);
        actions.closeSqlTab(target.id);
      } else if (target?.kind === 'document') actions.closeDocument(target.path);
      else if (target?.kind === 'audit') actions.dispatch({ type: 'closeAudit' });
      else if (target?.kind === 'snapshots') actions.closeSnapshots();
    },
  };
}
