// The text a grid filter sends for a cell's value: what DuckDB casts back to the same value,
// whatever the locale shows; nothing for types whose value may not arrive whole.
import { describe, expect, it } from 'vitest';
import { filterValueText } from '../../renderer/src/results/filter-value.ts';
import { filterForCell, withFilter } from '../../renderer/src/results/result-filters.ts';

describe('a cell value as filter text', () => {
  it('is locale-free text DuckDB casts back: integers beyond 2^53, decimals with a point, ISO dates, booleans, text as is', () => {
    expect(filterValueText('BIGINT', 9007199254740993n)).toBe('9007199254740993');
    expect(filterValueText('HUGEINT', new Uint32Array([1, 0, 0, 0]))).toBe('1');
    expect(filterValueText('DECIMAL(10,2)', 123456n)).toBe('1234.56');
    expect(filterValueText('DECIMAL(10,2)', -5n)).toBe('-0.05');
    expect(filterValueText('DOUBLE', 0.1)).toBe('0.1');
    expect(filterValueText('DATE', Date.UTC(2026, 9, 31))).toBe('2026-10-31');
    expect(filterValueText('BOOLEAN', false)).toBe('false');
    expect(filterValueText('VARCHAR', 'M. d. S.')).toBe('M. d. S.');
  });

  it('is not offered where the value may not arrive whole or cannot be typed back', () => {
    for (const type of ['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIME', 'INTEGER[]', 'STRUCT(a INTEGER)', 'BLOB', 'INTERVAL', 'UUID']) expect(filterValueText(type, 1), type).toBeUndefined();
  });

  it('makes a NULL cell an isNull filter, and the same filter twice is one', () => {
    const isNull = filterForCell({ index: 2, name: 'raca', type: 'VARCHAR' }, null, 'NULL', true);
    expect(isNull).toEqual({ filter: { column: 2, op: 'isNull' }, column: 'raca', shown: 'NULL' });
    const out = filterForCell({ index: 0, name: 'valor', type: 'DECIMAL(10,2)' }, 123456n, '1.234,56', false);
    expect(out).toEqual({ filter: { column: 0, op: 'notEquals', value: '1234.56' }, column: 'valor', shown: '1.234,56' });
    expect(withFilter(withFilter([], out!), out!)).toHaveLength(1);
    expect(filterForCell({ index: 1, name: 'quando', type: 'TIMESTAMP' }, 1, '01/01/1970', true)).toBeUndefined();
  });
});
