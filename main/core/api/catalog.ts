// What the registry holds: its dated snapshots, their tables and columns with the data
// dictionary's descriptions and privacy classes, and the workbench's own facts.
import type { Role } from './session.ts';

export type PrivacyClass = 'identificador' | 'sensivel' | 'crianca' | 'publico';

/** A dated snapshot of the registry: `<data dir>/snapshots/<date>/`. */
export interface SnapshotInfo {
  /** ISO date, YYYY-MM-DD: also the reference date of every panel over it. */
  date: string;
  /** The schema that holds this snapshot's views, e.g. `s_2026_10_31`. */
  schema: string;
  tables: string[];
}

export interface ColumnInfo {
  name: string;
  /** DuckDB SQL type, e.g. `DECIMAL(14,2)`. */
  type: string;
  description?: string;
  owner?: string;
  privacy?: PrivacyClass;
}

export interface TableInfo {
  name: string;
  rowCount: number;
  description?: string;
  columns: ColumnInfo[];
}

export interface WorkbenchInfo {
  version: string;
  duckdbVersion: string;
  dataDir: string;
  snapshots: SnapshotInfo[];
  /** The snapshot the unqualified views point at (the newest). */
  defaultSnapshot: string;
  /** What this user may do: the UI hides what the role cannot use (the core refuses it anyway). */
  role: Role;
  /** The OS user the role and the audit log refer to. */
  user: string;
  /** The IANA zone TIMESTAMPTZ values are computed and shown in, for this run of the workbench. */
  timeZone: string;
}
