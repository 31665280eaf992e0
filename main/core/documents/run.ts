// Running a notebook's cell: compiled with its named dependencies, parameters completed from
// the specs, streamed as Arrow through the runner like any query; errors located in the file.
import { randomUUID } from 'node:crypto';
import type { ParamValue } from '../api.ts';
import { streamArrow, type ArrowStatement } from '../arrow-stream.ts';
import type { Engine } from '../engine/engine.ts';
import type { QueryRunner, QuerySource } from '../queries/query-runner.ts';
import { type CompiledCell } from './compile.ts';
import { compileForRun } from './compile-for-run.ts';
import { bindableParams } from './param-values.ts';
import { relocateError } from './positions.ts';
import type { NotebookDocument, ParamSpec } from './types.ts';

export interface RunCellOptions {
  /** Typed values (UI) keyed by parameter name; missing ones take their default or NULL. */
  params?: Record<string, ParamValue | undefined>;
  snapshot?: string;
  queryId?: string;
  timeoutMs?: number;
  /** A saved document of the queries folder (by path), or text a user typed (default). */
  source?: QuerySource;
}

export function paramSpecsOf(doc: NotebookDocument): ParamSpec[] {
  return doc.frontMatter?.params ?? [];
}

async function* relocatedBatches(doc: NotebookDocument, compiled: CompiledCell, statement: ArrowStatement): ArrowStatement['batches'] {
  try {
    yield* statement.batches;
  } catch (error) {
    throw relocateError(doc, compiled, error);
  }
}

/** Runs a SQL cell (by name or id); errors carry the line in the file and name the cell. */
export async function* runCell(
  session: { engine: Engine; runner: QueryRunner },
  doc: NotebookDocument,
  cellName: string,
  options: RunCellOptions = {},
): AsyncGenerator<ArrowStatement> {
  const compiled = await compileForRun(session.engine, doc, cellName, options.snapshot);
  const statements = streamArrow(
    session.runner.statements({
      action: 'run_panel',
      source: options.source ?? { kind: 'free' },
      sql: compiled.sql,
      params: bindableParams(paramSpecsOf(doc), options.params),
      queryId: options.queryId ?? randomUUID(),
      audit: { cell: cellName },
      ...(options.snapshot !== undefined ? { snapshot: options.snapshot } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    }),
  );
  try {
    for (;;) {
      let next: IteratorResult<ArrowStatement>;
      try {
        next = await statements.next();
      } catch (error) {
        throw relocateError(doc, compiled, error);
      }
      if (next.done) return;
      yield { ...next.value, batches: relocatedBatches(doc, compiled, next.value) };
    }
  } finally {
    await statements.return(undefined);
  }
}

/** The choices of a select/multiselect: its list, or the first column of its SQL as text. */
export async function resolveParamOptions(
  runner: QueryRunner,
  spec: ParamSpec,
  job: { snapshot?: string; queryId?: string; source: QuerySource },
): Promise<string[]> {
  if (spec.options === undefined) return [];
  if (Array.isArray(spec.options)) return [...spec.options];
  const options: string[] = [];
  const statements = runner.statements({
    action: 'param_options',
    source: job.source,
    sql: spec.options,
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
