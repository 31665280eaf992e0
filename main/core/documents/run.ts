// A notebook's cell streamed as Arrow through the runner (the command line and the tests read
// a cell this way), and the choices of a select parameter.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../api/index.ts';
import { streamArrow, type ArrowStatement } from '../arrow-stream.ts';
import type { Engine } from '../engine/engine.ts';
import type { QueryRunner, QuerySource } from '../queries/query-runner.ts';
import { cellJob, type CellJobOptions } from './cell-job.ts';
import type { NotebookDocument, ParamSpec, SavedQueryOptions } from './types.ts';

async function* relocatedBatches(relocate: (error: unknown) => unknown, statement: ArrowStatement): ArrowStatement['batches'] {
  try {
    yield* statement.batches;
  } catch (error) {
    throw relocate(error);
  }
}

/** A SQL cell's statements as Arrow, through the runner; errors carry the line in the file and name the cell. */
export async function* streamCell(
  session: { engine: Engine; runner: QueryRunner },
  doc: NotebookDocument,
  cell: string,
  options: CellJobOptions,
): AsyncGenerator<ArrowStatement> {
  const { job, relocate } = await cellJob(session.engine, doc, cell, options);
  const statements = streamArrow(session.runner.statements(job));
  try {
    for (;;) {
      let next: IteratorResult<ArrowStatement>;
      try {
        next = await statements.next();
      } catch (error) {
        throw relocate(error);
      }
      if (next.done) return;
      yield { ...next.value, batches: relocatedBatches(relocate, next.value) };
    }
  } finally {
    await statements.return(undefined);
  }
}

/** The SQL of a parameter's options, and as what it runs: the document's own text, or a saved query. */
async function optionsQuery(
  name: string,
  options: string | SavedQueryOptions,
  job: { source: QuerySource; readSaved?: (path: string) => Promise<string> },
): Promise<{ sql: string; source: QuerySource }> {
  if (typeof options === 'string') return { sql: options, source: job.source };
  const saved = options.consulta;
  if (job.readSaved === undefined) {
    throw new WorkbenchError({ code: 'not_found', message: `As opções de ${name} vêm da consulta salva ${saved}, que não está disponível aqui.` });
  }
  return { sql: await job.readSaved(saved), source: { kind: 'saved', document: saved } };
}

/**
 * The choices of a select/multiselect: its list, or the first column of its SQL as text, or of
 * the saved query it names, read by `readSaved` from the queries folder and run as that saved
 * document (which every role may run).
 */
export async function resolveParamOptions(
  runner: QueryRunner,
  spec: ParamSpec,
  job: { snapshot?: string; queryId?: string; source: QuerySource; readSaved?: (path: string) => Promise<string> },
): Promise<string[]> {
  if (spec.options === undefined) return [];
  if (Array.isArray(spec.options)) return [...spec.options];
  const { sql, source } = await optionsQuery(spec.name, spec.options, job);
  const options: string[] = [];
  const statements = runner.statements({
    action: 'param_options',
    source,
    sql,
    queryId: job.queryId ?? randomUUID(),
    audit: { cell: `params.${spec.name}` },
    ...(job.snapshot !== undefined ? { snapshot: job.snapshot } : {}),
  });
  // The first statement's first column; later statements (rare) run to their end unread.
  for await (const statement of statements) {
    for await (const chunk of statement.chunks) {
      if (statement.statementIndex > 0) continue;
      for (const value of chunk.getColumnValues(0)) if (value !== null) options.push(String(value));
    }
  }
  return options;
}
