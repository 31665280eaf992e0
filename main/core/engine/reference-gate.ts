// The second half of the allow-list: after every statement prepared as a SELECT, look at
// what each one READS. Views cannot mask what a query can read around them, so user SQL
// may not read files (table functions like read_parquet, replacement scans of a path),
// run SQL held in text (query, json_execute_serialized_sql), read the raw `bruto_*`
// schemas unless the query was explicitly unmasked, or read the session's kept results.
// A statement DuckDB cannot serialise is refused rather than let through unseen.
//
// Two passes: file-reading table functions are refused BEFORE prepare (binding read_csv
// already sniffs the file's bytes), everything else after prepare, so a statement that does
// not even bind keeps DuckDB's own error (syntax, binder, sandbox permission).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ApiError } from '../api/index.ts';
import { isRawSchema } from '../privacy/masked-views.ts';
import { INTERNAL_SCHEMA } from '../privacy/masking-key.ts';
import { analyseScript } from '../privacy/sql-references.ts';
import type { FunctionReference, ScriptAnalysis, TableReference } from '../privacy/sql-references.ts';
import { locatedError } from './errors.ts';

/**
 * Table functions over values or the catalog's metadata: none reads a file or runs SQL text.
 * Left out on purpose: the secrets (duckdb_secrets, which_secret), the logs and the profiler
 * (other queries' text), temporary and cached files (paths), a table's storage statistics
 * (pragma_storage_info: min and max of each segment, raw schemas included), sampling a table
 * by name (duckdb_table_sample), and the ones that change state (checkpoint, enable_logging...).
 */
const SAFE_TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'repeat', 'repeat_row', 'json_each', 'json_tree', 'summary',
  'test_all_types', 'test_vector_types',
  'sql_auto_complete', 'icu_calendar_names', 'pg_timezone_names',
  'duckdb_columns', 'duckdb_constraints', 'duckdb_databases', 'duckdb_dependencies', 'duckdb_functions',
  'duckdb_indexes', 'duckdb_keywords', 'duckdb_schemas', 'duckdb_sequences', 'duckdb_settings', 'duckdb_tables',
  'duckdb_types', 'duckdb_views', 'duckdb_extensions', 'duckdb_memory', 'duckdb_optimizers', 'duckdb_variables',
  'duckdb_approx_database_count', 'duckdb_connection_count', 'duckdb_coordinate_systems', 'duckdb_secret_types',
  'pragma_table_info', 'pragma_show', 'pragma_version', 'pragma_platform', 'pragma_collations', 'pragma_database_size',
  'pragma_user_agent',
]);

/**
 * Table macros that read the table named by their `source` argument (query_table inside, where
 * this gate does not look): they pass when that argument is a plain name, as text or as an
 * identifier, that the gate would let the query read directly.
 */
const TABLE_READING_MACROS = new Set(['histogram_values', 'histogram']);

/**
 * Only the app reads these: the session's kept results (possibly unmasked) and the masking
 * key (privacy/masking-key.ts).
 */
const APP_SCHEMAS = new Set(['resultados', INTERNAL_SCHEMA]);

// A replacement scan is a table "name" that is really a path or a glob.
const PATH_LIKE = /[/\\.*?[\]{}:~]/;
const PLAIN_NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){0,2}$/i;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function constantText(node: unknown): string | undefined {
  if (!isNode(node) || node.class !== 'CONSTANT' || !isNode(node.value)) return undefined;
  const value = node.value.value;
  return typeof value === 'string' ? value : undefined;
}

function concatenated(node: unknown): unknown[] {
  if (isNode(node) && node.class === 'FUNCTION' && (node.function_name === '||' || node.function_name === 'concat')) {
    return (Array.isArray(node.children) ? node.children : []).flatMap(concatenated);
  }
  return [node];
}

/** A table function user SQL may call (completion offers no other). */
export function isAllowedTableFunction(name: string): boolean {
  return SAFE_TABLE_FUNCTIONS.has(name) || name === 'query_table' || TABLE_READING_MACROS.has(name);
}

/** A schema only the app reads (completion does not offer it). */
export function isAppSchema(name: string): boolean {
  return APP_SCHEMAS.has(name.toLowerCase());
}

function refusesName(name: string, unmasked: boolean): boolean {
  return name.split('.').some((part) => APP_SCHEMAS.has(part.toLowerCase()) || (!unmasked && isRawSchema(part)));
}

/**
 * `query_table` passes with a constant plain name, or a name built as `'s_' || … || '.tabela'`
 * (a snapshot chosen by a parameter): whatever sits in the middle, such a name starts with a
 * masked snapshot schema and cannot be a path, a raw schema or a kept result.
 */
function safeQueryTable(fn: FunctionReference, unmasked: boolean): boolean {
  if (fn.args.length !== 1) return false;
  const constant = constantText(fn.args[0]);
  if (constant !== undefined) return PLAIN_NAME.test(constant) && !refusesName(constant, unmasked);
  const parts = concatenated(fn.args[0]);
  const first = constantText(parts[0]);
  const last = constantText(parts.at(-1));
  return parts.length >= 2 && first !== undefined && /^s_[0-9_]*$/i.test(first) && last !== undefined && /^\.[a-z_][a-z0-9_]*$/i.test(last);
}

/** The `source` argument of a table-reading macro: named `source :=`, else the first, unnamed. */
function sourceArgument(args: readonly unknown[]): unknown {
  const named = args.find((arg) => isNode(arg) && arg.alias === 'source');
  if (named !== undefined) return named;
  const first = args[0];
  return isNode(first) && !first.alias ? first : undefined;
}

/** `histogram_values('pessoa', …)` or `histogram_values(s_2026_09_30.pessoa, …)`: a plain name. */
function sourceName(node: unknown): string | undefined {
  const constant = constantText(node);
  if (constant !== undefined) return constant;
  if (!isNode(node) || node.class !== 'COLUMN_REF' || !Array.isArray(node.column_names)) return undefined;
  return node.column_names.every((part) => typeof part === 'string') ? node.column_names.join('.') : undefined;
}

function safeTableMacro(fn: FunctionReference, unmasked: boolean): boolean {
  const name = sourceName(sourceArgument(fn.args));
  return name !== undefined && PLAIN_NAME.test(name) && !refusesName(name, unmasked);
}

function tableProblem(table: TableReference, unmasked: boolean): string | undefined {
  if (PATH_LIKE.test(table.name)) {
    return `Ler arquivos diretamente (${table.name}) não é permitido: consulte as tabelas do catálogo, como pessoa.`;
  }
  const qualifiers = [table.catalog, table.schema].filter((part) => part !== '');
  if (qualifiers.some((part) => APP_SCHEMAS.has(part.toLowerCase()))) {
    return 'Os resultados guardados e os dados internos da sessão não podem ser lidos por SQL: consulte as tabelas do catálogo.';
  }
  if (!unmasked && qualifiers.some(isRawSchema)) {
    return `O esquema ${qualifiers.find(isRawSchema)} guarda os identificadores sem máscara: só uma consulta desmascarada, com finalidade registrada, pode lê-lo.`;
  }
  return undefined;
}

function functionProblem(fn: FunctionReference, unmasked: boolean): string | undefined {
  if (SAFE_TABLE_FUNCTIONS.has(fn.name)) return undefined;
  if (fn.name === 'query_table' && safeQueryTable(fn, unmasked)) return undefined;
  if (TABLE_READING_MACROS.has(fn.name) && safeTableMacro(fn, unmasked)) return undefined;
  return (
    `A função de tabela ${fn.name} não é permitida: ela pode ler arquivos, executar SQL em texto ` +
    'ou contornar as tabelas mascaradas. Consulte as tabelas do catálogo.'
  );
}

// Refused before binding: they read a file's bytes while binding. (`query` parses its text
// at bind time without reading anything; it is refused after prepare.) A table-reading macro
// is checked here too: binding query_table on a path would read the file.
function readsFilesWhenBound(fn: FunctionReference): boolean {
  return !SAFE_TABLE_FUNCTIONS.has(fn.name) && fn.name !== 'query' && fn.name !== 'query_table';
}

/** Before prepare: refuses file-reading table functions; returns the analysis for later. */
export async function refuseFileReaders(
  connection: DuckDBConnection,
  script: string,
  statementCount: number,
  starts: readonly number[],
): Promise<ScriptAnalysis> {
  const analysis = await analyseScript(connection, script);
  if (!analysis.ok || analysis.statements.length !== statementCount) return analysis;
  const unmasked = isRawSchema(analysis.searchPath);
  for (const [index, statement] of analysis.statements.entries()) {
    const fn = statement.functions.find(readsFilesWhenBound);
    const problem = fn && functionProblem(fn, unmasked);
    if (problem) throw locatedError({ code: 'not_allowed', message: problem, statementIndex: index }, script, starts[index]);
  }
  return analysis;
}

/** After prepare: throws a `not_allowed` error for the first statement that reads what it may not. */
export async function enforceReferences(
  connection: DuckDBConnection,
  script: string,
  statementCount: number,
  starts: readonly number[],
  analysed?: ScriptAnalysis,
): Promise<void> {
  const analysis = analysed ?? (await analyseScript(connection, script));
  // Only the engine sets search_path (SET is refused): an unmasked query runs on bruto_*.
  const unmasked = isRawSchema(analysis.searchPath);
  const refuse = (message: string, statementIndex?: number) => {
    const detail: ApiError = { code: 'not_allowed', message, ...(statementIndex !== undefined ? { statementIndex } : {}) };
    return locatedError(detail, script, statementIndex === undefined ? undefined : starts[statementIndex]);
  };
  if (!analysis.ok || analysis.statements.length !== statementCount) {
    const reason = analysis.ok ? 'o número de instruções não confere' : analysis.reason;
    throw refuse(`Não foi possível conferir o que a consulta lê (${reason}); reescreva-a como SELECT simples sobre as tabelas do catálogo.`);
  }
  for (const [index, statement] of analysis.statements.entries()) {
    for (const table of statement.tables) {
      const problem = tableProblem(table, unmasked);
      if (problem) throw refuse(problem, index);
    }
    for (const fn of statement.functions) {
      const problem = functionProblem(fn, unmasked);
      if (problem) throw refuse(problem, index);
    }
  }
}
