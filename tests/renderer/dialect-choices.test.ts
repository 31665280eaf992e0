// The import screen's detected dialects and the analyst's choices kept apart: a field read as
// chosen does not overwrite what had been detected for it.
import { describe, expect, it } from 'vitest';
import type { ImportMonthOutcome } from '../../main/core/api/index.ts';
import { choosableTables, mergeDetected, withChoice } from '../../renderer/src/snapshots/dialect-choices.ts';

function outcome(tables: ImportMonthOutcome['tables'], findings: ImportMonthOutcome['findings'] = []): ImportMonthOutcome {
  return { date: '2026-11-30', tables, findings, blocking: 0, warnings: 0, published: false, notPublished: 'validacao' };
}

const sniffed = { encoding: 'latin-1', delimiter: ';', decimalComma: false, dateFormat: '%d/%m/%Y', header: true } as const;

describe('dialect choices', () => {
  it('keeps what was detected for a field once it is chosen, and follows the file for the others', () => {
    const first = mergeDetected({}, outcome([{ table: 'familia', file: 'familia.csv', rows: 3, dialect: sniffed }]), {});
    expect(first).toEqual({ familia: sniffed });
    const chosen = withChoice({}, 'familia', 'decimalComma', true);
    const read = outcome([{ table: 'familia', file: 'familia.csv', rows: 3, dialect: { ...sniffed, decimalComma: true, delimiter: '|' } }]);
    expect(mergeDetected(first, read, chosen)).toEqual({ familia: { ...sniffed, delimiter: '|' } });
    // No dates found this time: none detected.
    const { dateFormat: _none, ...undated } = sniffed;
    expect(mergeDetected(first, outcome([{ table: 'familia', file: 'familia.csv', rows: 3, dialect: undated }]), {})).toEqual({ familia: undated });
  });

  it('drops a table whose every choice is cleared, and lists CSV files read and files not read, not Parquet', () => {
    const one = withChoice({}, 'familia', 'header', false);
    expect(withChoice(one, 'familia', 'header', undefined)).toEqual({});
    const tables = choosableTables(
      outcome(
        [
          { table: 'pessoa', file: 'pessoa.parquet', rows: 3 },
          { table: 'familia', file: 'familia.csv', rows: 3, dialect: sniffed },
        ],
        [{ rule: 'arquivo_ilegivel', table: 'escola', count: 1, severity: 'bloqueante', message: 'x', examples: [] }],
      ),
    );
    expect(tables).toEqual([{ table: 'escola' }, { table: 'familia', file: 'familia.csv' }]);
  });
});
