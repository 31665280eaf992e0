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
// Ctrl+M: Tab moves the focus out of the editor instead of indenting (editor/tab-leaves.ts).
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { registerDuckdbSql } from './duckdb-language.ts';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

registerDuckdbSql(monaco);

interface Palette {
  keyword: string;
  predefined: string;
  string: string;
  number: string;
  comment: string;
  operator?: string;
  background: string;
  lineHighlight: string;
  lineNumber: string;
}

function defineTheme(name: string, base: 'vs' | 'vs-dark', palette: Palette): void {
  const rules: monaco.editor.ITokenThemeRule[] = [
    { token: 'keyword', foreground: palette.keyword, fontStyle: 'bold' },
    { token: 'predefined', foreground: palette.predefined },
    { token: 'string', foreground: palette.string },
    // The base themes colour SQL strings pure red (#ff0000, 4:1 on white): ours instead.
    { token: 'string.sql', foreground: palette.string },
    { token: 'number', foreground: palette.number },
    { token: 'comment', foreground: palette.comment, fontStyle: 'italic' },
    ...(palette.operator ? [{ token: 'operator', foreground: palette.operator }] : []),
  ];
  const colors = { 'editor.background': palette.background, 'editor.lineHighlightBackground': palette.lineHighlight, 'editorLineNumber.foreground': palette.lineNumber };
  monaco.editor.defineTheme(name, { base, inherit: true, rules, colors });
}

defineTheme('mirante-light', 'vs', {
  keyword: '1d4ed8', predefined: '7c3aed', string: 'b45309', number: '047857', comment: '6b7280', operator: '475569',
  background: '#ffffff', lineHighlight: '#f5f7fb', lineNumber: '#a3acb9',
});
defineTheme('mirante-dark', 'vs-dark', {
  keyword: '7aa2ff', predefined: 'c4a7ff', string: 'f0b36b', number: '6ee7b7', comment: '8b94a3',
  background: '#161a21', lineHighlight: '#1d222b', lineNumber: '#4b5563',
});

export { monaco };
export type Monaco = typeof monaco;
