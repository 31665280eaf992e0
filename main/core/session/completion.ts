// Completion: DuckDB's own sql_auto_complete for the grammar (keywords, functions, names in
// scope), enriched with what the catalog and the data dictionary know about each name.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompletionItem, CompletionKind, CompletionResult, TableInfo } from '../api/index.ts';
import { isAllowedTableFunction, isAppSchema } from '../engine/reference-gate.ts';
import { isRawSchema } from '../privacy/masked-views.ts';

const MAX_ITEMS = 80;

const KIND_BY_DUCKDB_TYPE: Record<string, CompletionKind> = {
  table: 'table',
  column: 'column',
  schema: 'schema',
  catalog: 'schema',
  keyword: 'keyword',
  scalar_function: 'function',
  table_function: 'function',
  aggregate_function: 'function',
};

// App-made relations (kept results, the masking key's table) are not the user's business in
// completion, nor is what the sandbox refuses (file readers, the raw and app schemas), nor
// PostgreSQL's compatibility catalog (pg_class, pg_get_viewdef...), which only crowds the list.
const INTERNAL_TABLE = /^(r\d+(_ordenado)?|chave_mascara)$/;
const POSTGRES_COMPATIBILITY = /^pg_/;

/** The masking key's column: offered only where a registry table has a column of that name. */
const INTERNAL_COLUMNS = new Set(['chave']);

function offered(label: string, type: string, catalog: readonly TableInfo[]): boolean {
  if (POSTGRES_COMPATIBILITY.test(label)) return false;
  if (type === 'table') return !INTERNAL_TABLE.test(label);
  if (type === 'column' && INTERNAL_COLUMNS.has(label)) return catalog.some((t) => t.columns.some((c) => c.name === label));
  if (type === 'table_function') return isAllowedTableFunction(label);
  if (type === 'schema' || type === 'catalog') {
    const name = label.replace(/\.$/, '');
    return !isAppSchema(name) && !isRawSchema(name);
  }
  return true;
}

function utf8PrefixLength(text: string, bytes: number): number {
  return Buffer.from(text).subarray(0, bytes).toString().length;
}

export async function complete(
  connection: DuckDBConnection,
  sql: string,
  cursor: number,
  catalog: readonly TableInfo[],
): Promise<CompletionResult> {
  const before = sql.slice(0, Math.max(0, Math.min(cursor, sql.length)));
  const reader = await connection.runAndReadAll(
    'SELECT suggestion, suggestion_start, suggestion_type FROM sql_auto_complete($text) LIMIT 400',
    { text: before },
  );
  const tables = new Map(catalog.map((t) => [t.name, t]));
  const mentioned = catalog.filter((t) => new RegExp(`\\b${t.name}\\b`, 'i').test(sql));
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  let replaceFrom = before.length;
  for (const [suggestion, start, type] of reader.getRowsJS() as [string, number | bigint, string][]) {
    replaceFrom = utf8PrefixLength(before, Number(start));
    const label = suggestion.trimEnd();
    const kind = KIND_BY_DUCKDB_TYPE[type] ?? 'keyword';
    if (seen.has(`${kind}:${label}`) || !offered(label, type, catalog)) continue;
    seen.add(`${kind}:${label}`);
    items.push(describe(label, kind, tables, mentioned, catalog));
    if (items.length >= MAX_ITEMS) break;
  }
  return { replaceFrom, items };
}

function describe(
  label: string,
  kind: CompletionKind,
  tables: ReadonlyMap<string, TableInfo>,
  mentioned: readonly TableInfo[],
  catalog: readonly TableInfo[],
): CompletionItem {
  if (kind === 'table') {
    const table = tables.get(label);
    if (!table) return { label, kind };
    return {
      label,
      kind,
      detail: `${table.rowCount.toLocaleString('pt-BR')} linhas`,
      ...(table.description ? { documentation: table.description } : {}),
    };
  }
  if (kind === 'column') {
    const owner = [...mentioned, ...catalog].find((t) => t.columns.some((c) => c.name === label));
    const column = owner?.columns.find((c) => c.name === label);
    if (!owner || !column) return { label, kind };
    return {
      label,
      kind,
      detail: `${column.type} · ${owner.name}`,
      ...(column.description ? { documentation: column.description } : {}),
      ...(column.privacy ? { privacy: column.privacy } : {}),
    };
  }
  return { label, kind };
}
