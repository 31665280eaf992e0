// Autocomplete from the core: catalog names with type and description, functions, keywords.
import type { CompletionKind, WorkbenchClient } from '../../../main/core/api/index.ts';
import { monaco } from './monaco.ts';

const KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  table: monaco.languages.CompletionItemKind.Struct,
  column: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  keyword: monaco.languages.CompletionItemKind.Keyword,
  schema: monaco.languages.CompletionItemKind.Module,
};

// Tables and columns first, then functions, then keywords.
const ORDER: Record<CompletionKind, string> = { column: '0', table: '1', schema: '2', function: '3', keyword: '4' };

export function registerCompletion(client: WorkbenchClient, snapshot: () => string | undefined): monaco.IDisposable {
  return monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    async provideCompletionItems(model, position) {
      const sql = model.getValue();
      const cursor = model.getOffsetAt(position);
      const result = await client.complete({ sql, cursor, snapshot: snapshot() });
      const from = model.getPositionAt(Math.min(result.replaceFrom, cursor));
      const range = new monaco.Range(from.lineNumber, from.column, position.lineNumber, position.column);
      return {
        suggestions: result.items.map((item, index) => ({
          label: item.privacy ? { label: item.label, description: item.privacy } : item.label,
          kind: KINDS[item.kind] ?? monaco.languages.CompletionItemKind.Text,
          insertText: item.label,
          detail: item.detail,
          documentation: item.documentation,
          range,
          sortText: `${ORDER[item.kind] ?? '9'}${String(index).padStart(5, '0')}`,
        })),
      };
    },
  });
}
