// One cell of a notebook: its header (kind, name chip, actions) and its body by kind.
import { useRef, useState } from 'react';
import type { Run } from '../app/query-store.ts';
import { ChartView } from '../charts/ChartView.tsx';
import { ExportMenu } from '../exports/ExportMenu.tsx';
import { resultExportTarget, type GridView } from '../exports/export-run.ts';
import { useLocale } from '../i18n/i18n.ts';
import { ErrorPanel } from '../results/ResultArea.tsx';
import { resultOf } from './cell-runs.ts';
import { CellEditor } from './CellEditor.tsx';
import { ChartBuilder } from './ChartBuilder.tsx';
import { chartSource, isCellName, type Cell, type ChartSpec } from './doc-edit.ts';
import { Markdown } from './Markdown.tsx';
import { CellTable } from './PanelView.tsx';

export interface CellActions {
  source(text: string): void;
  rename(name: string | null): void;
  run(): void;
  move(delta: number): void;
  duplicate(): void;
  remove(): void;
  save(): void;
}

interface Props {
  cell: Cell;
  index: number;
  count: number;
  run: Run | null;
  /** For a chart: its target's run and the named cells it may draw. */
  targetRun: Run | null;
  targets: string[];
  /** 1-based line of the cell's first source line in the file (errors are reported there). */
  sourceLine: number;
  stale: boolean;
  theme: 'light' | 'dark';
  fileName: string;
  actions: CellActions;
  onToast(message: string): void;
}

function NameChip({ name, onRename }: { name: string | null; onRename(name: string | null): void }) {
  const { t } = useLocale();
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  if (editing) {
    return (
      <input
        className={invalid ? 'name-input invalid' : 'name-input'}
        data-testid="cell-name-input"
        autoFocus
        defaultValue={name ?? ''}
        aria-label={t('cellName')}
        title={invalid ? t('invalidName') : t('cellName')}
        onBlur={(e) => {
          const value = e.target.value.trim();
          if (value && !isCellName(value)) return setInvalid(true);
          onRename(value || null);
          setEditing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
    );
  }
  return (
    <button className={name ? 'name-chip' : 'name-chip unnamed'} data-testid="cell-name" title={t('cellName')} onClick={() => setEditing(true)}>
      {name ?? t('setName')}
    </button>
  );
}

export function NotebookCell({ cell, index, count, run, targetRun, targets, sourceLine, stale, theme, fileName, actions, onToast }: Props) {
  const { t } = useLocale();
  const [editingText, setEditingText] = useState(cell.kind === 'markdown' && cell.source.trim() === '');
  const viewRef = useRef<GridView>({ sort: [], filter: [] });
  const result = resultOf(run);
  const error = run?.status === 'error' ? run.error : null;
  // An error inside this cell (not in a cell it uses) gets a marker at its place.
  const localError = error?.line && error.line >= sourceLine && error.line < sourceLine + cell.source.split('\n').length ? { ...error, line: error.line - sourceLine + 1 } : null;
  const kindLabel = cell.kind === 'sql' ? 'SQL' : cell.kind === 'chart' ? t('chartOf') : t('markdownCell');
  return (
    <article className={`nb-cell nb-${cell.kind}${stale ? ' stale' : ''}`} data-testid={`nb-cell-${index}`} data-kind={cell.kind}>
      <header className="nb-cell-head">
        <span className="nb-kind">{kindLabel}</span>
        {cell.kind === 'sql' && <NameChip name={cell.name} onRename={actions.rename} />}
        {cell.kind === 'chart' && <span className="name-chip ref">{cell.target}</span>}
        {stale && <span className="stale-badge" data-testid="stale-badge">{t('stale')}</span>}
        {run?.status === 'running' && <span className="spinner small" aria-hidden />}
        <span className="toolbar-spacer" />
        {cell.kind === 'sql' && run && result && (
          <ExportMenu
            className="icon-text"
            disabled={run.status !== 'done'}
            defaultFileName={fileName}
            target={() => resultExportTarget(run, result, viewRef.current)}
          />
        )}
        <span className="nb-actions">
          {cell.kind === 'sql' && (
            <button className="icon-text primary-text" data-testid="cell-run" title={t('runCell')} onClick={actions.run}>
              ▶ {t('run')}
            </button>
          )}
          <button className="icon-text" title={t('moveUp')} aria-label={t('moveUp')} disabled={index === 0} onClick={() => actions.move(-1)}>
            ↑
          </button>
          <button className="icon-text" title={t('moveDown')} aria-label={t('moveDown')} disabled={index === count - 1} onClick={() => actions.move(1)}>
            ↓
          </button>
          <button className="icon-text" title={t('duplicate')} onClick={actions.duplicate}>
            {t('duplicate')}
          </button>
          <button className="icon-text danger-text" title={t('deleteCell')} onClick={actions.remove}>
            {t('deleteCell')}
          </button>
        </span>
      </header>
      {cell.kind === 'markdown' &&
        (editingText ? (
          <textarea
            className="md-editor"
            data-testid="markdown-editor"
            autoFocus
            defaultValue={cell.source}
            rows={Math.max(3, cell.source.split('\n').length + 1)}
            onChange={(e) => actions.source(e.target.value)}
            onBlur={() => setEditingText(false)}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
                e.preventDefault();
                actions.save();
              }
            }}
          />
        ) : (
          <div className="md-view" title={t('editHint')} onClick={() => setEditingText(true)}>
            {cell.source.trim() ? <Markdown source={cell.source} /> : <p className="muted">{t('emptyMarkdown')}</p>}
          </div>
        ))}
      {cell.kind === 'sql' && (
        <>
          <CellEditor cellId={cell.id} source={cell.source} theme={theme} error={localError} onChange={actions.source} onRun={actions.run} onSave={actions.save} />
          {run?.status === 'error' && <ErrorPanel run={run} />}
          <CellTable run={run} onToast={onToast} viewRef={viewRef} />
        </>
      )}
      {cell.kind === 'chart' && (
        <>
          <ChartBuilder
            spec={cell.spec ?? {}}
            target={cell.target}
            targets={targets}
            columns={resultOf(targetRun)?.columns ?? []}
            onSpec={(spec: ChartSpec) => actions.source(chartSource(spec))}
            onTarget={(name) => actions.rename(name)}
          />
          <ChartView spec={cell.spec} target={cell.target} run={targetRun} fileName={fileName} />
        </>
      )}
    </article>
  );
}
