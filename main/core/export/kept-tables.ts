// Kept results (the grid's rows) seen as tables to export, and a panel's named cells run
// once each into kept results (its sheets).
import type { ParamValue, ResultFilter, SortKey } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { QueryRunner, QuerySource } from '../queries/query-runner.ts';
import type { KeptResult } from '../results/kept-result.ts';
import type { ResultStore } from '../results/result-store.ts';
import { filterSql } from '../results/filter-where.ts';
import { runKept } from '../results/run-kept.ts';
import { cellJob, panelLayout, sqlCells, type NotebookDocument, type SqlCell } from '../documents/index.ts';
import type { StoredColumn } from './copy-columns.ts';
import type { KeptTable } from './kept-export.ts';

/** `filter`: the grid's; a column it names that the result lacks is refused here, before any export starts. */
export function keptTableOf(kept: KeptResult, name: string, sort?: readonly SortKey[], filter?: readonly ResultFilter[]): KeptTable {
  if (!kept.complete) {
    throw new WorkbenchError({ code: 'not_allowed', message: 'Aguarde o fim da consulta para exportar o resultado.' });
  }
  const columns: StoredColumn[] = kept.columns.map((column, i) => {
    const type = kept.columnType(i)?.type;
    if (!type) throw new WorkbenchError({ code: 'internal', message: `Coluna ${i} sem tipo.` });
    return { name: column.name, type, stored: kept.storedColumn(i) };
  });
  return {
    name,
    relation: kept.table,
    columns,
    rowCount: kept.rowCount,
    timeZone: kept.timeZone,
    ...(sort?.length ? { sort } : {}),
    ...(filter?.length ? { filter: filterSql(filter, columns) } : {}),
  };
}

/**
 * The sheets of a panel: every named SQL cell the panel shows (helper cells that only feed
 * later cells, like a base join, are not sheets); a document with none named, its only SQL cell.
 */
export function exportedCells(doc: NotebookDocument): SqlCell[] {
  const cells = sqlCells(doc);
  const named = panelLayout(doc).shown.filter((cell) => cell.name !== null);
  if (named.length > 0) return named;
  if (cells.length === 1) return cells;
  throw new WorkbenchError({ code: 'parameter', message: 'O documento não tem células SQL com nome para exportar.' });
}

export interface DocumentRun {
  doc: NotebookDocument;
  /** The saved document the text came from, or text a user typed: who may run it. */
  source: QuerySource;
  params: Record<string, ParamValue | undefined>;
  snapshot?: string;
  /** Prefix of the kept results' query ids. */
  runId: string;
  /** The export the cells run for, named in their audit entries. */
  exportId?: string;
}

/** Runs each exported cell once into a kept result; `release` frees them all. */
export async function runCellsKept(
  { engine, runner }: { engine: Engine; runner: QueryRunner },
  store: ResultStore,
  run: DocumentRun,
  signal: AbortSignal,
): Promise<{ tables: KeptTable[]; sql: { sheet: string; text: string }[]; release: () => Promise<void> }> {
  const queryIds: string[] = [];
  const release = async () => {
    for (const queryId of queryIds) await store.release(queryId);
  };
  const tables: KeptTable[] = [];
  const sql: { sheet: string; text: string }[] = [];
  try {
    for (const cell of exportedCells(run.doc)) {
      if (signal.aborted) throw new WorkbenchError({ code: 'cancelled', message: 'Exportação cancelada.' });
      const queryId = `${run.runId}-${queryIds.length}`;
      const { job, relocate } = await cellJob(engine, run.doc, cell, {
        source: run.source,
        params: run.params,
        queryId,
        ...(run.snapshot ? { snapshot: run.snapshot } : {}),
        ...(run.exportId ? { audit: { exportId: run.exportId } } : {}),
      });
      queryIds.push(queryId);
      const cancel = () => runner.cancel(queryId);
      signal.addEventListener('abort', cancel);
      try {
        await runKept(runner.statements(job), store, queryId, () => undefined);
      } catch (error) {
        throw relocate(error);
      } finally {
        signal.removeEventListener('abort', cancel);
      }
      const name = cell.name ?? run.doc.title;
      tables.push(keptTableOf(store.get({ queryId, statementIndex: 0 }), name));
      sql.push({ sheet: name, text: cell.source.trim() });
    }
    return { tables, sql, release };
  } catch (error) {
    await release();
    throw error;
  }
}
