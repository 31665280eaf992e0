// A Monaco editor for one notebook cell: grows with its text, Ctrl+Enter runs the cell,
// Ctrl+S saves the document. Completion and the DuckDB grammar are the workbench's own.
import { useEffect, useRef } from 'react';
import type { ApiError } from '../../../main/core/api/index.ts';
import { clearErrorMarkers, showErrorMarker } from '../editor/markers.ts';
import { monaco } from '../editor/monaco.ts';
import { editorKeys } from '../editor/editor-commands.ts';
import { letEscapeThenTabLeave } from '../editor/tab-leaves.ts';
import { useLocale } from '../i18n/i18n.ts';

interface Props {
  cellId: string;
  source: string;
  theme: 'light' | 'dark';
  /** An error of the cell's last run, at a line/column inside the cell's source. */
  error: ApiError | null;
  onChange(source: string): void;
  onRun(): void;
  onSave(): void;
}

const LINE_HEIGHT = 20;

export function CellEditor({ cellId, source, theme, error, onChange, onRun, onSave }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const { t } = useLocale();
  const latest = useRef({ onChange, onRun, onSave });
  latest.current = { onChange, onRun, onSave };

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const uri = monaco.Uri.parse(`inmemory://mirante/cell/${encodeURIComponent(cellId)}.sql`);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(source, 'sql', uri);
    const created = monaco.editor.create(element, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      padding: { top: 6, bottom: 6 },
      tabSize: 2,
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, comments: false, strings: false },
      suggest: { showWords: false, selectionMode: 'whenTriggerCharacter' },
      fixedOverflowWidgets: true,
      overviewRulerLanes: 0,
      lineNumbersMinChars: 3,
      folding: false,
      scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false, horizontalScrollbarSize: 8 },
    });
    const leaving = letEscapeThenTabLeave(created, monaco.KeyCode);
    const { KeyMod, KeyCode } = monaco;
    const bind = editorKeys(created);
    bind(KeyMod.CtrlCmd | KeyCode.Enter, () => {
      created.trigger('run', 'hideSuggestWidget', null);
      latest.current.onRun();
    });
    bind(KeyMod.CtrlCmd | KeyCode.KeyS, () => latest.current.onSave());
    const fit = () => {
      element.style.height = `${Math.min(600, Math.max(created.getContentHeight(), LINE_HEIGHT * 2 + 12))}px`;
    };
    fit();
    const sizes = created.onDidContentSizeChange(fit);
    const changes = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    editor.current = created;
    return () => {
      leaving.dispose();
      sizes.dispose();
      changes.dispose();
      created.dispose();
      model.dispose();
      editor.current = null;
    };
    // The model is created once per cell; later text comes from the editor itself.
  }, [cellId]);

  useEffect(() => editor.current?.updateOptions({ ariaLabel: t('cellEditorAria') }), [t]);

  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'mirante-dark' : 'mirante-light'), [theme]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    if (error?.line) showErrorMarker(model, error, model.getValue(), 0);
    else clearErrorMarkers(model);
  }, [error]);

  return <div className="cell-editor" ref={host} data-testid="cell-editor" />;
}
