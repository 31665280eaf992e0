// What the import found in each CSV file and what the analyst chose instead, kept apart: a
// table's field, once chosen, is read as chosen, so the outcome no longer says what was
// sniffed; the last sniffed value stays the one shown as detected.
import type { CsvDialect, DialectChoice, ImportMonthOutcome } from '../../../main/core/api/index.ts';

export type DialectField = keyof DialectChoice;
export type Detected = Record<string, Partial<CsvDialect>>;
export type Choices = Record<string, DialectChoice>;

export const DIALECT_FIELDS: readonly DialectField[] = ['encoding', 'delimiter', 'decimalComma', 'dateFormat', 'header'];

export const ENCODINGS = ['utf-8', 'latin-1', 'windows-1252'] as const;
export const DELIMITERS = [';', ',', '|', 'tab'] as const;
export const DATE_FORMATS = ['%d/%m/%Y', '%Y-%m-%d', '%d-%m-%Y', '%d.%m.%Y', '%m/%d/%Y'] as const;

/** The detected values of an outcome, but not those of fields the request had chosen. */
export function mergeDetected(previous: Detected, outcome: ImportMonthOutcome, sent: Choices): Detected {
  const next: Detected = { ...previous };
  for (const { table, dialect } of outcome.tables) {
    if (dialect === undefined) continue;
    const found: Partial<CsvDialect> = { ...previous[table] };
    for (const field of DIALECT_FIELDS) {
      if (sent[table]?.[field] !== undefined) continue;
      // A field absent from the outcome (no dates found) was sniffed as absent.
      if (dialect[field] === undefined) delete found[field];
      else Object.assign(found, { [field]: dialect[field] });
    }
    next[table] = found;
  }
  return next;
}

/** The tables whose reading can be chosen: CSV files read, and files that could not be read at all. */
export function choosableTables(outcome: ImportMonthOutcome): { table: string; file?: string }[] {
  const read = outcome.tables.filter((t) => t.dialect !== undefined).map(({ table, file }) => ({ table, file }));
  const unreadable = outcome.findings.filter((f) => f.rule === 'arquivo_ilegivel' && !read.some((r) => r.table === f.table)).map(({ table }) => ({ table }));
  return [...read, ...unreadable].sort((a, b) => a.table.localeCompare(b.table));
}

/** A choice set or cleared (`undefined`: back to what is sniffed); a table left with none drops out. */
export function withChoice(choices: Choices, table: string, field: DialectField, value: DialectChoice[DialectField] | undefined): Choices {
  const current: DialectChoice = { ...choices[table] };
  if (value === undefined) delete current[field];
  else Object.assign(current, { [field]: value });
  const { [table]: _dropped, ...others } = choices;
  return Object.keys(current).length === 0 ? others : { ...others, [table]: current };
}

/** `%d/%m/%Y` → `dd/mm/aaaa` (`yyyy` in English). */
export function dateFormatLabel(format: string, year: string): string {
  return format.replaceAll('%d', 'dd').replaceAll('%m', 'mm').replaceAll('%Y', year);
}
