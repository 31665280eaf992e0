// Primary keys unique and never null; every foreign key value found in the table it names.
// Counts are rows: rows with a null key part, rows whose key another row also has (a pair
// counts 2), rows whose reference finds nothing.
import { quotedIdentifier } from '@duckdb/node-api';
import type { NewFinding } from '../findings.ts';
import { exampleSql } from '../examples.ts';
import { typedTable } from '../raw-tables.ts';
import { firstRowNumbers, presentColumns } from './context.ts';
import type { Rule } from './context.ts';

export const primaryKeys: Rule = async (context) => {
  const findings: NewFinding[] = [];
  for (const [table, loaded] of context.loaded) {
    const entry = context.dictionary.tables.get(table);
    const key = entry?.key;
    if (key === undefined || key.some((column) => loaded.missing.has(column))) continue;
    const columns = key.map((column) => quotedIdentifier(column));
    const anyNull = columns.map((column) => `${column} IS NULL`).join(' OR ');
    const [nulls = 0, duplicates = 0] = await firstRowNumbers(
      context,
      `SELECT (SELECT count(*) FROM ${typedTable(table)} WHERE ${anyNull}), ` +
        `(SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${typedTable(table)} WHERE NOT (${anyNull}) GROUP BY ${columns.join(', ')}) WHERE n > 1)`,
    );
    const keyText = key.join(', ');
    if (nulls > 0) findings.push({ rule: 'chave_nula', table, column: keyText, count: nulls, message: `${nulls} linhas de ${table} sem chave (${keyText}).` });
    if (duplicates > 0) {
      const first = key[0] as string;
      const repeated = `${quotedIdentifier(first)} IN (SELECT ${quotedIdentifier(first)} FROM ${typedTable(table)} WHERE NOT (${anyNull}) GROUP BY ALL HAVING count(*) > 1)`;
      const examples = key.length === 1 ? await exampleSql(context.connection, typedTable(table), first, entry?.columns.get(first), repeated, entry?.columns.get(first)?.type) : [];
      findings.push({ rule: 'chave_duplicada', table, column: keyText, count: duplicates, examples, message: `${duplicates} linhas de ${table} têm a chave (${keyText}) de outra linha.` });
    }
  }
  return findings;
};

export const foreignKeys: Rule = async (context) => {
  const findings: NewFinding[] = [];
  for (const [table, column, spec] of presentColumns(context)) {
    const target = spec.references;
    if (target === undefined) continue;
    // A table that could not be read is reported as such; its references are not guessed at.
    const loadedTarget = context.loaded.get(target.table);
    if (loadedTarget === undefined || loadedTarget.missing.has(target.column)) continue;
    const orphan = `${quotedIdentifier(column)} IS NOT NULL AND ${quotedIdentifier(column)} NOT IN (SELECT ${quotedIdentifier(target.column)} FROM ${typedTable(target.table)} WHERE ${quotedIdentifier(target.column)} IS NOT NULL)`;
    const [count = 0] = await firstRowNumbers(context, `SELECT count(*) FROM ${typedTable(table)} WHERE ${orphan}`);
    if (count === 0) continue;
    const examples = await exampleSql(context.connection, typedTable(table), column, spec, orphan, spec.type);
    findings.push({ rule: 'chave_estrangeira_orfa', table, column, count, examples, message: `${count} linhas de ${table} apontam em ${column} para ${target.table}.${target.column} inexistente.` });
  }
  return findings;
};
