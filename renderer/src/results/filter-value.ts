// The text a filter sends for a cell's value (ResultFilter.value): text DuckDB casts back to
// exactly that value in the column's type, whatever the locale shows. Only for types whose
// value arrives whole: a timestamp's microseconds or a time's nanoseconds may not, and a
// filter that silently matches nothing would mislead.
import { kindOf } from '../format/cells.ts';
import { bigIntFromWords, formatScaled } from '../format/numbers.ts';

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (ArrayBuffer.isView(value)) return bigIntFromWords(value as unknown as ArrayLike<number>);
  return BigInt(String(value));
}

/** `undefined`: this column cannot be filtered by a cell's value. */
export function filterValueText(type: string, value: unknown): string | undefined {
  const { kind, scale } = kindOf(type);
  switch (kind) {
    case 'integer':
      return toBigInt(value).toString();
    case 'decimal':
      return formatScaled(toBigInt(value), scale, { group: '', decimal: '.' });
    case 'float':
      return String(Number(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'date': {
      const day = new Date(value instanceof Date ? value.getTime() : Number(value));
      return Number.isNaN(day.getTime()) ? undefined : day.toISOString().slice(0, 10);
    }
    case 'text':
      return type.toUpperCase() === 'VARCHAR' && typeof value === 'string' ? value : undefined;
    default:
      return undefined;
  }
}
