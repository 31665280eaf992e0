// Reads an export folder into the import session and checks it: the files against the
// dictionary's tables, each file's columns and types, then every rule. What was read stays
// in the session for publishing.
import type { Dictionary } from '../registry/dictionary.ts';
import type { SnapshotLayout } from '../registry/snapshots.ts';
import { optionsFor } from './csv-dialect.ts';
import type { ImportOptions } from './csv-dialect.ts';
import { withSeverity } from './findings.ts';
import type { Finding, NewFinding } from './findings.ts';
import { readTable } from './read-table.ts';
import type { LoadedTable } from './read-table.ts';
import type { Rule } from './rules/context.ts';
import { drift } from './rules/drift.ts';
import { checkDigits } from './rules/identifiers.ts';
import { foreignKeys, primaryKeys } from './rules/keys.ts';
import { domains, impossibleDates } from './rules/values.ts';
import type { ImportSession } from './session.ts';
import { listSources } from './source-files.ts';
import { checkOptionFormats } from './table-options.ts';

const RULES: readonly Rule[] = [primaryKeys, foreignKeys, checkDigits, domains, impossibleDates, drift];

export interface ValidationInput {
  fromDir: string;
  date: string;
  dictionary: Dictionary;
  options: ImportOptions;
  previous?: SnapshotLayout;
  /** Told when each table is read (the command prints it). */
  onTable?: (table: string) => void;
}

export interface Validation {
  findings: Finding[];
  loaded: Map<string, LoadedTable>;
}

const ORDER = (a: Finding, b: Finding) => a.table.localeCompare(b.table) || (a.column ?? '').localeCompare(b.column ?? '') || a.rule.localeCompare(b.rule);

export async function validateExport(session: ImportSession, input: ValidationInput): Promise<Validation> {
  const { dictionary } = input;
  const listing = await listSources(input.fromDir, dictionary);
  checkOptionFormats(input.options, listing.sources);
  const found: NewFinding[] = [...listing.findings];
  const loaded = new Map<string, LoadedTable>();
  for (const source of listing.sources) {
    input.onTable?.(source.table);
    const entry = dictionary.tables.get(source.table);
    if (entry === undefined) continue;
    const outcome = await readTable(session.connection, source, entry, optionsFor(input.options, source.table), session.scratchDir);
    found.push(...outcome.findings);
    if (outcome.loaded) loaded.set(source.table, outcome.loaded);
  }
  const context = { connection: session.connection, dictionary, loaded, date: input.date, ...(input.previous ? { previous: input.previous } : {}) };
  for (const rule of RULES) found.push(...(await rule(context)));
  return { findings: found.map((finding) => withSeverity(dictionary, finding)).sort(ORDER), loaded };
}
