// Idle query connections, already on their snapshot's search_path. A query still gets a
// connection of its own (a statement on a connection with an open stream truncates it);
// reusing one that finished cleanly only saves the connect and the SET per query.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { useSnapshot } from '../registry/views.ts';

const MAX_IDLE_PER_SNAPSHOT = 4;

export class QueryConnections {
  private readonly idle = new Map<string, DuckDBConnection[]>();
  private closed = false;

  constructor(private readonly instance: DuckDBInstance) {}

  async acquire(snapshot: SnapshotLayout): Promise<DuckDBConnection> {
    const pooled = this.idle.get(snapshot.schema)?.pop();
    if (pooled) return pooled;
    const connection = await this.instance.connect();
    try {
      await useSnapshot(connection, snapshot);
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    return connection;
  }

  /** Only a connection whose query ran to its end goes back; an interrupted one is closed. */
  release(snapshot: SnapshotLayout, connection: DuckDBConnection, finishedCleanly: boolean): void {
    const list = this.idle.get(snapshot.schema) ?? [];
    if (!finishedCleanly || this.closed || list.length >= MAX_IDLE_PER_SNAPSHOT) {
      connection.closeSync();
      return;
    }
    list.push(connection);
    this.idle.set(snapshot.schema, list);
  }

  closeAll(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const connection of list) connection.closeSync();
    this.idle.clear();
  }
}
