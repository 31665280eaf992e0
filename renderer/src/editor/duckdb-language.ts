// Monaco's SQL grammar, taught DuckDB's own words.
import { conf, language } from 'monaco-editor/languages/definitions/sql/sql.js';
import type * as MonacoApi from 'monaco-editor/editor/editor.api.js';

const DUCKDB_KEYWORDS = [
  'ANTI', 'ASOF', 'ATTACH', 'COLUMNS', 'DESCRIBE', 'EXCLUDE', 'GLOB', 'GROUP', 'ILIKE', 'LAMBDA', 'MACRO', 'PIVOT',
  'PIVOT_LONGER', 'PIVOT_WIDER', 'POSITIONAL', 'QUALIFY', 'RECURSIVE', 'REPLACE', 'SAMPLE', 'SEMI', 'SHOW', 'SIMILAR',
  'STRUCT', 'SUMMARIZE', 'TABLESAMPLE', 'UNPIVOT', 'USING', 'WINDOW', 'FILTER', 'LATERAL', 'MAP', 'LIST', 'UNION',
  'BY', 'NAME', 'ALL', 'INSTALL', 'LOAD', 'HUGEINT', 'UBIGINT', 'BIGINT', 'VARCHAR', 'BLOB', 'UUID', 'INTERVAL',
  'TIMESTAMPTZ', 'DOUBLE', 'DECIMAL', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TIME', 'INTEGER', 'SMALLINT', 'TINYINT', 'FLOAT',
];

const DUCKDB_FUNCTIONS = [
  'approx_count_distinct', 'arg_max', 'arg_min', 'array_agg', 'bool_and', 'bool_or', 'count_star', 'date_diff', 'date_part',
  'date_trunc', 'datediff', 'epoch', 'first', 'histogram', 'last', 'list', 'list_value', 'median', 'mode', 'quantile_cont',
  'quantile_disc', 'regexp_extract', 'regexp_matches', 'regexp_replace', 'range', 'generate_series', 'read_parquet',
  'string_agg', 'strftime', 'strptime', 'struct_pack', 'unnest', 'make_date', 'age', 'any_value', 'round', 'greatest',
  'least', 'coalesce', 'ifnull', 'nullif', 'lower', 'upper', 'trim', 'concat', 'concat_ws', 'contains', 'starts_with',
  'ends_with', 'strip_accents', 'levenshtein', 'jaro_winkler_similarity', 'row_number', 'rank', 'dense_rank', 'lag', 'lead',
  'ntile', 'percent_rank', 'cume_dist', 'year', 'month', 'day', 'week', 'quarter', 'dayofweek', 'today', 'current_date',
];

export function registerDuckdbSql(monaco: typeof MonacoApi): void {
  const keywords = new Set<string>([...(language.keywords as string[]), ...DUCKDB_KEYWORDS]);
  const functions = new Set<string>([...(language.builtinFunctions as string[]), ...DUCKDB_FUNCTIONS.map((f) => f.toUpperCase())]);
  monaco.languages.register({ id: 'sql', extensions: ['.sql'], aliases: ['SQL', 'DuckDB SQL'] });
  monaco.languages.setLanguageConfiguration('sql', conf);
  monaco.languages.setMonarchTokensProvider('sql', { ...language, keywords: [...keywords], builtinFunctions: [...functions] });
}
