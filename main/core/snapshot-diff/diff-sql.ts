// The SQL of a snapshot diff, all of it DuckDB's: a FULL OUTER JOIN of the two snapshots'
// raw views on the key, IS DISTINCT FROM per column. Values are compared raw: compared
// masked, a name corrected to one with the same initials, or a CPF with the same middle
// digits, would not count as a change. What leaves the engine is masked: each side of the
// side-by-side rows passes through maskedSelect, the very SELECT the masked views use.
//
// Two passes, both into temporary tables of the diff's own connection. The first reads the older
// snapshot as its key and a hash of each row, and joins the newer one's whole rows to it,
// keeping those added, removed or whose hash changed: a join carrying every column of both
// sides of a city-sized table held gigabytes in its hash table and spilled. The second reads
// the older side's rows for those keys alone and compares them column by column with the kept
// newer rows, so a hash that changed with no value changing (a type changed between months) adds
// nothing. A change is lost only if two different rows of one key hash the same: about one
// chance in 10^19 per changed row. The counts and the rows side by side are read from the second
// table. Each snapshot is read in full once, the older one's identifiers and text a second time
// for the few rows that differ.
import { quotedIdentifier as q } from '@duckdb/node-api';
import { maskedSelect } from '../privacy/masked-views.ts';
import type { DictionaryTable } from '../registry/dictionary.ts';

export interface DiffColumn {
  name: string;
  type: string;
}

export interface DiffShape {
  table: string;
  /** `bruto_YYYY_MM_DD` of each side. */
  fromSchema: string;
  toSchema: string;
  key: readonly string[];
  /** The columns both snapshots have, key included, in the newer one's order. */
  columns: readonly DiffColumn[];
  entry: DictionaryTable | undefined;
}

export const CHANGE_COLUMN = 'mudanca';
export const CHANGE_KINDS = { added: 'incluida', removed: 'removida', changed: 'alterada' } as const;

/** The temporary table of the rows that differ; it lives as long as the diff's connection. */
export const STAGED = 'mirante_diferenca';
const STAGED_TABLE = `temp.main.${q(STAGED)}`;
/** The first pass: the newer side's rows that differ, with the keys of the older ones. */
const FIRST_PASS_TABLE = `temp.main.${q('mirante_diferenca_depois')}`;

const PRESENT = q('__presente');
const valueOf = (side: 'a' | 'd', index: number) => q(`__${side}${index}`);
const flagOf = (index: number) => q(`__m${index}`);

/** The non-key columns, the ones compared. */
export function comparedColumns(shape: DiffShape): DiffColumn[] {
  return shape.columns.filter((column) => !shape.key.includes(column.name));
}

const relation = (schema: string, table: string) => `${q(schema)}.${q(table)}`;

/**
 * Key values on more than one row of a side (NULL keys match nothing): a diff needs a key that is
 * unique. Found by sorting on the key and comparing each row with the one before: about a
 * third of a GROUP BY's time on 4.5 M people (keys usually arrive nearly sorted).
 */
export function repeatedKeysSql(shape: DiffShape, schema: string): string {
  const key = shape.key.map(q).join(', ');
  const sameAsBefore = shape.key.map((column) => `${q(column)} = lag(${q(column)}) OVER w`).join(' AND ');
  return `SELECT count(*) FROM (SELECT DISTINCT ${key} FROM (
      SELECT ${key}, ${sameAsBefore} AS __repetida FROM ${relation(schema, shape.table)} WINDOW w AS (ORDER BY ${key})
    ) WHERE __repetida)`;
}

// `=`, not IS NOT DISTINCT FROM (which halves a big join's speed): a row whose key is NULL is
// followed by nothing, so it shows as removed and added.
const keysMatch = (shape: DiffShape) => shape.key.map((column) => `antes.${q(column)} = depois.${q(column)}`).join(' AND ');

const firstPassKey = (index: number) => q(`__k${index}`);
const IN_BEFORE = q('__antes');

/**
 * First pass: the older side's key and row hash joined with the newer side's rows; kept are the
 * rows added, removed or whose hash changed, with the key (`__k0`…), whether the older side has
 * it (`__antes`), `__presente` for the newer side, and the newer side's columns.
 */
export function firstPassSql(shape: DiffShape): string {
  const compared = comparedColumns(shape);
  const rowHash = compared.length === 0 ? '0' : `hash(${compared.map((c) => q(c.name)).join(', ')})`;
  const keys = shape.key.map((column, i) => `coalesce(antes.${q(column)}, depois.${q(column)}) AS ${firstPassKey(i)}`);
  return `CREATE TEMPORARY TABLE ${FIRST_PASS_TABLE} AS
    WITH antes AS (SELECT ${shape.key.map(q).join(', ')}, ${rowHash} AS __h FROM ${relation(shape.fromSchema, shape.table)}),
      depois AS (SELECT ${shape.columns.map((c) => q(c.name)).join(', ')}, ${rowHash} AS __h FROM ${relation(shape.toSchema, shape.table)})
    SELECT ${keys.join(', ')}, antes.__h IS NOT NULL AS ${IN_BEFORE}, depois.__h IS NOT NULL AS ${PRESENT},
      ${shape.columns.map((c) => `depois.${q(c.name)}`).join(', ')}
    FROM antes FULL OUTER JOIN depois ON ${keysMatch(shape)}
    WHERE antes.__h IS NULL OR depois.__h IS NULL OR antes.__h <> depois.__h`;
}

/**
 * Second pass: the older side's rows for the first pass's keys (a NULL key part matches itself
 * here, so such rows are read too) against the newer rows kept: `mudanca`, a flag per compared
 * column, every column of both sides.
 */
export function stageSql(shape: DiffShape): string {
  const joinOn = keysMatch(shape);
  const forKeys = shape.key.map((column, i) => `t.${q(column)} IS NOT DISTINCT FROM k.${firstPassKey(i)}`).join(' AND ');
  const before = `SELECT ${shape.columns.map((c) => `t.${q(c.name)}`).join(', ')}, true AS ${PRESENT}
      FROM ${relation(shape.fromSchema, shape.table)} t SEMI JOIN (SELECT * FROM ${FIRST_PASS_TABLE} WHERE ${IN_BEFORE}) k ON ${forKeys}`;
  const after = `SELECT ${shape.columns.map((c) => q(c.name)).join(', ')}, ${PRESENT} FROM ${FIRST_PASS_TABLE} WHERE ${PRESENT}`;
  const compared = comparedColumns(shape);
  const differs = (column: DiffColumn) => `antes.${q(column.name)} IS DISTINCT FROM depois.${q(column.name)}`;
  const anyChange = compared.length === 0 ? 'false' : compared.map(differs).join(' OR ');
  const values = shape.columns.flatMap((column, i) => [`antes.${q(column.name)} AS ${valueOf('a', i)}`, `depois.${q(column.name)} AS ${valueOf('d', i)}`]);
  const flags = compared.map((column, i) => `${differs(column)} AS ${flagOf(i)}`);
  return `CREATE TEMPORARY TABLE ${STAGED_TABLE} AS
    WITH antes AS (${before}),
      depois AS (${after})
    SELECT CASE WHEN antes.${PRESENT} IS NULL THEN '${CHANGE_KINDS.added}' WHEN depois.${PRESENT} IS NULL THEN '${CHANGE_KINDS.removed}'
           ELSE '${CHANGE_KINDS.changed}' END AS ${q(CHANGE_COLUMN)},
      ${[...flags, ...values].join(', ')}
    FROM antes FULL OUTER JOIN depois ON ${joinOn}
    WHERE antes.${PRESENT} IS NULL OR depois.${PRESENT} IS NULL OR ${anyChange}`;
}

/** One row: linhas_antes, linhas_depois, incluidas, removidas, alteradas, then m0, m1… per compared column. */
export function countsSql(shape: DiffShape): string {
  const kind = (name: keyof typeof CHANGE_KINDS) => `${q(CHANGE_COLUMN)} = '${CHANGE_KINDS[name]}'`;
  const perColumn = comparedColumns(shape).map((_, i) => `count(*) FILTER (${kind('changed')} AND ${flagOf(i)}) AS m${i}`);
  return `SELECT (SELECT count(*) FROM ${relation(shape.fromSchema, shape.table)}) AS linhas_antes,
      (SELECT count(*) FROM ${relation(shape.toSchema, shape.table)}) AS linhas_depois,
      count(*) FILTER (${kind('added')}) AS incluidas, count(*) FILTER (${kind('removed')}) AS removidas,
      count(*) FILTER (${kind('changed')}) AS alteradas${perColumn.map((c) => `, ${c}`).join('')}
    FROM ${STAGED_TABLE}`;
}

/** One side of the staged rows under the table's own column names, masked as its masked view would show it. */
function maskedSide(shape: DiffShape, side: 'a' | 'd'): string {
  const named = shape.columns.map((column, i) => `${valueOf(side, i)} AS ${q(column.name)}`).join(', ');
  const columns = [...shape.columns, { name: '__n', type: 'BIGINT' }, { name: CHANGE_COLUMN, type: 'VARCHAR' }];
  // The table's rowid pairs the two sides of a row (a numbering window would have made the
  // staging single-threaded: DuckDB keeps row order for it).
  return maskedSelect(`(SELECT rowid AS __n, ${q(CHANGE_COLUMN)}, ${named} FROM ${STAGED_TABLE})`, shape.table, columns, shape.entry);
}

/**
 * Added, removed and changed rows: the key, `mudanca`, then `<col>_antes`, `<col>_depois` for
 * every compared column, ordered by the key as shown.
 */
export function rowsSql(shape: DiffShape): string {
  const keyOut = shape.key.map((column) => `coalesce(am.${q(column)}, dm.${q(column)}) AS ${q(column)}`);
  const pairs = comparedColumns(shape).flatMap((c) => [`am.${q(c.name)} AS ${q(`${c.name}_antes`)}`, `dm.${q(c.name)} AS ${q(`${c.name}_depois`)}`]);
  return `WITH antes_mascarado AS (${maskedSide(shape, 'a')}), depois_mascarado AS (${maskedSide(shape, 'd')})
    SELECT ${[...keyOut, `am.${q(CHANGE_COLUMN)}`, ...pairs].join(', ')}
    FROM antes_mascarado am JOIN depois_mascarado dm USING (__n)
    ORDER BY ${shape.key.map((_, i) => String(i + 1)).join(', ')}, ${shape.key.length + 1}`;
}
