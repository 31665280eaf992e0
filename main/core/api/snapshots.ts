// Snapshots as a thing of their own: what each one holds and where it came from (the Retratos
// screen), and the comparison of two of them by a table's key.

/** A finding of the validation that ran before a snapshot was published (its manifest). */
export interface SnapshotFinding {
  /** The rule's id (`chave_duplicada`, `digito_verificador`, … : docs/DATA-CONTRACT.md). */
  rule: string;
  table: string;
  column?: string;
  count: number;
  severity: 'bloqueante' | 'aviso';
}

/** How a snapshot was published, from its `manifesto.json` (`mirante snapshot import`). */
export interface SnapshotPublication {
  publishedAt: string;
  user: string;
  /** The folder the month's files were imported from. */
  from: string;
  blocking: number;
  warnings: number;
  findings: SnapshotFinding[];
  /** Published despite blocking findings: the reason given (`--force --motivo`). */
  forced?: string;
  /** The validation reports kept beside it (file names in the snapshot's folder). */
  reports: string[];
}

export interface SnapshotOverview {
  date: string;
  /** Bytes of its Parquet files. */
  bytes: number;
  /** Rows per table, from the Parquet files' own metadata. */
  tables: { name: string; rows: number }[];
  /** Absent for a snapshot made otherwise (the sample generator, a copy by hand). */
  publication?: SnapshotPublication;
  /** A manifest that is there but cannot be read: said, not ignored. */
  manifestProblem?: string;
}

export interface DiffSnapshotsRequest {
  table: string;
  /** The older snapshot's date. */
  from: string;
  to: string;
  /** Key columns; default the dictionary's `chave:`. */
  key?: string[];
  queryId?: string;
  timeoutMs?: number;
}

/** How a CSV file is read: what the import found in it, or what an analyst chose instead. */
export interface CsvDialect {
  encoding: 'utf-8' | 'latin-1' | 'windows-1252';
  /** `;` `,` `|` or `tab`. */
  delimiter: string;
  decimalComma: boolean;
  /** strftime (`%d/%m/%Y`); absent when the sniffer found no dates (ISO and dd/mm/aaaa are tried). */
  dateFormat?: string;
  header: boolean;
}

/** A month's files imported from the workbench (analysts): the same import as `mirante snapshot import`, with what it finds sniffed. */
export interface ImportMonthRequest {
  /** The folder holding one file per table, as a full path on the machine running Mirante. */
  from: string;
  date: string;
  /** False: validate only. True: publish when nothing blocks, or when `motivo` says why anyway. */
  publish: boolean;
  /** Publishes despite blocking findings; recorded in the manifest and the audit log (10 characters or more). */
  motivo?: string;
  /** Per table, what to read its CSV file with instead of what is sniffed (`--dialetos`). */
  dialects?: Record<string, DialectChoice>;
}

/** An analyst's choice for one table's file, as text the core checks (an unknown value is refused in words). */
export interface DialectChoice {
  encoding?: string;
  delimiter?: string;
  decimalComma?: boolean;
  /** `dd/mm/aaaa` or strftime. */
  dateFormat?: string;
  header?: boolean;
}

export interface ImportMonthOutcome {
  date: string;
  /** `dialect`: how a CSV file was read in the end (absent for Parquet). */
  tables: { table: string; file: string; rows: number; dialect?: CsvDialect }[];
  findings: (SnapshotFinding & { message: string; examples: string[] })[];
  blocking: number;
  warnings: number;
  published: boolean;
  /** Why nothing was published: asked to validate only, or a blocking finding stands. */
  notPublished?: 'validacao' | 'bloqueado';
  /** The published manifest's SHA-256, as the audit entry holds it. */
  manifestSha256?: string;
}
