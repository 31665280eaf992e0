// Drift against the newest published snapshot before this one: a table's row count, and per
// column the share of nulls and the number of distinct values, each beyond its tolerance
// (the table's `validacao.deriva`, else the root's, else the defaults). Counts are the size
// of the change: rows gained or lost, nulls gained or lost, distinct values gained or lost
// (distinct values estimated by HyperLogLog: exact counts of every column cost more than the
// rest of the import, and a tolerance of percents does not need them).
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DriftTolerances } from '../../registry/dictionary.ts';
import type { NewFinding } from '../findings.ts';
import { typedTable } from '../raw-tables.ts';
import type { Rule, RuleContext } from './context.ts';

const DEFAULT_TOLERANCES: Required<DriftTolerances> = { rows: 0.2, nulls: 0.05, distinct: 0.2 };

function tolerancesFor(context: RuleContext, table: string): Required<DriftTolerances> {
  return { ...DEFAULT_TOLERANCES, ...context.dictionary.validation?.drift, ...context.dictionary.tables.get(table)?.validation?.drift };
}

interface Profile {
  rows: number;
  nulls: Map<string, number>;
  distinct: Map<string, number>;
}

async function profile(context: RuleContext, relation: string, columns: readonly string[]): Promise<Profile> {
  const measures = columns.flatMap((column) => [`count(*) - count(${quotedIdentifier(column)})`, `approx_count_distinct(${quotedIdentifier(column)})`]);
  const reader = await context.connection.runAndReadAll(`SELECT count(*), ${measures.join(', ')} FROM ${relation}`);
  const values = (reader.getRowsJS()[0] ?? []).map(Number);
  const result: Profile = { rows: values[0] ?? 0, nulls: new Map(), distinct: new Map() };
  columns.forEach((column, index) => {
    result.nulls.set(column, values[1 + index * 2] ?? 0);
    result.distinct.set(column, values[2 + index * 2] ?? 0);
  });
  return result;
}

const relative = (before: number, after: number) => Math.abs(after - before) / Math.max(before, 1);
const percent = (share: number) => `${(share * 100).toFixed(1).replace('.', ',')}%`;

export const drift: Rule = async (context) => {
  const previous = context.previous;
  if (previous === undefined) return [];
  const findings: NewFinding[] = [];
  for (const [table, loaded] of context.loaded) {
    const before = previous.tables.find((t) => t.name === table);
    if (before === undefined) continue;
    const relation = `read_parquet(${quotedString(before.source)})`;
    const described = await context.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
    const earlier = new Set(described.getRowObjectsJS().map((row) => String(row.column_name)));
    const columns = [...(context.dictionary.tables.get(table)?.columns.keys() ?? [])].filter((c) => earlier.has(c) && !loaded.missing.has(c));
    const [old, now] = [await profile(context, relation, columns), await profile(context, typedTable(table), columns)];
    const tolerance = tolerancesFor(context, table);
    const since = `desde ${previous.date}`;
    if (relative(old.rows, now.rows) > tolerance.rows) {
      findings.push({ rule: 'deriva', table, count: Math.abs(now.rows - old.rows), message: `${table}: ${old.rows} → ${now.rows} linhas ${since} (${percent(relative(old.rows, now.rows))}, tolerância ${percent(tolerance.rows)}).` });
    }
    for (const column of columns) {
      const [nullsBefore, nullsNow] = [old.nulls.get(column) ?? 0, now.nulls.get(column) ?? 0];
      const shareChange = Math.abs(nullsNow / Math.max(now.rows, 1) - nullsBefore / Math.max(old.rows, 1));
      if (shareChange > tolerance.nulls) {
        findings.push({ rule: 'deriva', table, column, count: Math.abs(nullsNow - nullsBefore), message: `${table}.${column}: nulos de ${percent(nullsBefore / Math.max(old.rows, 1))} para ${percent(nullsNow / Math.max(now.rows, 1))} ${since} (tolerância ${percent(tolerance.nulls)}).` });
      }
      const [distinctBefore, distinctNow] = [old.distinct.get(column) ?? 0, now.distinct.get(column) ?? 0];
      if (relative(distinctBefore, distinctNow) > tolerance.distinct) {
        findings.push({ rule: 'deriva', table, column, count: Math.abs(distinctNow - distinctBefore), message: `${table}.${column}: ${distinctBefore} → ${distinctNow} valores distintos ${since} (tolerância ${percent(tolerance.distinct)}).` });
      }
    }
  }
  return findings;
};
