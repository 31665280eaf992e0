// The SQL of a snapshot diff, all of it DuckDB's: a FULL OUTER JOIN of the two snapshots'
// raw views on the key, IS DISTINCT FROM per column. Values are compared raw: compared
// masked, a name corrected to one with the same initials, or a CPF with the same middle
// digits, would not count as a change. What leaves the engine is masked: the side-by-side rows
// pass each snapshot's changed rows through maskedSelect, the very SELECT the masked views use.
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

const PRESENT = q('__presente');
const keyAlias = (index: number) => q(`__k${index}`);

/** The non-key columns, the ones compared. */
export function comparedColumns(shape: DiffShape): DiffColumn[] {
  return shape.columns.filter((column) => !shape.key.includes(column.name));
}

function sides(shape: DiffShape): string {
  const list = shape.columns.map((c) => q(c.name)).join(', ');
  return `antes AS (SELECT ${list}, true AS ${PRESENT} FROM ${q(shape.fromSchema)}.${q(shape.table)}),
    depois AS (SELECT ${list}, true AS ${PRESENT} FROM ${q(shape.toSchema)}.${q(shape.table)})`;
}

const joinOn = (shape: DiffShape, left: string, right: string, rightName = (c: string) => q(c)) =>
  shape.key.map((column) => `${left}.${q(column)} IS NOT DISTINCT FROM ${right}.${rightName(column)}`).join(' AND ');

const distinct = (column: DiffColumn) => `antes.${q(column.name)} IS DISTINCT FROM depois.${q(column.name)}`;

function anyChange(shape: DiffShape): string {
  const compared = comparedColumns(shape);
  return compared.length === 0 ? 'false' : compared.map(distinct).join(' OR ');
}

/** Key values on more than one row of a side: a diff needs a key that is unique. */
export function repeatedKeysSql(shape: DiffShape, schema: string): string {
  const key = shape.key.map(q).join(', ');
  return `SELECT count(*) FROM (SELECT ${key} FROM ${q(schema)}.${q(shape.table)} GROUP BY ${key} HAVING count(*) > 1)`;
}

/** One row: linhas_antes, linhas_depois, incluidas, removidas, alteradas, then m0, m1… per compared column. */
export function countsSql(shape: DiffShape): string {
  const compared = comparedColumns(shape);
  const flags = compared.map((column, i) => `${distinct(column)} AS m${i}`);
  const perColumn = compared.map((_, i) => `count(*) FILTER (em_antes AND em_depois AND m${i}) AS m${i}`);
  return `WITH ${sides(shape)},
    pares AS (
      SELECT antes.${PRESENT} IS NOT NULL AS em_antes, depois.${PRESENT} IS NOT NULL AS em_depois,
        ${anyChange(shape)} AS mudou${flags.map((flag) => `, ${flag}`).join('')}
      FROM antes FULL OUTER JOIN depois ON ${joinOn(shape, 'antes', 'depois')}
    )
    SELECT count(*) FILTER (em_antes) AS linhas_antes, count(*) FILTER (em_depois) AS linhas_depois,
      count(*) FILTER (em_depois AND NOT em_antes) AS incluidas, count(*) FILTER (em_antes AND NOT em_depois) AS removidas,
      count(*) FILTER (em_antes AND em_depois AND mudou) AS alteradas${perColumn.map((c) => `, ${c}`).join('')}
    FROM pares`;
}

/** The rows of one side that changed, masked as its masked view would show them, with the raw key apart to join on. */
function maskedSide(shape: DiffShape, side: 'antes' | 'depois'): string {
  const keyCopies = shape.key.map((column, i) => `${side}.${q(column)} AS ${keyAlias(i)}`).join(', ');
  const changed = `(SELECT ${side}.*, ${keyCopies} FROM ${side} SEMI JOIN pares ON ${joinOn(shape, side, 'pares', (c) => keyAlias(shape.key.indexOf(c)))})`;
  const columns = [...shape.columns, ...shape.key.map((_, i) => ({ name: `__k${i}`, type: 'KEY' })), { name: '__presente', type: 'BOOLEAN' }];
  return maskedSelect(changed, shape.table, columns, shape.entry);
}

/**
 * Added, removed and changed rows: the key, `mudanca`, then `<col>_antes`, `<col>_depois` for
 * every compared column, ordered by the key as shown.
 */
export function rowsSql(shape: DiffShape): string {
  const keyOut = shape.key.map((column) => `coalesce(am.${q(column)}, dm.${q(column)}) AS ${q(column)}`);
  const pairs = comparedColumns(shape).flatMap((c) => [`am.${q(c.name)} AS ${q(`${c.name}_antes`)}`, `dm.${q(c.name)} AS ${q(`${c.name}_depois`)}`]);
  const rawKeys = shape.key.map((column, i) => `coalesce(antes.${q(column)}, depois.${q(column)}) AS ${keyAlias(i)}`);
  const matches = (alias: string) => shape.key.map((_, i) => `${alias}.${keyAlias(i)} IS NOT DISTINCT FROM p.${keyAlias(i)}`).join(' AND ');
  return `WITH ${sides(shape)},
    pares AS (
      SELECT ${rawKeys.join(', ')},
        CASE WHEN antes.${PRESENT} IS NULL THEN '${CHANGE_KINDS.added}' WHEN depois.${PRESENT} IS NULL THEN '${CHANGE_KINDS.removed}'
             ELSE '${CHANGE_KINDS.changed}' END AS ${q(CHANGE_COLUMN)}
      FROM antes FULL OUTER JOIN depois ON ${joinOn(shape, 'antes', 'depois')}
      WHERE antes.${PRESENT} IS NULL OR depois.${PRESENT} IS NULL OR ${anyChange(shape)}
    ),
    antes_mascarado AS (${maskedSide(shape, 'antes')}),
    depois_mascarado AS (${maskedSide(shape, 'depois')})
    SELECT ${[...keyOut, `p.${q(CHANGE_COLUMN)}`, ...pairs].join(', ')}
    FROM pares p LEFT JOIN antes_mascarado am ON ${matches('am')} LEFT JOIN depois_mascarado dm ON ${matches('dm')}
    ORDER BY ${shape.key.map((_, i) => String(i + 1)).join(', ')}, ${shape.key.length + 1}`;
}
