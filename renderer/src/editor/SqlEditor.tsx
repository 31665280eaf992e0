import { useEffect, useImperativeHandle, useRef, type DragEvent, type Ref } from 'react';
import { format } from 'sql-formatter';
import { monaco } from './monaco.ts';
import { modelFor } from './models.ts';
import { editorKeys } from './editor-commands.ts';
import { letEscapeThenTabLeave } from './tab-leaves.ts';
import { statementAt } from '../../../main/core/sql/lexer.ts';

export interface RunTarget {
  sql: string;
  /** Where `sql` starts in the tab's text. */
  offset: number;
}

export interface SqlEditorHandle {
  insertText(text: string): void;
  /** The selection, else the statement under the cursor; or the whole script. */
  runTarget(whole: boolean): RunTarget | null;
  formatSql(): void;
  focus(): void;
  model(): monaco.editor.ITextModel | null;
}

export interface EditorCommands {
  run(whole: boolean): void;
  save(): void;
  palette(): void;
}

interface Props {
  tabId: string;
  theme: 'light' | 'dark';
  commands: EditorCommands;
  handle: Ref<SqlEditorHandle>;
  placeholder: string;
  /** The editor's accessible name (with its keys). */
  ariaLabel: string;
}

export function SqlEditor({ tabId, theme, commands, handle, placeholder, ariaLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(commands);
  latest.current = commands;

  useEffect(() => {
    if (!host.current) return;
    const created = monaco.editor.create(host.current, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 20,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      padding: { top: 8, bottom: 8 },
      tabSize: 2,
      wordBasedSuggestions: 'off',
      quickSuggestions: { other: true, comments: false, strings: false },
      // A list that pops up while typing has nothing chosen, so Enter is a new line (it took
      // "pivot" for the alias in "from pessoa p"); Down or Ctrl+Space chooses, and after a "."
      // the first column is chosen.
      suggest: { showWords: false, preview: true, selectionMode: 'whenTriggerCharacter' },
      fixedOverflowWidgets: true,
      // Names dragged from the catalog are dropped by our own handler (plain text, at the drop point).
      dropIntoEditor: { enabled: false },
      placeholder,
      overviewRulerLanes: 1,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    });
    const { KeyMod, KeyCode } = monaco;
    const bind = editorKeys(created);
    const run = (whole: boolean) => {
      created.trigger('run', 'hideSuggestWidget', null);
      latest.current.run(whole);
    };
    bind(KeyMod.CtrlCmd | KeyCode.Enter, () => run(false));
    bind(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.Enter, () => run(true));
    bind(KeyMod.CtrlCmd | KeyCode.KeyS, () => latest.current.save());
    bind(KeyMod.CtrlCmd | KeyCode.KeyK, () => latest.current.palette());
    bind(KeyMod.Shift | KeyMod.Alt | KeyCode.KeyF, () => formatModel(created));
    const leaving = letEscapeThenTabLeave(created, KeyCode);
    editor.current = created;
    return () => {
      leaving.dispose();
      created.dispose();
      editor.current = null;
    };
  }, [placeholder]);

  useEffect(() => editor.current?.updateOptions({ ariaLabel }), [ariaLabel]);

  // A tab the user switches to takes the focus; not the first one at start-up, where the focus
  // would land in an editor whose Tab indents, before the window's skip links.
  const shownBefore = useRef(false);
  useEffect(() => {
    const current = editor.current;
    if (!current) return;
    current.setModel(modelFor(tabId));
    if (shownBefore.current) current.focus();
    shownBefore.current = true;
  }, [tabId]);

  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'mirante-dark' : 'mirante-light'), [theme]);

  useImperativeHandle(handle, () => ({
    insertText(text) {
      const current = editor.current;
      const selection = current?.getSelection();
      if (!current || !selection) return;
      current.executeEdits('catalog', [{ range: selection, text: spacedFor(current, selection, text), forceMoveMarkers: true }]);
      current.focus();
    },
    runTarget(whole) {
      const current = editor.current;
      const model = current?.getModel();
      if (!current || !model) return null;
      const text = model.getValue();
      const selection = current.getSelection();
      if (!whole && selection && !selection.isEmpty()) {
        return { sql: model.getValueInRange(selection), offset: model.getOffsetAt(selection.getStartPosition()) };
      }
      if (whole) return text.trim() ? { sql: text, offset: 0 } : null;
      const span = statementAt(text, model.getOffsetAt(current.getPosition() ?? { lineNumber: 1, column: 1 }));
      return span ? { sql: text.slice(span.start, span.end), offset: span.start } : null;
    },
    formatSql: () => editor.current && formatModel(editor.current),
    focus: () => editor.current?.focus(),
    model: () => editor.current?.getModel() ?? null,
  }));

  const onDrop = (event: DragEvent) => {
    const text = event.dataTransfer.getData('text/plain');
    const current = editor.current;
    if (!text || !current) return;
    event.preventDefault();
    const target = current.getTargetAtClientPoint(event.clientX, event.clientY);
    const position = target?.position ?? current.getPosition();
    if (!position) return;
    const range = new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column);
    current.executeEdits('catalog-drop', [{ range, text, forceMoveMarkers: true }]);
    current.setPosition({ lineNumber: position.lineNumber, column: position.column + text.length });
    current.focus();
  };

  return (
    <div
      className="editor-host"
      data-testid="editor"
      ref={host}
      onDragOverCapture={(event) => {
        if (event.dataTransfer.types.includes('text/plain')) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDropCapture={onDrop}
    />
  );
}

function formatModel(current: monaco.editor.IStandaloneCodeEditor): void {
  const model = current.getModel();
  if (!model) return;
  try {
    const formatted = format(model.getValue(), { language: 'duckdb', tabWidth: 2, keywordCase: 'lower' });
    current.executeEdits('format', [{ range: model.getFullModelRange(), text: formatted }]);
    current.pushUndoStop();
  } catch {
    // Text the formatter cannot parse stays as the user wrote it.
  }
}

/** A name inserted from the catalog, with a space on a side where it would touch a word ("pessoaselect"). */
function spacedFor(editor: monaco.editor.IStandaloneCodeEditor, range: monaco.IRange, text: string): string {
  const model = editor.getModel();
  if (!model) return text;
  const before = model.getValueInRange({ startLineNumber: range.startLineNumber, startColumn: Math.max(1, range.startColumn - 1), endLineNumber: range.startLineNumber, endColumn: range.startColumn });
  const after = model.getValueInRange({ startLineNumber: range.endLineNumber, startColumn: range.endColumn, endLineNumber: range.endLineNumber, endColumn: range.endColumn + 1 });
  const touches = (char: string) => char !== '' && !/[\s(),.;]/.test(char);
  return `${touches(before) ? ' ' : ''}${text}${touches(after) ? ' ' : ''}`;
}
