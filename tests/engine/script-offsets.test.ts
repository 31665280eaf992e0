// Where statements start, so a refusal points at the statement it refuses.
import { describe, expect, it } from 'vitest';
import { statementIndexAt, statementStarts } from '../../main/core/engine/script-offsets.ts';

describe('statementStarts', () => {
  it('skips semicolons in strings, quoted names, dollar quotes and comments', () => {
    const script = [
      "select 'a;b', \"c;d\", $$e;f$$, E'g\\';h' -- i;j",
      '/* k; /* nested; */ l; */ ;',
      '  select 2;',
      'select 3',
    ].join('\n');
    const starts = statementStarts(script);
    expect(starts.map((start) => script.slice(start, start + 8))).toEqual(["select '", 'select 2', 'select 3']);
  });

  it('ignores empty statements and trailing comments', () => {
    expect(statementStarts(';; select 1 ;; -- fim')).toEqual([3]);
    expect(statementStarts('  -- nada\n /* nada */ ')).toEqual([]);
  });

  it("treats date'...' as a plain string (no backslash escapes)", () => {
    expect(statementStarts("select date'2026-01-01\\'; select 2")).toHaveLength(2);
  });

  it('finds the statement of an index', () => {
    expect(statementIndexAt([0, 10, 20], 15)).toBe(1);
    expect(statementIndexAt([0, 10, 20], 25)).toBe(2);
    expect(statementIndexAt([5], 2)).toBeUndefined();
  });
});
