import type { StatementStream } from '../../main/core/engine/engine.ts';

/** Every row of every statement, as the Node client reads them (for checks, not for speed). */
export async function rowsFrom(statements: AsyncIterable<StatementStream>): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const statement of statements) {
    for await (const chunk of statement.chunks) rows.push(...(chunk.getRows() as unknown[][]));
  }
  return rows;
}
