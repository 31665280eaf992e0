// Query errors as editor markers, at the line and column DuckDB reported.
import type { ApiError } from '../../../main/core/api/index.ts';
import { monaco } from './monaco.ts';

const OWNER = 'mirante-query';

/** Offset of a 1-based line/column inside `text`. */
function offsetIn(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/** `sqlOffset`: where the submitted text starts in the model (a statement run on its own). */
export function showErrorMarker(model: monaco.editor.ITextModel, error: ApiError, submitted: string, sqlOffset: number): void {
  let start: monaco.IPosition;
  let end: monaco.IPosition;
  if (error.line && error.column) {
    start = model.getPositionAt(sqlOffset + offsetIn(submitted, error.line, error.column));
    const word = model.getWordAtPosition(start);
    end = word && word.startColumn === start.column ? { lineNumber: start.lineNumber, column: word.endColumn } : { lineNumber: start.lineNumber, column: start.column + 1 };
  } else {
    start = model.getPositionAt(sqlOffset);
    end = model.getPositionAt(sqlOffset + submitted.length);
  }
  monaco.editor.setModelMarkers(model, OWNER, [
    {
      severity: monaco.MarkerSeverity.Error,
      message: error.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    },
  ]);
}

export function clearErrorMarkers(model: monaco.editor.ITextModel): void {
  monaco.editor.setModelMarkers(model, OWNER, []);
}

export function markersOf(model: monaco.editor.ITextModel | null): monaco.editor.IMarker[] {
  return model ? monaco.editor.getModelMarkers({ resource: model.uri, owner: OWNER }) : [];
}
