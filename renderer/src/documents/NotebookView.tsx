// Notebook mode: cells down the page, each SQL cell with its editor and result under it.
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { cellSourceLine } from '../../../main/core/documents/serialize.ts';
import type { QueryStore } from '../app/query-store.ts';
import { useLocale } from '../i18n/i18n.ts';
import { resultOf, runKey, runMany, startCell } from './cell-runs.ts';
import { chartSource, deleteCell, duplicateCell, freeName, insertCell, moveCell, setName, sqlCellsOf, staleCells, updateSource, type NewCell } from './doc-edit.ts';
import type { DocumentHandle } from './use-document.ts';
import { NotebookCell, type CellActions } from './NotebookCell.tsx';
import type { ParamValues } from './ParamBar.tsx';
import { isKpiResult } from './KpiTiles.tsx';
import { KpisDialog } from './KpisDialog.tsx';
import { ParamsDialog } from './ParamsDialog.tsx';

interface Props {
  store: QueryStore;
  tabKey: string;
  path: string;
  handle: DocumentHandle;
  params: ParamValues;
  snapshot: string;
  theme: 'light' | 'dark';
  onToast(message: string): void;
  onSave(): void;
  onSaveAs(): void;
}

export function NotebookView({ store, tabKey, path, handle, params, snapshot, theme, onToast, onSave, onSaveAs }: Props) {
  const { t } = useLocale();
  useSyncExternalStore(store.subscribe, () => store.version);
  const doc = handle.doc!;
  const [stale, setStale] = useState<Set<string>>(new Set());
  const [form, setForm] = useState<'params' | 'kpis' | null>(null);
  const named = useMemo(() => sqlCellsOf(doc).flatMap((c) => (c.name ? [c.name] : [])), [doc]);
  const runOf = (cellId: string) => store.runOf(runKey(tabKey, cellId));
  const { edit } = handle;

  const runCells = useCallback(
    async (ids: string[]) => {
      const current = handle.current();
      if (!current) return;
      setStale((previous) => new Set([...previous].filter((id) => !ids.includes(id))));
      await runMany(store, tabKey, ids.map((cellId) => ({ doc: current, path, cellId, params, snapshot })), 1);
    },
    [handle, store, tabKey, path, params, snapshot],
  );

  // The numbers of the one-row results run here: what the KPI form offers.
  const kpiColumns = sqlCellsOf(doc).flatMap((cell) => {
    const statement = resultOf(runOf(cell.id));
    return isKpiResult(statement) ? (statement?.columns.map((c) => c.name) ?? []) : [];
  });

  const runAll = () => void runCells(sqlCellsOf(doc).map((c) => c.id));

  const add = (init: NewCell) => {
    let inserted = '';
    edit((d) => {
      const result = insertCell(d, d.cells.length, init);
      inserted = result.id;
      return result.doc;
    });
    return inserted;
  };

  const addChart = () => {
    const target = [...sqlCellsOf(doc)].reverse().find((c) => c.name);
    if (!target?.name) return onToast(t('chartNoTarget'));
    const columns = resultOf(runOf(target.id))?.columns ?? [];
    const text = columns.find((c) => !/INT|DECIMAL|DOUBLE|FLOAT/i.test(c.type))?.name ?? columns[0]?.name;
    const number = columns.find((c) => /INT|DECIMAL|DOUBLE|FLOAT/i.test(c.type))?.name;
    add({ kind: 'chart', target: target.name, source: chartSource({ mark: 'barY', x: text, y: number }) });
  };

  const actionsFor = (cellId: string, index: number): CellActions => ({
    source: (text) => {
      edit((d) => {
        const next = updateSource(d, cellId, text);
        const dependents = staleCells(next, cellId);
        if (dependents.length) setStale((previous) => new Set([...previous, ...dependents]));
        return next;
      });
    },
    rename: (name) => {
      try {
        edit((d) => setName(d, cellId, name));
      } catch {
        onToast(t('invalidName'));
      }
    },
    run: () => void startCell(store, tabKey, { doc: handle.current() ?? doc, path, cellId, params, snapshot }).then(() => setStale((previous) => {
      const next = new Set(previous);
      next.delete(cellId);
      return next;
    })),
    move: (delta) => edit((d) => moveCell(d, cellId, index + delta)),
    duplicate: () => edit((d) => duplicateCell(d, cellId)),
    remove: () => edit((d) => deleteCell(d, cellId)),
    save: onSave,
  });

  return (
    <div className="notebook" data-testid="notebook">
      <div className="nb-toolbar">
        <button className="primary" data-testid="run-all-cells" onClick={runAll}>
          <span aria-hidden>▶</span> {t('runAll')}
        </button>
        <button data-testid="add-sql" onClick={() => add({ kind: 'sql', name: freeName(doc, `consulta_${sqlCellsOf(doc).length + 1}`), source: '' })}>
          {t('addSql')}
        </button>
        <button data-testid="add-markdown" onClick={() => add({ kind: 'markdown', source: '' })}>
          {t('addMarkdown')}
        </button>
        <button data-testid="add-chart" onClick={addChart}>
          {t('addChart')}
        </button>
        <button data-testid="edit-params" onClick={() => setForm('params')}>
          {t('editParams')}
        </button>
        <button data-testid="edit-kpis" onClick={() => setForm('kpis')}>
          {t('editKpis')}
        </button>
        <span className="toolbar-spacer" />
        <button data-testid="save-document" disabled={!handle.dirty} onClick={onSave}>
          {t('save')}
        </button>
        <button data-testid="save-as" onClick={onSaveAs}>
          {t('saveAs')}
        </button>
        <span className="toolbar-hint">Ctrl+Enter · Ctrl+S</span>
      </div>
      {doc.cells.map((cell, index) => {
        const target = cell.kind === 'chart' ? sqlCellsOf(doc).find((c) => c.name === cell.target) : undefined;
        return (
          <NotebookCell
            key={`${handle.generation}:${cell.id}`}
           
            cell={cell}
            index={index}
            count={doc.cells.length}
            run={runOf(cell.id)}
            targetRun={target ? runOf(target.id) : null}
            targets={named}
            sourceLine={cellSourceLine(doc, cell.id)}
            stale={stale.has(cell.id)}
            theme={theme}
            fileName={`${path.replace(/\.\w+$/, '')}-${cell.kind === 'chart' ? cell.target : cell.kind === 'sql' && cell.name ? cell.name : index}`}
            actions={actionsFor(cell.id, index)}
            onToast={onToast}
          />
        );
      })}
      {form === 'params' && <ParamsDialog handle={handle} onClose={() => setForm(null)} />}
      {form === 'kpis' && <KpisDialog handle={handle} columns={kpiColumns} onClose={() => setForm(null)} />}
      <div className="nb-add-row">
        <button onClick={() => add({ kind: 'sql', name: null, source: '' })}>{t('addSql')}</button>
        <button onClick={() => add({ kind: 'markdown', source: '' })}>{t('addMarkdown')}</button>
        <button onClick={addChart}>{t('addChart')}</button>
      </div>
    </div>
  );
}
