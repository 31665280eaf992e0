// Snapshots on disk: `<data dir>/snapshots/<YYYY-MM-DD>/<table>.parquet`, or a folder of
// Parquet files per table. Each snapshot gets a schema named after its date.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import type { SnapshotInfo } from '../api/index.ts';

export interface SnapshotTable {
  name: string;
  /** What read_parquet reads: one file, or `<folder>/*.parquet`. */
  source: string;
}

export interface SnapshotLayout {
  date: string;
  schema: string;
  directory: string;
  tables: SnapshotTable[];
}

const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
// Table names become SQL identifiers: plain snake_case only.
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

export function snapshotsRoot(dataDir: string): string {
  return path.join(dataDir, 'snapshots');
}

export function schemaForDate(date: string): string {
  return `s_${date.replaceAll('-', '_')}`;
}

function isCalendarDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

async function tablesIn(directory: string): Promise<SnapshotTable[]> {
  const tables: SnapshotTable[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.parquet')) {
      const name = entry.name.slice(0, -'.parquet'.length);
      if (TABLE_NAME.test(name)) tables.push({ name, source: path.join(directory, entry.name) });
    } else if (entry.isDirectory() && TABLE_NAME.test(entry.name)) {
      const folder = path.join(directory, entry.name);
      const files = await readdir(folder);
      if (files.some((file) => file.endsWith('.parquet'))) {
        tables.push({ name: entry.name, source: path.join(folder, '*.parquet') });
      }
    }
  }
  return tables.sort((a, b) => a.name.localeCompare(b.name));
}

/** The snapshots of a data dir, ascending by date; an error if there is none. */
export async function discoverSnapshots(dataDir: string): Promise<SnapshotLayout[]> {
  const root = snapshotsRoot(dataDir);
  const entries = await readdir(root, { withFileTypes: true }).catch(() => {
    throw new WorkbenchError({ code: 'not_found', message: `Pasta de snapshots não encontrada: ${root}` });
  });
  const snapshots: SnapshotLayout[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !DATE_FOLDER.test(entry.name) || !isCalendarDate(entry.name)) continue;
    const directory = path.join(root, entry.name);
    const tables = await tablesIn(directory);
    if (tables.length > 0) snapshots.push({ date: entry.name, schema: schemaForDate(entry.name), directory, tables });
  }
  if (snapshots.length === 0) {
    throw new WorkbenchError({ code: 'not_found', message: `Nenhum snapshot com tabelas Parquet em ${root}` });
  }
  return snapshots.sort((a, b) => a.date.localeCompare(b.date));
}

export function toSnapshotInfo(layout: SnapshotLayout): SnapshotInfo {
  return { date: layout.date, schema: layout.schema, tables: layout.tables.map((table) => table.name) };
}

/** The snapshot of that date (default: the newest), or a `not_found` error. */
export function chooseSnapshot(snapshots: readonly SnapshotLayout[], date: string | undefined): SnapshotLayout {
  const chosen = date === undefined ? snapshots.at(-1) : snapshots.find((snapshot) => snapshot.date === date);
  if (chosen === undefined) {
    const known = snapshots.map((snapshot) => snapshot.date).join(', ');
    throw new WorkbenchError({ code: 'not_found', message: `Snapshot ${date ?? ''} não encontrado; disponíveis: ${known}.` });
  }
  return chosen;
}
