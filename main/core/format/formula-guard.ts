// The formula guard of every CSV and csv-br file Mirante writes (grid and panel exports, the
// command's --out), so no spreadsheet that opens one runs a value as a formula. The rule and
// the LibreOffice evidence behind it are in docs/FORMULA-GUARD.md:
//
// - A text value or header gets a leading `'` (OWASP's advice, shown as is by a spreadsheet)
//   when it starts with = + - @ tab or CR (OWASP's list), or when, after any run of spaces,
//   invisible or control characters, it starts with one of = + - @ or their full-width and
//   small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣): LibreOffice runs " =1+1" as a formula when "trim spaces"
//   is ticked, and other programs fold or trim more than it does.
// - Every text value and every header is quoted, so a reader that also splits on ; , tab or
//   space, or trims spaces, still sees one cell that starts with the `'`.
//
// Standard output of the command stays DuckDB's values: pipelines get the data unchanged.
import { DataType } from 'apache-arrow';
import type { Field } from 'apache-arrow';
import { DUCKDB_TYPE_KEY } from '../arrow/schema.ts';

const DANGEROUS = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63';
const FORMULA_START = new RegExp(`^[\\t\\r]|^[\\s\\p{Z}\\p{Cc}\\p{Cf}]*[${DANGEROUS}]`, 'u');
/** The same rule in RE2 (DuckDB's regexp_matches); tests/format/formula-guard.test.ts checks both agree. */
export const FORMULA_START_RE2 = `^[\\t\\r]|^[\\s\\p{Z}\\p{Cc}\\p{Cf}]*[${DANGEROUS.replace(/\\u([0-9A-F]{4})/g, '\\x{$1}')}]`;

export function needsFormulaGuard(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `'` + text where a spreadsheet could take it for a formula; else the text unchanged. */
export function guardFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** The guard as SQL over a VARCHAR expression, for DuckDB's own COPY. */
export function formulaGuardSql(text: string): string {
  return `CASE WHEN regexp_matches(${text}, '${FORMULA_START_RE2}') THEN '''' || ${text} ELSE ${text} END`;
}

/** DuckDB types whose text DuckDB composes from numbers (no user text inside): never guarded, never quoted. */
const COMPOSED_TEXT = new Set(['UUID', 'TIME WITH TIME ZONE', 'BIT', 'BIGNUM', 'VARINT']);

/**
 * Whether a column's values are text a user or a data source chose (VARCHAR, JSON, ENUM, BLOB,
 * UNION, LIST, STRUCT, MAP, ...): those are guarded and quoted. Numbers, booleans, dates,
 * times and intervals are not, so a spreadsheet still reads them as numbers and dates.
 */
export function isTextField(field: Field): boolean {
  const type = field.type as DataType;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type) || DataType.isBool(type)) return false;
  if (DataType.isDate(type) || DataType.isTime(type) || DataType.isTimestamp(type) || DataType.isInterval(type) || DataType.isNull(type)) return false;
  return !COMPOSED_TEXT.has(field.metadata.get(DUCKDB_TYPE_KEY) ?? '');
}

/** A spreadsheet-safe CSV cell of text: guarded, quotes doubled, always quoted. */
export function safeCsvText(text: string): string {
  return `"${guardFormula(text).replaceAll('"', '""')}"`;
}
