// CPF, CNPJ, CNS and NIS with check digits that do not add up, and one CPF on two rows of the
// same table (two people, for pessoa). A blank identifier is missing, not wrong. Counts are
// rows; for repeated CPFs, every row whose CPF another row also has (a pair counts 2).
import { quotedIdentifier } from '@duckdb/node-api';
import type { NewFinding } from '../findings.ts';
import { exampleSql } from '../examples.ts';
import { validCheckDigitsSql } from '../check-digits.ts';
import { isBlankSql } from '../cast-expressions.ts';
import { typedTable } from '../raw-tables.ts';
import { firstRowNumbers, presentColumns } from './context.ts';
import type { Rule } from './context.ts';

export const checkDigits: Rule = async (context) => {
  const findings: NewFinding[] = [];
  for (const [table, column, spec] of presentColumns(context)) {
    const kind = spec.checkDigits;
    if (kind === undefined) continue;
    const name = quotedIdentifier(column);
    const wrong = `NOT ${isBlankSql(name)} AND NOT ${validCheckDigitsSql(kind, name)}`;
    const [count = 0] = await firstRowNumbers(context, `SELECT count(*) FROM ${typedTable(table)} WHERE ${wrong}`);
    if (count > 0) {
      const examples = await exampleSql(context.connection, typedTable(table), column, spec, wrong);
      findings.push({ rule: 'digito_verificador', table, column, count, examples, message: `${count} valores de ${table}.${column} não são ${kind.toUpperCase()} válidos (dígitos verificadores ou tamanho).` });
    }
    if (kind !== 'cpf') continue;
    const filled = `NOT ${isBlankSql(name)}`;
    const sharedValues = `SELECT ${name} FROM ${typedTable(table)} WHERE ${filled} GROUP BY 1 HAVING count(*) > 1`;
    const [rows = 0, values = 0] = await firstRowNumbers(context, `SELECT (SELECT count(*) FROM ${typedTable(table)} WHERE ${name} IN (${sharedValues})), (SELECT count(*) FROM (${sharedValues}))`);
    if (rows > 0) {
      const examples = await exampleSql(context.connection, typedTable(table), column, spec, `${name} IN (${sharedValues})`);
      findings.push({ rule: 'cpf_repetido', table, column, count: rows, examples, message: `${rows} linhas de ${table} têm um CPF que outra linha também tem (${values} CPFs distintos).` });
    }
  }
  return findings;
};
