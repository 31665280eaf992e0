// What each statement of a script reads, from DuckDB's own parse tree
// (`json_serialize_sql`): the tables and views it names (BASE_TABLE, which is also how a
// replacement scan of a file path like `from '/x/pessoa.parquet'` parses) and the table
// functions it calls (TABLE_FUNCTION). Parsing only: nothing is bound or run.
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseSerializedJson } from './serialized-json.ts';

export interface TableReference {
  catalog: string;
  schema: string;
  name: string;
}

export interface FunctionReference {
  name: string;
  /** The parse tree of each argument, for checks that need to look inside. */
  args: unknown[];
}

export interface StatementReferences {
  tables: TableReference[];
  functions: FunctionReference[];
}

export type ScriptAnalysis =
  | { ok: true; statements: StatementReferences[]; searchPath: string }
  | { ok: false; reason: string; searchPath: string };

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function collect(value: unknown, into: StatementReferences): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (!isNode(value)) return;
  if (value.type === 'BASE_TABLE') {
    into.tables.push({ catalog: text(value.catalog_name), schema: text(value.schema_name), name: text(value.table_name) });
  } else if (value.type === 'TABLE_FUNCTION' && isNode(value.function)) {
    const fn = value.function;
    const args = Array.isArray(fn.children) ? fn.children : [];
    into.functions.push({ name: text(fn.function_name).toLowerCase(), args });
  }
  for (const child of Object.values(value)) collect(child, into);
}

/** The references of every statement, or why the script could not be analysed. */
export async function analyseScript(connection: DuckDBConnection, script: string): Promise<ScriptAnalysis> {
  const reader = await connection.runAndReadAll(
    `SELECT json_serialize_sql($script::VARCHAR), current_setting('search_path')`,
    { script },
  );
  const [serialized, searchPath] = (reader.getRowsJS()[0] ?? []) as [string | undefined, string | undefined];
  const path = searchPath ?? '';
  let tree: unknown;
  try {
    tree = parseSerializedJson(serialized ?? '');
  } catch {
    return { ok: false, reason: 'a árvore sintática não pôde ser lida', searchPath: path };
  }
  if (!isNode(tree) || tree.error !== false || !Array.isArray(tree.statements)) {
    const reason = isNode(tree) && typeof tree.error_message === 'string' ? tree.error_message : 'formato desconhecido';
    return { ok: false, reason, searchPath: path };
  }
  const statements = tree.statements.map((statement: unknown) => {
    const references: StatementReferences = { tables: [], functions: [] };
    collect(statement, references);
    return references;
  });
  return { ok: true, statements, searchPath: path };
}
