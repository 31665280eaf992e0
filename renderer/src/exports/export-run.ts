// One export from start to file: the save location (Electron: the native dialog gives an opaque
// handle, never a path, passed back as `saveTarget`) or the browser download (web),
// progress from the query event stream (the export reports as a "query" whose id is the
// exportId), and the final status with its file name, sheets and notices.
import { withExportExtension, type ApiError, type ExportFormat, type ExportStatus, type ParamValue, type QueryEvent, type ResultColumn, type ResultFilter, type SortKey } from '../../../main/core/api/index.ts';
import { apiErrorOf } from '../client/client-error.ts';
import type { RendererClient } from '../client/renderer-client.ts';

export type ExportTarget =
  /** `personal`: a column traces to identificador, sensivel or crianca, or the rows are unmasked (a purpose is required). */
  | { kind: 'result'; queryId: string; statementIndex: number; sort: SortKey[]; filter: ResultFilter[]; personal: boolean }
  | { kind: 'document'; text: string; path: string; params: Record<string, ParamValue | undefined>; snapshot: string };

/** Whether exporting these rows needs a purpose: the core decides the same way (privacy/export-rules.ts). */
export function holdsPersonalData(columns: readonly ResultColumn[], unmasked: boolean): boolean {
  return unmasked || columns.some((column) => column.privacy !== undefined && column.privacy !== 'publico');
}

/** How a grid shows its result: what an export of it writes (the rows its filters keep, in its order). */
export interface GridView {
  sort: SortKey[];
  filter: ResultFilter[];
}

/** A kept result as the grid shows it, marked personal when exporting it needs a purpose. */
export function resultExportTarget(run: { queryId: string; unmasked?: boolean }, statement: { statementIndex: number; columns: readonly ResultColumn[] }, view: GridView): ExportTarget {
  return { kind: 'result', queryId: run.queryId, statementIndex: statement.statementIndex, sort: view.sort, filter: view.filter, personal: holdsPersonalData(statement.columns, run.unmasked === true) };
}

export interface ExportOptions {
  format: ExportFormat;
  fileName: string;
  purpose: string;
}

export type ExportState =
  | { phase: 'running'; rowsWritten: number; totalRows: number }
  | { phase: 'done'; status: ExportStatus; savedTo: string | null }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: ApiError };

/** Backup for a lost event socket: the status is asked for now and then while the export runs. */
const POLL_MS = 1500;

function newExportId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Hands the finished file to the browser: the server sends it as an attachment, once. */
function downloadInBrowser(url: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = new URL(url, location.href).href;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

export interface ExportHandle {
  cancel(): void;
}

/**
 * Starts the export; `onState` follows it to the end. Resolves to null when the user closed the
 * save dialog without choosing a file (nothing started).
 */
export async function startExport(client: RendererClient, target: ExportTarget, options: ExportOptions, onState: (state: ExportState) => void): Promise<ExportHandle | null> {
  const fileName = withExportExtension(options.fileName.trim() || 'exportacao', options.format);
  let saveTarget: string | null = null;
  if (client.chooseSaveLocation) {
    saveTarget = await client.chooseSaveLocation(fileName);
    if (!saveTarget) return null;
  }
  const exportId = newExportId();
  let ended = false;
  let rowsWritten = 0;
  let totalRows = 0;
  const finish = async () => {
    if (ended) return;
    ended = true;
    stop();
    clearInterval(poll);
    try {
      const status = await client.exportStatus({ exportId });
      if (status.state === 'done') {
        if (status.download) downloadInBrowser(status.download, status.fileName);
        onState({ phase: 'done', status, savedTo: saveTarget ? (status.path ?? status.fileName) : null });
      } else if (status.state === 'cancelled') onState({ phase: 'cancelled' });
      else onState({ phase: 'error', error: status.error ?? { code: 'internal', message: status.state } });
    } catch (error) {
      onState({ phase: 'error', error: apiErrorOf(error) });
    }
  };
  const stop = client.onQueryEvent((event: QueryEvent) => {
    if (event.queryId !== exportId || ended) return;
    if (event.kind === 'progress') {
      rowsWritten = event.rowsSoFar;
      onState({ phase: 'running', rowsWritten, totalRows });
    } else if (event.kind === 'finished') void finish();
  });
  const poll = setInterval(() => {
    client.exportStatus({ exportId }).then((status) => {
      if (ended) return;
      if (status.state !== 'running') return void finish();
      totalRows = status.totalRows;
      rowsWritten = Math.max(rowsWritten, status.rowsWritten);
      onState({ phase: 'running', rowsWritten, totalRows });
    }, () => undefined);
  }, POLL_MS);
  onState({ phase: 'running', rowsWritten: 0, totalRows: 0 });
  const common = { exportId, fileName, ...(options.purpose.trim() ? { purpose: options.purpose.trim() } : {}), ...(saveTarget ? { saveTarget } : {}) };
  try {
    if (target.kind === 'result') {
      await client.exportResult({ ...common, queryId: target.queryId, statementIndex: target.statementIndex, format: options.format, ...(target.sort.length ? { sort: target.sort } : {}), ...(target.filter.length ? { filter: target.filter } : {}) });
    } else {
      await client.exportDocument({ ...common, text: target.text, path: target.path, params: target.params, snapshot: target.snapshot, format: 'xlsx' });
    }
  } catch (error) {
    ended = true;
    stop();
    clearInterval(poll);
    onState({ phase: 'error', error: apiErrorOf(error) });
    return null;
  }
  return {
    cancel: () => void client.cancelExport({ exportId }).catch(() => undefined),
  };
}
