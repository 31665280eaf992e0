// Snapshots published while the engine runs (`mirante snapshot import` renames a checked
// folder into place): the engine takes in new dates without a restart. A published snapshot
// never changes, so a date already known is never read again. A new folder that cannot be
// read (a truncated file) is skipped, its half-made schemas dropped, and tried again next time.
import { quotedIdentifier } from '@duckdb/node-api';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { Dictionary } from '../registry/dictionary.ts';
import { discoverSnapshots } from '../registry/snapshots.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { createSnapshotSchema } from '../registry/views.ts';
import { rawSchemaForDate } from '../privacy/masked-views.ts';

export interface PublishedSnapshots {
  /** Dates taken in, ascending. */
  added: string[];
  /** Dates found but not readable, with DuckDB's reason. */
  unreadable: { date: string; reason: string }[];
}

/** Adds to `layouts` (kept ascending) the snapshots of `dataDir` it does not have yet. */
export async function addPublishedSnapshots(
  instance: DuckDBInstance,
  dataDir: string,
  layouts: SnapshotLayout[],
  dictionary: Dictionary,
): Promise<PublishedSnapshots> {
  const found = await discoverSnapshots(dataDir).catch(() => [] as SnapshotLayout[]);
  const known = new Set(layouts.map((layout) => layout.date));
  const fresh = found.filter((layout) => !known.has(layout.date));
  const result: PublishedSnapshots = { added: [], unreadable: [] };
  if (fresh.length === 0) return result;
  const connection = await instance.connect();
  try {
    for (const layout of fresh) {
      try {
        await createSnapshotSchema(connection, layout, dictionary);
        layouts.push(layout);
        result.added.push(layout.date);
      } catch (error) {
        for (const schema of [layout.schema, rawSchemaForDate(layout.date)]) {
          await connection.run(`DROP SCHEMA IF EXISTS ${quotedIdentifier(schema)} CASCADE`);
        }
        result.unreadable.push({ date: layout.date, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    connection.closeSync();
  }
  layouts.sort((a, b) => a.date.localeCompare(b.date));
  return result;
}
