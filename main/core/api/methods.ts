// The method table every adapter loops over, and the client and core sides of the contract.
import type { AuditEntry, AuditQuery } from './audit.ts';
import type { TableInfo, WorkbenchInfo } from './catalog.ts';
import type { DocumentSummary, OpenedDocument, ParamOptionsRequest, RunCellRequest, SaveDocumentAsRequest, SavedDocument } from './documents.ts';
import type { ExportDocumentRequest, ExportResultRequest, ExportStatus } from './exports.ts';
import type { ColumnProfile, CompletionResult, FetchRowsRequest, ProfileSource, QueryEventListener, RowsPage, RunQueryRequest, UnmaskRequest } from './queries.ts';
import type { HistoryEntry, Workspace, WorkspacePage } from './session.ts';
import type { DiffSnapshotsRequest, ImportMonthOutcome, ImportMonthRequest, SnapshotOverview } from './snapshots.ts';

export interface WorkbenchApi {
  info(request: Record<string, never>): Promise<WorkbenchInfo>;
  catalog(request: { snapshot?: string }): Promise<TableInfo[]>;
  /** Validates the whole script, then streams its results as QueryEvents and keeps them. */
  runQuery(request: RunQueryRequest): Promise<{ queryId: string }>;
  cancelQuery(request: { queryId: string }): Promise<{ cancelled: boolean }>;
  /** A page of a kept result, sorted in DuckDB when asked: the user's SQL never runs again. */
  fetchRows(request: FetchRowsRequest): Promise<RowsPage>;
  /** Frees a kept result (a closed tab); old ones are also dropped after a while. */
  releaseResult(request: { queryId: string }): Promise<{ released: boolean }>;
  profileColumn(request: ProfileSource): Promise<ColumnProfile>;
  complete(request: { sql: string; cursor: number; snapshot?: string }): Promise<CompletionResult>;
  listHistory(request: { search?: string; limit?: number }): Promise<HistoryEntry[]>;
  loadWorkspace(request: WorkspacePage): Promise<Workspace | null>;
  saveWorkspace(request: Workspace & WorkspacePage): Promise<{ saved: true }>;
  /** The notebooks and panels of the queries folder (the gallery). */
  listDocuments(request: Record<string, never>): Promise<DocumentSummary[]>;
  openDocument(request: { path: string }): Promise<OpenedDocument>;
  /** Writes the file atomically and drops its draft (analysts only; audited). */
  saveDocument(request: { path: string; text: string }): Promise<{ saved: true }>;
  /** Analysts only: a new file of the queries folder named from the title, written atomically and audited. */
  saveDocumentAs(request: SaveDocumentAsRequest): Promise<SavedDocument>;
  /** Keeps unsaved text beside the app's state, so it can be offered back after a crash. */
  autosaveDocument(request: { path: string; text: string }): Promise<{ saved: true }>;
  discardDraft(request: { path: string }): Promise<{ discarded: boolean }>;
  /** Runs one SQL cell of a notebook, its named dependencies compiled in; events as runQuery. */
  runCell(request: RunCellRequest): Promise<{ queryId: string }>;
  /** The choices of a select/multiselect parameter, from its SQL or its list. */
  paramOptions(request: ParamOptionsRequest): Promise<string[]>;
  /** Analysts only: a new query (events as runQuery) holding that statement's rows unmasked. */
  unmaskResult(request: UnmaskRequest): Promise<{ queryId: string }>;
  /** The audit log, newest first (analysts only). */
  listAudit(request: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Starts an export of a kept result. It reports on the query event stream as a query whose
   * queryId is the exportId (`progress` with rows written, `done`, `error`, `finished`);
   * `exportStatus` then tells the file name, the download URL and the notices.
   */
  exportResult(request: ExportResultRequest): Promise<{ exportId: string }>;
  exportDocument(request: ExportDocumentRequest): Promise<{ exportId: string }>;
  /** A cancelled export leaves no file under its final name. */
  cancelExport(request: { exportId: string }): Promise<{ cancelled: boolean }>;
  exportStatus(request: { exportId: string }): Promise<ExportStatus>;
  /** Analysts only: every snapshot with its size, rows per table and how it was published (newest last). */
  snapshotOverview(request: Record<string, never>): Promise<SnapshotOverview[]>;
  /**
   * Analysts only: one table compared between two snapshots by its key, as a query with three
   * results (events as runQuery): the summary, the changes per column, the rows side by side, masked.
   */
  diffSnapshots(request: DiffSnapshotsRequest): Promise<{ queryId: string }>;
  /** Analysts only: a month's files validated, and published when asked (one import at a time); resolves when done. */
  importMonth(request: ImportMonthRequest): Promise<ImportMonthOutcome>;
}

export type WorkbenchMethod = keyof WorkbenchApi;

export const WORKBENCH_METHODS = [
  'info',
  'catalog',
  'runQuery',
  'cancelQuery',
  'fetchRows',
  'releaseResult',
  'profileColumn',
  'complete',
  'listHistory',
  'loadWorkspace',
  'saveWorkspace',
  'listDocuments',
  'openDocument',
  'saveDocument',
  'saveDocumentAs',
  'autosaveDocument',
  'discardDraft',
  'runCell',
  'paramOptions',
  'unmaskResult',
  'listAudit',
  'exportResult',
  'exportDocument',
  'cancelExport',
  'exportStatus',
  'snapshotOverview',
  'diffSnapshots',
  'importMonth',
] as const satisfies readonly WorkbenchMethod[];

// Every method of the contract is in the table the adapters loop over.
type Unlisted = Exclude<WorkbenchMethod, (typeof WORKBENCH_METHODS)[number]>;
export const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The client side, as the renderer sees it: the same methods plus the event stream. */
export interface WorkbenchClient extends WorkbenchApi {
  onQueryEvent(listener: QueryEventListener): () => void;
}

/** The core side: what a shell forwards to its client. */
export interface WorkbenchCore extends WorkbenchClient {
  close(): Promise<void>;
}
