// Leaving a Monaco editor with the keyboard. In an editor Tab indents, so the focus never leaves
// it; two ways out, as in VS Code: Ctrl+M (Monaco's "Toggle Tab Key Moves Focus", registered by
// importing it in monaco.ts) switches Tab to moving the focus until pressed again, and Escape
// followed at once by Tab (or Shift+Tab) moves the focus out once, leaving Tab as it was.
import type * as Monaco from 'monaco-editor';

export function letEscapeThenTabLeave(editor: Monaco.editor.IStandaloneCodeEditor, keys: typeof Monaco.KeyCode): Monaco.IDisposable {
  let armed = false;
  const disarm = () => {
    if (!armed) return;
    armed = false;
    editor.updateOptions({ tabFocusMode: false });
  };
  const onKey = editor.onKeyDown((event) => {
    if (event.keyCode === keys.Escape) {
      armed = true;
      // The editor lets this Tab go by: the browser moves the focus out.
      editor.updateOptions({ tabFocusMode: true });
    } else if (event.keyCode !== keys.Tab && event.keyCode !== keys.Shift) disarm();
  });
  const onBlur = editor.onDidBlurEditorText(disarm);
  return { dispose: () => (onKey.dispose(), onBlur.dispose()) };
}
