// The dictionary's import declarations must name columns that exist: a key, a foreign key's
// target, a date rule's other column (another table only through a foreign key of this one).
// Checked before any file is read, so a typo in dicionario.yaml is not mistaken for bad data.
import { WorkbenchError } from '../api/index.ts';
import type { Dictionary } from '../registry/dictionary.ts';

export function checkDeclarations(dictionary: Dictionary): void {
  const problems: string[] = [];
  const has = (table: string, column: string) => dictionary.tables.get(table)?.columns.has(column) ?? false;
  for (const [table, entry] of dictionary.tables) {
    for (const column of entry.key ?? []) if (!has(table, column)) problems.push(`${table}.chave: a coluna ${column} não existe`);
    for (const [column, spec] of entry.columns) {
      const where = `${table}.${column}`;
      if (spec.references && !has(spec.references.table, spec.references.column)) {
        problems.push(`${where}.referencia: ${spec.references.table}.${spec.references.column} não existe`);
      }
      for (const before of spec.dates?.notBefore ?? []) {
        if (!('table' in before) || before.table === table) {
          if (!has(table, before.column)) problems.push(`${where}.datas.nao_antes_de: a coluna ${before.column} não existe em ${table}`);
        } else if (!has(before.table, before.column)) {
          problems.push(`${where}.datas.nao_antes_de: ${before.table}.${before.column} não existe`);
        } else if (![...entry.columns.values()].some((c) => c.references?.table === before.table)) {
          problems.push(`${where}.datas.nao_antes_de: ${table} não tem coluna com referencia para ${before.table}`);
        }
      }
    }
  }
  if (problems.length > 0) throw new WorkbenchError({ code: 'data', message: `dicionario.yaml: declarações de importação inválidas:\n  ${problems.join('\n  ')}` });
}
