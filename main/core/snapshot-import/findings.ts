// What a check finds: one rule broken in one table (and column), how many times, a few masked
// examples, and whether it stops publishing. Severities come from the dictionary: a table's
// own `validacao.severidade`, else the root's, else the defaults below.
import type { Dictionary, Severity, ValidationRule } from '../registry/dictionary.ts';

export interface Finding {
  rule: ValidationRule;
  table: string;
  column?: string;
  /** Counted as each rule says (docs/DATA-CONTRACT.md, "Checking an import"). */
  count: number;
  /** At most a few, identifiers masked. */
  examples: string[];
  severity: Severity;
  /** pt-BR, for people. */
  message: string;
}

export type NewFinding = Omit<Finding, 'severity' | 'examples'> & { examples?: string[] };

export const MAX_EXAMPLES = 3;

// Drift is news, not damage; an extra column or an unknown file loses nothing the contract
// promises (the data of the contract's tables is all there).
const DEFAULT_SEVERITY: Partial<Record<ValidationRule, Severity>> = {
  deriva: 'aviso',
  coluna_extra: 'aviso',
  tabela_desconhecida: 'aviso',
};

export function severityOf(dictionary: Dictionary, rule: ValidationRule, table: string): Severity {
  return dictionary.tables.get(table)?.validation?.severity[rule] ?? dictionary.validation?.severity[rule] ?? DEFAULT_SEVERITY[rule] ?? 'bloqueante';
}

export function withSeverity(dictionary: Dictionary, finding: NewFinding): Finding {
  return { ...finding, examples: (finding.examples ?? []).slice(0, MAX_EXAMPLES), severity: severityOf(dictionary, finding.rule, finding.table) };
}

export function isBlocking(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'bloqueante');
}
