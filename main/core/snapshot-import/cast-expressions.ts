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

function dateFormats(style: CastStyle, withTime: boolean): string {
  const date = (style.dateFormat ?? DEFAULT_DATE_FORMAT).replaceAll("'", "''");
  const formats = withTime ? [`${date} %H:%M:%S.%f`, `${date} %H:%M:%S`, `${date} %H:%M`, date] : [date];
  return `[${formats.map((f) => `'${f}'`).join(', ')}]`;
}

/** A blank cell is a missing value, not an invalid one. */
export function isBlankSql(value: string): string {
  return `(${value} IS NULL OR trim(${value}) = '')`;
}

export function castSql(value: string, type: string, style: CastStyle): string {
  const t = `nullif(trim(${value}), '')`;
  const upper = type.toUpperCase().replace(/\s+/g, '');
  if (upper === 'VARCHAR' || upper === 'TEXT' || upper === 'STRING') return value;
  if (upper === 'BOOLEAN' || upper === 'BOOL') {
    return `(CASE WHEN lower(${t}) IN (${sqlList(TRUE_WORDS)}) THEN true WHEN lower(${t}) IN (${sqlList(FALSE_WORDS)}) THEN false END)`;
  }
  if (INTEGER.test(upper)) {
    // `1.234` is a thousand two hundred thirty-four where the comma is the decimal mark.
    const plain = style.decimalComma ? `(CASE WHEN regexp_full_match(${t}, '[-+]?[0-9]{1,3}(\\.[0-9]{3})+') THEN replace(${t}, '.', '') ELSE ${t} END)` : t;
    return `TRY_CAST(${plain} AS ${type})`;
  }
  if (FRACTIONAL.test(upper)) {
    if (!style.decimalComma) return `TRY_CAST(${t} AS ${type})`;
    const brazilian = `regexp_full_match(${t}, '[-+]?([0-9]{1,3}(\\.[0-9]{3})+|[0-9]+)(,[0-9]+)?([eE][-+]?[0-9]+)?')`;
    return `TRY_CAST(CASE WHEN ${brazilian} THEN replace(replace(${t}, '.', ''), ',', '.') END AS ${type})`;
  }
  if (upper === 'DATE') return `coalesce(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ${dateFormats(style, false)}) AS DATE))`;
  if (upper === 'TIMESTAMP') return `coalesce(TRY_CAST(${t} AS TIMESTAMP), try_strptime(${t}, ${dateFormats(style, true)}))`;
  return `TRY_CAST(${t} AS ${type})`;
}
