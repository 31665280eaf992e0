// Monaco, bundled here with its one worker: only the editor features the workbench uses.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor-esm/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor-esm/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/dnd/browser/dnd.js';
import 'monaco-editor/editor/contrib/dropOrPasteInto/browser/dropIntoEditorContribution.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-editor/features/find/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { registerDuckdbSql } from './duckdb-language.ts';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

registerDuckdbSql(monaco);

monaco.editor.defineTheme('mirante-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '1d4ed8', fontStyle: 'bold' },
    { token: 'predefined', foreground: '7c3aed' },
    { token: 'string', foreground: 'b45309' },
    { token: 'number', foreground: '047857' },
    { token: 'comment', foreground: '6b7280', fontStyle: 'italic' },
    { token: 'operator', foreground: '475569' },
  ],
  colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f5f7fb', 'editorLineNumber.foreground': '#a3acb9' },
});
monaco.editor.defineTheme('mirante-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '7aa2ff', fontStyle: 'bold' },
    { token: 'predefined', foreground: 'c4a7ff' },
    { token: 'string', foreground: 'f0b36b' },
    { token: 'number', foreground: '6ee7b7' },
    { token: 'comment', foreground: '7b8494', fontStyle: 'italic' },
  ],
  colors: { 'editor.background': '#161a21', 'editor.lineHighlightBackground': '#1d222b', 'editorLineNumber.foreground': '#4b5563' },
});

export { monaco };
export type Monaco = typeof monaco;
