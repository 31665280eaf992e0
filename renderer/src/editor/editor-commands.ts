import type * as Monaco from 'monaco-editor';

let editorsMade = 0;

/**
 * Binds keys to one editor only. Monaco's `addCommand` registers in the one keybinding service
 * all editors share, so the editor made last answers a key pressed in any other (Ctrl+Enter in
 * the SQL tab ran a notebook cell: microsoft/monaco-editor#2947). A context key that only this
 * editor's scoped context holds restricts each binding to it.
 */
export function editorKeys(editor: Monaco.editor.IStandaloneCodeEditor): (keybinding: number, handler: () => void) => void {
  editorsMade += 1;
  const only = `miranteEditor${editorsMade}`;
  editor.createContextKey(only, true);
  return (keybinding, handler) => {
    editor.addCommand(keybinding, handler, only);
  };
}
