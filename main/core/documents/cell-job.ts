// A notebook cell as a query job: compiled with its named dependencies (and small-count
// suppression when the document asks for it), its parameters completed from the document's
// specs, and a way to put an engine error back at its line in the file. Every place that runs
// a cell (the panel screen, a panel export, `mirante run`, the tests) starts here.
import { randomUUID } from 'node:crypto';
import type { ParamValue } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { AuditRecord } from '../privacy/audit-log.ts';
import type { QueryJob, QuerySource } from '../queries/query-runner.ts';
import type { CompiledCell } from './compile.ts';
import { compileForRun } from './compile-for-run.ts';
import { bindableParams } from './param-values.ts';
import { relocateError } from './positions.ts';
import { paramSpecsOf } from './param-specs.ts';
import type { NotebookDocument, SqlCell } from './types.ts';

export interface CellJobOptions {
  /** Where the document's text comes from: who may run it. */
  source: QuerySource;
  /** Typed values keyed by parameter name; missing ones take their default or NULL. */
  params?: Record<string, ParamValue | undefined>;
  snapshot?: string;
  queryId?: string;
  timeoutMs?: number;
  /** More for the audit entry (the export the cell runs for, the document path). */
  audit?: Partial<AuditRecord>;
}

export interface CellJob {
  job: QueryJob;
  compiled: CompiledCell;
  /** An engine error located in the file (line, column, the cell's name); anything else as it is. */
  relocate(error: unknown): unknown;
}

export async function cellJob(engine: Engine, doc: NotebookDocument, cell: SqlCell | string, options: CellJobOptions): Promise<CellJob> {
  const params = bindableParams(paramSpecsOf(doc), options.params ?? {});
  const compiled = await compileForRun(engine, doc, cell, options.snapshot, params);
  const name = typeof cell === 'string' ? cell : (cell.name ?? doc.title);
  const job: QueryJob = {
    action: 'run_panel',
    source: options.source,
    sql: compiled.sql,
    params,
    queryId: options.queryId ?? randomUUID(),
    audit: { ...options.audit, cell: name },
    ...(options.snapshot !== undefined ? { snapshot: options.snapshot } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  return { job, compiled, relocate: (error) => relocateError(doc, compiled, error) };
}
