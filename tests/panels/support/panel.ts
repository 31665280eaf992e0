// Runs a cell of a real panel (queries/*.md) through the document API and the engine, and
// reads its rows as text exactly as the text formats render them (decimals keep their digits).
import type { Data } from 'apache-arrow';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ParamValue } from '../../../main/core/api/index.ts';
import { parseDocument, streamCell } from '../../../main/core/documents/index.ts';
import type { NotebookDocument } from '../../../main/core/documents/index.ts';
import type { QuerySession } from '../../../main/core/queries/query-session.ts';
import { rendererFor } from '../../../main/core/format/values.ts';

export type TextRow = Record<string, string | null>;

export const PANELS = ['divida-ativa', 'primeira-infancia', 'obras', 'fila-creche', 'qualidade-cadastro'] as const;
export type PanelName = (typeof PANELS)[number];

export function panelPath(panel: PanelName): string {
  return fileURLToPath(new URL(`../../../queries/${panel}.md`, import.meta.url));
}

export async function loadPanel(panel: PanelName): Promise<NotebookDocument> {
  return parseDocument(await readFile(panelPath(panel), 'utf8'), `${panel}.md`);
}

export async function runPanelCell(
  session: Pick<QuerySession, 'engine' | 'runner'>,
  panel: PanelName,
  cell: string,
  options: { params?: Record<string, ParamValue>; snapshot?: string } = {},
): Promise<TextRow[]> {
  const doc = await loadPanel(panel);
  const rows: TextRow[] = [];
  for await (const statement of streamCell(session, doc, cell, { ...options, source: { kind: 'free' } })) {
    const fields = statement.schema.fields;
    const renderers = fields.map((field) => rendererFor(field, 'text'));
    for await (const batch of statement.batches) {
      const columns = batch.data.children as Data[];
      for (let row = 0; row < batch.numRows; row++) {
        const out: TextRow = {};
        fields.forEach((field, c) => {
          out[field.name] = renderers[c]?.(columns[c] as Data, row) ?? null;
        });
        rows.push(out);
      }
    }
  }
  return rows;
}
