import { streamArrow } from '../../core/arrow-stream.ts';
import type { TextFormat } from '../../core/format/index.ts';
import { diffTable } from '../../core/snapshot-diff/diff.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, prepareOutPath, stdoutSink } from '../output.ts';
import { withCommandSession, writeStatementsText } from './query.ts';

export const DIFF_FORMATS = ['table', 'csv', 'csv-br', 'json'] as const satisfies readonly TextFormat[];

export interface SnapshotDiffOptions {
  data: string;
  table: string;
  from: string;
  to: string;
  /** Key columns separated by commas. */
  key?: string;
  format: (typeof DIFF_FORMATS)[number];
  out?: string;
  timeout?: number;
  tz?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `mirante snapshot diff`: the summary, the changes per column, then the rows side by side,
 * masked, in a text format; `--out` appears only when whole.
 */
export async function snapshotDiffCommand(options: SnapshotDiffOptions): Promise<void> {
  for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (!DATE.test(value)) throw new UsageError(`${flag} espera uma data AAAA-MM-DD, recebeu "${value}"`);
  }
  const key = options.key?.split(',').map((column) => column.trim()).filter((column) => column !== '');
  const out = options.out ? await prepareOutPath(options.out, options.data) : undefined;
  await withCommandSession(options, async ({ runner }) => {
    await diffTable(
      runner,
      {
        table: options.table,
        from: options.from,
        to: options.to,
        ...(key && key.length > 0 ? { key } : {}),
        ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
      },
      // The file is made only once the diff runs: a refused or failed one leaves nothing.
      async (results) => writeStatementsText(streamArrow(results), options.format, out ? await atomicFileSink(out) : stdoutSink()),
    );
  });
}
