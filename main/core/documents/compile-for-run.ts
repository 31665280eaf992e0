// A cell compiled for running: its WITH prelude, and — when the panel asks for it in its front
// matter (`suprimir_contagens_pequenas`) — counts of 1 to 4 shown as "<5" (LGPD: a table of
// counts must not single out a person). The wrapper keeps column names and order, and error
// positions still map back to the file.
import { randomUUID } from 'node:crypto';
import type { ParamValue } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import { countColumnsToSuppress, suppressSmallCountsSql, type SuppressionSetting } from '../privacy/small-counts.ts';
import { compileCell, type CompiledCell } from './compile.ts';
import type { NotebookDocument, SqlCell } from './types.ts';

export const SMALL_COUNTS_KEY = 'suprimir_contagens_pequenas';

function suppressionOf(doc: NotebookDocument): SuppressionSetting | undefined {
  const value = doc.frontMatter?.data[SMALL_COUNTS_KEY];
  if (value === true) return true;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

/** `params`: the values the cell will run with (a parameterised cell is typed by running it under LIMIT 0 with them). */
export async function compileForRun(
  engine: Engine,
  doc: NotebookDocument,
  cell: SqlCell | string,
  snapshot?: string,
  params?: Record<string, ParamValue>,
): Promise<CompiledCell> {
  const compiled = compileCell(doc, cell);
  const setting = suppressionOf(doc);
  if (setting === undefined) return compiled;
  const columns = await engine.describe({ sql: compiled.sql, queryId: randomUUID(), ...(snapshot ? { snapshot } : {}), ...(params ? { params } : {}) });
  if (countColumnsToSuppress(columns, setting).length === 0) return compiled;
  const wrapped = suppressSmallCountsSql(`(\n${compiled.sql}\n) AS celula`, columns, setting);
  const shift = wrapped.indexOf(compiled.sql);
  return { ...compiled, sql: wrapped, spans: compiled.spans.map((span) => ({ ...span, compiledStart: span.compiledStart + shift })) };
}
