// Tabs, active tab, locale, theme, the query time limit and the time zone: restored from loadWorkspace, saved (debounced) with saveWorkspace.
// This page owns the workspace from its load (core/session/workspace.ts): once another browser
// tab loads it, this page's saves are refused, and it stops saving until its user takes the
// workspace back ("Usar nesta aba"), so neither tab silently overwrites the other's.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorTab, WorkbenchClient, Workspace } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import { disposeModel, modelFor, onAnyModelChange, sqlOf } from '../editor/models.ts';

const SAVE_DELAY_MS = 500;

export type TabHead = Pick<EditorTab, 'id' | 'title'>;

export function newTabId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** This page's id for the workspace, new at each load of the page. */
export const PAGE_ID = newTabId();

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
  // Another page took the workspace over: saving stops until takeOver.
  const [displaced, setDisplaced] = useState(false);
  const displacedNow = useRef(false);

  /** True when saved; false when another page owns the workspace (the banner says so). */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (displacedNow.current) return false;
    const current = latest.current;
    try {
      await client.saveWorkspace({ ...current, tabs: current.tabs.map((tab) => ({ ...tab, sql: sqlOf(tab.id) })), page: PAGE_ID });
      return true;
    } catch (error) {
      if (apiErrorOf(error).code !== 'conflict') throw error;
      displacedNow.current = true;
      setDisplaced(true);
      return false;
    }
  }, [client]);

  const scheduleSave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow().catch(() => undefined), SAVE_DELAY_MS);
  }, [saveNow]);

  /** "Usar nesta aba": this page owns the workspace again, and saves what it shows. */
  const takeOver = useCallback(async () => {
    await client.loadWorkspace({ page: PAGE_ID });
    displacedNow.current = false;
    setDisplaced(false);
    await saveNow();
  }, [client, saveNow]);

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

  return { tabs, activeTabId, setActiveTabId, locale, setLocale, theme, setTheme, queryTimeoutSeconds, setQueryTimeoutSeconds, timeZone, setTimeZone, setOpenTabs, openTab, closeTab, renameTab, saveNow, displaced, takeOver };
}
