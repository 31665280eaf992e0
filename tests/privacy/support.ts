// Shared by the privacy tests: the REAL identifiers of a registry, read straight from its
// Parquet files with a plain DuckDB (no Mirante code in between), and scanners that look
// for any of them in text, bytes and decoded Arrow.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import type { QueryEvent } from '../../main/core/api/index.ts';
import type { Workbench } from '../../main/core/workbench.ts';

export interface RealIdentifiers {
  /** CPF, CNS and NIS digits. */
  numbers: Set<string>;
  /** Full names (nome, nome_mae, contribuinte.nome of PF). */
  names: Set<string>;
}

export async function readRealIdentifiers(dataDir: string): Promise<RealIdentifiers> {
  const root = path.join(dataDir, 'snapshots');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const numbers = new Set<string>();
  const names = new Set<string>();
  try {
    for (const date of await readdir(root)) {
      const file = (table: string) => `'${path.join(root, date, `${table}.parquet`)}'`;
      const read = async (sql: string, into: Set<string>) => {
        const rows = (await connection.runAndReadAll(sql)).getRowsJS() as [string | null][];
        for (const [value] of rows) if (value !== null && value.trim() !== '') into.add(value);
      };
      await read(`SELECT cpf FROM ${file('pessoa')} UNION SELECT cns FROM ${file('pessoa')} UNION SELECT nis FROM ${file('pessoa')}`, numbers);
      await read(`SELECT nome FROM ${file('pessoa')} UNION SELECT nome_mae FROM ${file('pessoa')}`, names);
      await read(`SELECT nome FROM ${file('contribuinte')} WHERE tipo = 'PF'`, names);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { numbers, names };
}

/** Real identifiers found in a piece of text: exact digit runs and full names. */
export function leaksInText(text: string, real: RealIdentifiers, nameSample = 400): string[] {
  const found = new Set<string>();
  for (const run of text.match(/\d{11,15}/g) ?? []) if (real.numbers.has(run)) found.add(run);
  let checked = 0;
  for (const name of real.names) {
    if (checked++ >= nameSample) break;
    if (text.includes(name)) found.add(name);
  }
  return [...found];
}

/** Every string cell of a decoded Arrow table that is a real identifier. */
export function leaksInTable(table: Table, real: RealIdentifiers): string[] {
  const found: string[] = [];
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name);
    if (!column) continue;
    for (const value of column.toArray() as unknown[]) {
      if (typeof value !== 'string') continue;
      if (real.numbers.has(value.replace(/\D/g, '')) || real.names.has(value)) found.push(value);
    }
  }
  return found;
}

export function tsvOf(table: Table): string {
  const names = table.schema.fields.map((f) => f.name);
  const lines = [names.join('\t')];
  for (const row of table.toArray() as Record<string, unknown>[]) lines.push(names.map((n) => String(row[n] ?? '')).join('\t'));
  return lines.join('\n');
}

/** Starts a query (or any call returning a queryId) and gathers its events until `finished`. */
export async function collect(
  workbench: Workbench,
  start: (queryId: string) => Promise<{ queryId: string }>,
): Promise<{ queryId: string; events: QueryEvent[] }> {
  const seen: QueryEvent[] = [];
  const waiters = new Set<() => void>();
  const off = workbench.onQueryEvent((event) => {
    seen.push(event);
    for (const wake of waiters) wake();
  });
  try {
    const { queryId } = await start(randomUUID());
    const done = () => seen.some((e) => e.queryId === queryId && e.kind === 'finished');
    while (!done()) await new Promise<void>((resolve) => waiters.add(resolve)).finally(() => waiters.clear());
    return { queryId, events: seen.filter((e) => e.queryId === queryId) };
  } finally {
    off();
  }
}
