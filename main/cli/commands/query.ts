import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RunQueryRequest } from '../../core/api.ts';
import { Engine } from '../../core/engine/engine.ts';
import { streamArrow } from '../../core/arrow-stream.ts';
import { createTextWriter, type TextFormat } from '../../core/format/index.ts';
import { parseParams, type CommonOptions } from '../common-options.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, stdoutSink, type OutputSink } from '../output.ts';
import { writeParquet } from '../parquet-output.ts';
import { writeXlsx } from '../../core/export/xlsx-writer.ts';
import { statementSheets, type NamedQuery } from '../../core/export/statement-sheets.ts';

/** `mirante query "<sql>"`: runs a script through the same engine and rules as the UI. */
export async function queryCommand(sql: string, options: CommonOptions): Promise<void> {
  if (!sql.trim()) throw new UsageError('informe a consulta SQL (use "-" para ler da entrada padrão)');
  const text = sql === '-' ? await readStdin() : sql;
  const request: RunQueryRequest & { queryId: string } = {
    sql: text,
    params: parseParams(options.param),
    queryId: randomUUID(),
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
  };
  const format = options.format;
  if ((format === 'parquet' || format === 'xlsx') && !options.out) throw new UsageError(`o formato ${format} precisa de --out <arquivo>`);

  const engine = await Engine.open({ dataDir: options.data });
  const onSignal = () => engine.cancel(request.queryId);
  process.once('SIGINT', onSignal);
  try {
    if (format === 'parquet') await writeParquet(engine, request, options.out as string);
    else if (format === 'xlsx') await writeXlsxFile(engine, [{ name: 'dados', request }], options.out as string, { title: 'Consulta' });
    else await writeText(engine, request, format, options.out ? await atomicFileSink(options.out) : stdoutSink());
  } finally {
    process.off('SIGINT', onSignal);
    await engine.close();
  }
}

export async function writeText(
  engine: Engine,
  request: RunQueryRequest & { queryId: string },
  format: TextFormat,
  sink: OutputSink,
): Promise<void> {
  try {
    let first = true;
    for await (const statement of streamArrow(engine, request)) {
      if (!first) await sink.write('\n');
      first = false;
      const writer = createTextWriter(format, statement.schema);
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
export async function writeXlsxFile(engine: Engine, queries: NamedQuery[], out: string, origin: { title: string; source?: string }): Promise<void> {
  const first = queries[0]?.request;
  await writeXlsx(statementSheets(engine, queries), {
    target: path.resolve(out),
    about: {
      ...origin,
      snapshot: first?.snapshot ?? engine.defaultSnapshot(),
      params: first?.params ?? {},
      sql: queries.map((q) => ({ sheet: q.name, text: q.request.sql })),
    },
  });
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
