// Running the SQL tab: the statement under the cursor (or the whole script); one with `$name`s
// first asks their values (ParamPrompt), remembered per tab.
import { useCallback, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { SqlEditorHandle } from '../editor/SqlEditor.tsx';
import { ParamPrompt, sqlParamNames } from './ParamPrompt.tsx';
import type { QueryStore } from './query-store.ts';

interface PendingRun {
  tabId: string;
  sql: string;
  offset: number;
  names: string[];
}

export function useSqlRun(
  store: QueryStore,
  editor: RefObject<SqlEditorHandle | null>,
  activeId: string | null,
  snapshot: RefObject<string>,
): { runActive(whole: boolean): void; prompt: ReactNode } {
  const [pending, setPending] = useState<PendingRun | null>(null);
  const remembered = useRef(new Map<string, Record<string, string>>());
  const runActive = useCallback(
    (whole: boolean) => {
      const target = editor.current?.runTarget(whole);
      if (!activeId || !target || !target.sql.trim()) return;
      const names = sqlParamNames(target.sql);
      if (names.length > 0) setPending({ tabId: activeId, sql: target.sql, offset: target.offset, names });
      else void store.run(activeId, target.sql, target.offset, snapshot.current);
    },
    [activeId, store, editor, snapshot],
  );
  const prompt = pending && (
    <ParamPrompt
      names={pending.names}
      remembered={remembered.current.get(pending.tabId) ?? {}}
      onClose={() => {
        setPending(null);
        editor.current?.focus();
      }}
      onRun={(values) => {
        remembered.current.set(pending.tabId, { ...remembered.current.get(pending.tabId), ...values });
        setPending(null);
        void store.run(pending.tabId, pending.sql, pending.offset, snapshot.current, values);
        editor.current?.focus();
      }}
    />
  );
  return { runActive, prompt };
}
