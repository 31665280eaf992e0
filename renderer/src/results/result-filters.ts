// A grid's filters as the user made them from a cell's menu: what goes to the server, and the
// column and value (as the grid shows it) its chip names.
import type { ResultFilter } from '../../../main/core/api/index.ts';
import { filterValueText } from './filter-value.ts';

export interface ShownFilter {
  filter: ResultFilter;
  column: string;
  /** The value as the grid shows it. */
  shown: string;
}

/** Keeping (or leaving out) the rows whose column holds this cell's value; undefined when the type does not allow it. */
export function filterForCell(column: { index: number; name: string; type: string }, value: unknown, shown: string, keep: boolean): ShownFilter | undefined {
  if (value === null || value === undefined) return { filter: { column: column.index, op: keep ? 'isNull' : 'notNull' }, column: column.name, shown };
  const text = filterValueText(column.type, value);
  if (text === undefined) return undefined;
  return { filter: { column: column.index, op: keep ? 'equals' : 'notEquals', value: text }, column: column.name, shown };
}

/** A filter the same as one already there is not added twice. */
export function withFilter(filters: readonly ShownFilter[], added: ShownFilter): ShownFilter[] {
  const same = (a: ResultFilter, b: ResultFilter) => JSON.stringify(a) === JSON.stringify(b);
  return filters.some((f) => same(f.filter, added.filter)) ? [...filters] : [...filters, added];
}
