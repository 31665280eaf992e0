import { randomUUID } from 'node:crypto';
import type { RunQueryRequest } from '../../core/api.ts';
import { Engine } from '../../core/engine/engine.ts';
import { streamArrow } from '../../core/arrow-stream.ts';
import { createTextWriter, type TextFormat } from '../../core/format/index.ts';
import { parseParams, type CommonOptions } from '../common-options.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, stdoutSink, type OutputSink } from '../output.ts';
import { writeParquet } from '../parquet-output.ts';

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
  if (format === 'parquet' && !options.out) throw new UsageError('o formato parquet precisa de --out <arquivo>');

  const engine = await Engine.open({ dataDir: options.data });
  const onSignal = () => engine.cancel(request.queryId);
  process.once('SIGINT', onSignal);
  try {
    if (format === 'parquet') await writeParquet(engine, request, options.out as string);
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

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
