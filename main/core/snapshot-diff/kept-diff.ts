// A snapshot diff for the UI: its three results (summary, changes per column, rows side by side)
// kept like a query's, so the grid pages, sorts and exports them. Columns of the rows carry the
// privacy class of the table's column they show (`cpf_antes` is an identifier as `cpf` is), so
// exporting them asks for a purpose as any personal data does.
import { randomUUID } from 'node:crypto';
import type { DiffSnapshotsRequest, PrivacyClass } from '../api/index.ts';
import type { KeptQueries } from '../queries/kept-queries.ts';
import type { QueryRunner } from '../queries/query-runner.ts';
import type { ColumnClasses } from '../privacy/result-privacy.ts';
import { diffTable } from './diff.ts';

/** Result 2 (the rows): each column of the table, before and after, with its class. */
function rowClasses(runner: QueryRunner, table: string): ColumnClasses[] {
  const classes: ColumnClasses = new Map();
  for (const [column, entry] of runner.engine.dataDictionary.tables.get(table)?.columns ?? []) {
    const privacy: PrivacyClass | undefined = entry.privacy;
    if (privacy === undefined) continue;
    for (const name of [column, `${column}_antes`, `${column}_depois`]) classes.set(name, privacy);
  }
  return [new Map(), new Map(), classes];
}

export function startKeptDiff(runner: QueryRunner, queries: KeptQueries, request: DiffSnapshotsRequest): { queryId: string } {
  // Refused at once (a role without it), before anything is started or logged.
  runner.check({ action: 'profile', source: { kind: 'free' } });
  const queryId = request.queryId ?? randomUUID();
  const diff = { ...request, queryId, ...(request.key ? { key: [...request.key] } : {}) };
  return queries.startKept(queryId, (keep) => diffTable(runner, diff, keep), rowClasses(runner, request.table));
}
