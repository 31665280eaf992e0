// The truth file (`verdade.json`) of a city export: how each file was written and what was
// injected, so a test of the importer and the validator can assert exact counts.
import type { CsvDialect } from './city-export-dialect.ts';
import type { SnapshotChanges } from './snapshot-changes.ts';

/** The validator's rule ids (the import's report names findings with these). */
export const RULE_IDS = [
  'tabela_ausente', 'tabela_desconhecida', 'coluna_ausente', 'coluna_extra', 'tipo_invalido', 'chave_nula',
  'chave_duplicada', 'chave_estrangeira_orfa', 'digito_verificador', 'cpf_repetido', 'dominio', 'data_impossivel',
  'deriva', 'arquivo_ilegivel',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** The defects the export can inject, named by the rule that must find them. */
export const DEFECT_KINDS = [
  'digito_verificador', 'cpf_repetido', 'chave_estrangeira_orfa', 'data_impossivel', 'coluna_ausente', 'arquivo_ilegivel',
] as const satisfies readonly RuleId[];
export type DefectKind = (typeof DEFECT_KINDS)[number];

/**
 * One kind of finding in one table (and column). `count` is the number of rows that break the
 * rule; for `cpf_repetido` every row whose CPF another row also has (a pair counts 2) and
 * `values` the distinct CPFs so shared; for `coluna_ausente` and `arquivo_ilegivel`, 1.
 */
export interface RuleCount {
  rule: RuleId;
  table: string;
  column?: string;
  count: number;
  values?: number;
}

export type FileTruth =
  | ({ table: string; file: string } & CsvDialect)
  | {
      table: string;
      file: string;
      format: 'parquet';
      encoding: null;
      delimiter: null;
      header: null;
      quoted: null;
      decimalComma: null;
      dateFormat: null;
    };

export interface CityExportTruth {
  /** The snapshot date the export is of. */
  date: string;
  seed: number;
  files: FileTruth[];
  /** What was injected: a validator must find `baseline + defects` for each (rule, table, column). */
  defects: RuleCount[];
  /**
   * The same (rule, table, column) counted on the clean snapshot before injecting, by the
   * simple SQL and check digits of city-export-baseline.ts (not by the validator). The
   * injected rows are chosen among rows that did not already break the rule, so the file holds
   * exactly baseline + injected.
   */
  baseline: RuleCount[];
  /** What changed between the generator's two snapshots, from its model (snapshot-changes.ts). */
  changes?: SnapshotChanges;
}
