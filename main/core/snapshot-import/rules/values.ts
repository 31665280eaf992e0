// Values outside a declared domain, and dates that cannot be: after the snapshot's own date
// (born next month), or before a date they follow (enrolled before being born, reached
// through the row's foreign key to that table). Counts are rows.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { DictionaryColumn } from '../../registry/dictionary.ts';
import type { NewFinding } from '../findings.ts';
import { exampleSql } from '../examples.ts';
import { typedTable } from '../raw-tables.ts';
import { firstRowNumbers, presentColumns } from './context.ts';
import type { Rule, RuleContext } from './context.ts';

export const domains: Rule = async (context) => {
  const findings: NewFinding[] = [];
  for (const [table, column, spec] of presentColumns(context)) {
    if (spec.domain === undefined) continue;
    const name = quotedIdentifier(column);
    const outside = `${name} IS NOT NULL AND CAST(${name} AS VARCHAR) NOT IN (${spec.domain.map((v) => quotedString(v)).join(', ')})`;
    const [count = 0] = await firstRowNumbers(context, `SELECT count(*) FROM ${typedTable(table)} WHERE ${outside}`);
    if (count === 0) continue;
    const examples = await exampleSql(context.connection, typedTable(table), column, spec, outside, spec.type);
    findings.push({ rule: 'dominio', table, column, count, examples, message: `${count} valores de ${table}.${column} fora do domínio (${spec.domain.join(', ')}).` });
  }
  return findings;
};

/** The conditions (over alias `x`) under which the date in `column` cannot be; undefined parts are skipped. */
function impossibleDate(context: RuleContext, table: string, column: string, spec: DictionaryColumn): string[] {
  const rules = spec.dates;
  if (rules === undefined) return [];
  const value = `x.${quotedIdentifier(column)}`;
  const conditions: string[] = [];
  if (rules.notAfterReference) conditions.push(`CAST(${value} AS DATE) > DATE ${quotedString(context.date)}`);
  const loaded = context.loaded.get(table);
  for (const before of rules.notBefore ?? []) {
    if (!('table' in before) || before.table === table) {
      if (!loaded?.missing.has(before.column)) conditions.push(`${value} < x.${quotedIdentifier(before.column)}`);
      continue;
    }
    const target = context.loaded.get(before.table);
    const link = [...(context.dictionary.tables.get(table)?.columns ?? [])].find(([, c]) => c.references?.table === before.table);
    if (target === undefined || target.missing.has(before.column) || link === undefined || loaded?.missing.has(link[0])) continue;
    const [linkColumn, linkSpec] = link;
    const other = `(SELECT min(y.${quotedIdentifier(before.column)}) FROM ${typedTable(before.table)} y WHERE y.${quotedIdentifier(linkSpec.references?.column as string)} = x.${quotedIdentifier(linkColumn)})`;
    conditions.push(`${value} < ${other}`);
  }
  return conditions;
}

export const impossibleDates: Rule = async (context) => {
  const findings: NewFinding[] = [];
  for (const [table, column, spec] of presentColumns(context)) {
    const conditions = impossibleDate(context, table, column, spec);
    if (conditions.length === 0) continue;
    const where = `x.${quotedIdentifier(column)} IS NOT NULL AND (${conditions.join(' OR ')})`;
    const [count = 0] = await firstRowNumbers(context, `SELECT count(*) FROM ${typedTable(table)} x WHERE ${where}`);
    if (count === 0) continue;
    const examples = await exampleSql(context.connection, `${typedTable(table)} x`, column, spec, where, spec.type);
    findings.push({ rule: 'data_impossivel', table, column, count, examples, message: `${count} datas de ${table}.${column} impossíveis (${describeDates(spec)}).` });
  }
  return findings;
};

function describeDates(spec: DictionaryColumn): string {
  const parts: string[] = [];
  if (spec.dates?.notAfterReference) parts.push('depois da data do snapshot');
  for (const before of spec.dates?.notBefore ?? []) parts.push(`antes de ${'table' in before ? `${before.table}.${before.column}` : before.column}`);
  return parts.join(' ou ');
}
