// One Monaco model per editor tab: each keeps its own text, undo stack and markers.
import { monaco } from './monaco.ts';

const models = new Map<string, monaco.editor.ITextModel>();

export function modelFor(tabId: string, initialSql = ''): monaco.editor.ITextModel {
  let model = models.get(tabId);
  if (!model) {
    model = monaco.editor.createModel(initialSql, 'sql', monaco.Uri.parse(`inmemory://mirante/tab/${encodeURIComponent(tabId)}.sql`));
    models.set(tabId, model);
  }
  return model;
}

export function sqlOf(tabId: string): string {
  return models.get(tabId)?.getValue() ?? '';
}

export function disposeModel(tabId: string): void {
  models.get(tabId)?.dispose();
  models.delete(tabId);
}

export function onAnyModelChange(listener: () => void): () => void {
  const disposable = monaco.editor.onDidCreateModel((model) => model.onDidChangeContent(listener));
  const existing = [...models.values()].map((model) => model.onDidChangeContent(listener));
  return () => {
    disposable.dispose();
    existing.forEach((d) => d.dispose());
  };
}
