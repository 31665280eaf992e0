// Tabs, active tab, locale, theme, the query time limit and the time zone: restored from loadWorkspace, saved (debounced) with saveWorkspace.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorTab, WorkbenchClient, Workspace } from '../../../main/core/api/index.ts';
import { disposeModel, modelFor, onAnyModelChange, sqlOf } from '../editor/models.ts';

const SAVE_DELAY_MS = 500;

export type TabHead = Pick<EditorTab, 'id' | 'title'>;

export function newTabId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function useWorkspace(client: WorkbenchClient, initial: Workspace) {
  const [tabs, setTabs] = useState<TabHead[]>(() =>
    initial.tabs.map((tab) => {
      modelFor(tab.id, tab.sql);
      return { id: tab.id, title: tab.title };
    }),
  );
  const [activeTabId, setActiveTabId] = useState<string | null>(initial.activeTabId ?? initial.tabs[0]?.id ?? null);
  const [locale, setLocale] = useState(initial.locale);
  const [theme, setTheme] = useState(initial.theme);
  const [queryTimeoutSeconds, setQueryTimeoutSeconds] = useState(initial.queryTimeoutSeconds);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [openTabs, setOpenTabs] = useState(initial.openTabs);
  // What saveWorkspace sends: the latest of every piece, read by the debounced save.
  const latest = useRef<Workspace>(initial);
  latest.current = {
    tabs: tabs.map((tab) => ({ ...tab, sql: '' })),
    activeTabId,
    locale,
    theme,
    ...(queryTimeoutSeconds !== undefined ? { queryTimeoutSeconds } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
    ...(openTabs !== undefined ? { openTabs } : {}),
  };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = latest.current;
    await client.saveWorkspace({ ...current, tabs: current.tabs.map((tab) => ({ ...tab, sql: sqlOf(tab.id) })) });
  }, [client]);

  const scheduleSave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow().catch(() => undefined), SAVE_DELAY_MS);
  }, [saveNow]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    scheduleSave();
  }, [tabs, activeTabId, locale, theme, queryTimeoutSeconds, timeZone, openTabs, scheduleSave]);

  useEffect(() => onAnyModelChange(scheduleSave), [scheduleSave]);

  const openTab = useCallback((title: string, sql: string) => {
    const id = newTabId();
    modelFor(id, sql);
    setTabs((previous) => [...previous, { id, title }]);
    setActiveTabId(id);
    return id;
  }, []);

  const closeTab = useCallback((id: string) => {
    setTabs((previous) => {
      const index = previous.findIndex((tab) => tab.id === id);
      const next = previous.filter((tab) => tab.id !== id);
      setActiveTabId((active) => (active === id ? (next[Math.max(0, index - 1)]?.id ?? null) : active));
      return next;
    });
    disposeModel(id);
  }, []);

  const renameTab = useCallback((id: string, title: string) => {
    setTabs((previous) => previous.map((tab) => (tab.id === id ? { ...tab, title } : tab)));
  }, []);

  return { tabs, activeTabId, setActiveTabId, locale, setLocale, theme, setTheme, queryTimeoutSeconds, setQueryTimeoutSeconds, timeZone, setTimeZone, setOpenTabs, openTab, closeTab, renameTab, saveNow };
}
