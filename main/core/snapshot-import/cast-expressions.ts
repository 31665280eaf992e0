// The typed value of a text cell, per dictionary type, as DuckDB SQL that gives NULL for a
// value that does not cast (counted as `tipo_invalido`, never an error that stops the import).
// Written for what city systems export: `1.234,56`, `dd/mm/aaaa`, `sim`/`não`.

export interface CastStyle {
  decimalComma: boolean;
  /** strftime for dates and the date part of timestamps; ISO is always accepted as well. */
  dateFormat?: string;
}

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FRACTIONAL = /^(DECIMAL|NUMERIC)\(\d+,\s*\d+\)$|^(DOUBLE|FLOAT|REAL)$/;
const TRUE_WORDS = ['true', 't', '1', 's', 'sim', 'verdadeiro', 'y', 'yes'];
const FALSE_WORDS = ['false', 'f', '0', 'n', 'nao', 'não', 'falso', 'no'];
const DEFAULT_DATE_FORMAT = '%d/%m/%Y';

const sqlList = (words: readonly string[]) => words.map((word) => `'${word.replaceAll("'", "''")}'`).join(', ');
const THOUSANDS = String.raw`[-+]?[0-9]{1,3}(\.[0-9]{3})+`;
const BRAZILIAN = String.raw`[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?([eE][-+]?[0-9]+)?`;

function dateFormats(style: CastStyle, withTime: boolean): string {
  const date = (style.dateFormat ?? DEFAULT_DATE_FORMAT).replaceAll("'", "''");
  // The likeliest first: try_strptime stops at the first format that fits.
  const formats = withTime ? [`${date} %H:%M:%S`, `${date} %H:%M`, date, `${date} %H:%M:%S.%f`] : [date];
  return `[${formats.map((f) => `'${f}'`).join(', ')}]`;
}

/** A blank cell is a missing value, not an invalid one. */
export function isBlankSql(value: string): string {
  return `(${value} IS NULL OR trim(${value}) = '')`;
}

// Measured on 1.5 million timestamps: the file's own format tried first costs a tenth of ISO
// first, and trimming every cell doubles the time, so each cast tries the plain cell the
// likely way first and trims only what is left. TRY_CAST itself ignores surrounding spaces.
function temporal(v: string, type: 'DATE' | 'TIMESTAMP', style: CastStyle): string {
  const parse = (x: string) => (type === 'DATE' ? `CAST(try_strptime(${x}, ${dateFormats(style, false)}) AS DATE)` : `try_strptime(${x}, ${dateFormats(style, true)})`);
  const iso = `TRY_CAST(${v} AS ${type})`;
  const ordered = style.dateFormat !== undefined && !style.dateFormat.startsWith('%Y-%m-%d') ? [parse(v), iso] : [iso, parse(v)];
  return `coalesce(${[...ordered, parse(`trim(${v})`)].join(', ')})`;
}

export function castSql(value: string, type: string, style: CastStyle): string {
  const v = value;
  const upper = type.toUpperCase().replace(/\s+/g, '');
  if (upper === 'VARCHAR' || upper === 'TEXT' || upper === 'STRING') return v;
  if (upper === 'BOOLEAN' || upper === 'BOOL') {
    const word = `lower(trim(${v}))`;
    return `(CASE WHEN ${word} IN (${sqlList(TRUE_WORDS)}) THEN true WHEN ${word} IN (${sqlList(FALSE_WORDS)}) THEN false END)`;
  }
  if (INTEGER.test(upper)) {
    // DuckDB casts '1.5' to an integer by rounding: a fraction in an integer column is invalid,
    // except `1.234` where the comma is the decimal mark (a thousand two hundred thirty-four).
    const dotted = style.decimalComma ? `TRY_CAST(CASE WHEN regexp_full_match(trim(${v}), '${THOUSANDS}') THEN replace(trim(${v}), '.', '') END AS ${type})` : 'NULL';
    return `(CASE WHEN contains(${v}, '.') THEN ${dotted} WHEN contains(${v}, ',') THEN NULL ELSE TRY_CAST(${v} AS ${type}) END)`;
  }
  if (FRACTIONAL.test(upper)) {
    if (!style.decimalComma) return `TRY_CAST(${v} AS ${type})`;
    const brazilian = `TRY_CAST(CASE WHEN regexp_full_match(trim(${v}), '${BRAZILIAN}') THEN replace(replace(trim(${v}), '.', ''), ',', '.') END AS ${type})`;
    return `(CASE WHEN contains(${v}, '.') OR contains(${v}, ',') THEN ${brazilian} ELSE TRY_CAST(${v} AS ${type}) END)`;
  }
  if (upper === 'DATE' || upper === 'TIMESTAMP') return temporal(v, upper, style);
  return `TRY_CAST(${v} AS ${type})`;
}
