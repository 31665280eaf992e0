// The diff's results as plain rows (text, numbers, null), to assert on.
import { JSDuckDBValueConverter } from '@duckdb/node-api';
import type { StatementStream } from '../../main/core/engine/engine.ts';

export type Plain = string | number | boolean | null;
export interface Collected {
  columns: string[];
  rows: Record<string, Plain>[];
}

function plain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(value);
}

/** A reader for diffTable that keeps every result. */
export function collector(into: Collected[]): (results: AsyncIterable<StatementStream>) => Promise<void> {
  return async (results) => {
    for await (const statement of results) {
      const columns = statement.columns.map((c) => c.name);
      const rows: Record<string, Plain>[] = [];
      for await (const chunk of statement.chunks) {
        for (const row of chunk.convertRows(JSDuckDBValueConverter)) {
          rows.push(Object.fromEntries(columns.map((name, i) => [name, plain(row[i])])));
        }
      }
      into.push({ columns, rows });
    }
  };
}
