import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { streamArrow, type ArrowStatement } from '../../core/arrow-stream.ts';
import type { QueryJob, QueryRunner } from '../../core/queries/query-runner.ts';
import { openQuerySession, type QuerySession } from '../../core/queries/query-session.ts';
import { createTextWriter, type TextFormat } from '../../core/format/index.ts';
import { parseParams, type CommonOptions } from '../common-options.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, prepareOutPath, stdoutSink, type OutputSink } from '../output.ts';
import { writeParquet } from '../parquet-output.ts';
import { writeXlsx } from '../../core/export/xlsx-writer.ts';
import { statementSheets, type NamedQuery } from '../../core/export/statement-sheets.ts';

/**
 * `mirante query "<sql>"`: runs a script through the same runner as the UI: the role of
 * mirante.yaml (free SQL is for analysts), the audit entry before anything runs, the time limit.
 */
export async function queryCommand(sql: string, options: CommonOptions): Promise<void> {
  if (!sql.trim()) throw new UsageError('informe a consulta SQL (use "-" para ler da entrada padrão)');
  const text = sql === '-' ? await readStdin() : sql;
  const job: QueryJob = {
    action: 'query',
    source: { kind: 'free' },
    sql: text,
    params: parseParams(options.param),
    queryId: randomUUID(),
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
  };
  const format = options.format;
  if ((format === 'parquet' || format === 'xlsx') && !options.out) throw new UsageError(`o formato ${format} precisa de --out <arquivo>`);
  const out = options.out ? await prepareOutPath(options.out, options.data) : undefined;

  await withCommandSession(options, async ({ runner, engine }) => {
    if (format === 'parquet') await writeParquet(runner, job, out as string);
    else if (format === 'xlsx') await writeXlsxFile({ runner, engine }, [{ name: 'dados', job }], out as string, { title: 'Consulta' });
    else await writeText(runner, job, format, out ? await atomicFileSink(out) : stdoutSink());
  });
}

/** Opens the session of one command, cancels its queries on Ctrl+C, and closes it whatever happens. */
export async function withCommandSession(
  options: Pick<CommonOptions, 'data' | 'tz'>,
  work: (session: QuerySession) => Promise<void>,
): Promise<void> {
  const session = await openQuerySession({ dataDir: options.data, ...(options.tz ? { timeZone: options.tz } : {}) });
  const onSignal = () => session.runner.cancelAll();
  process.once('SIGINT', onSignal);
  try {
    await work(session);
  } finally {
    process.off('SIGINT', onSignal);
    await session.close();
  }
}

export function writeText(runner: QueryRunner, job: QueryJob, format: TextFormat, sink: OutputSink): Promise<void> {
  return writeStatementsText(streamArrow(runner.statements(job)), format, sink);
}

/** Each statement's result in a text format, a blank line between them; the sink is committed only when all are written. */
export async function writeStatementsText(statements: AsyncIterable<ArrowStatement>, format: TextFormat, sink: OutputSink): Promise<void> {
  try {
    let first = true;
    for await (const statement of statements) {
      if (!first) await sink.write('\n');
      first = false;
      const writer = createTextWriter(format, statement.schema, { guardFormulas: sink.guardFormulas });
      await sink.write(writer.begin());
      let rows = 0;
      for await (const batch of statement.batches) {
        rows += batch.numRows;
        await sink.write(writer.batch(batch));
      }
      await sink.write(writer.end(rows));
    }
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** XLSX of one or more queries, each run once straight into its sheets, then "Sobre". */
export async function writeXlsxFile(
  { runner, engine }: Pick<QuerySession, 'runner' | 'engine'>,
  queries: NamedQuery[],
  out: string,
  origin: { title: string; source?: string },
): Promise<void> {
  const first = queries[0]?.job;
  await writeXlsx(statementSheets(runner, queries), {
    target: path.resolve(out),
    about: {
      ...origin,
      snapshot: first?.snapshot ?? engine.defaultSnapshot(),
      params: first?.params ?? {},
      timeZone: engine.timeZone,
      sql: queries.map((q) => ({ sheet: q.name, text: q.job.sql })),
    },
  });
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
