// The exports of a session: each runs in the background on a connection of its own, reports
// on the query event stream as a "query" whose id is the exportId, and can be cancelled.
// A job either saves to a path the desktop shell granted (save-targets.ts), never into a
// protected folder (protected-places.ts), or (the web mode) leaves the file in this
// instance's private downloads folder until its one download (see takeDownload); that folder
// is removed at close, and those of crashed processes when the next instance starts.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, toApiError, type ExportFormat, type ExportStatus, type QueryEvent } from '../api/index.ts';
import type { AboutInfo } from './about-sheet.ts';
import { sanitizeFileName } from './file-name.ts';
import { exportKeptTables, type KeptTable } from './kept-export.ts';
import { PRIVATE_FOLDER_MODE, privateTempRoot, processFolder } from './private-folder.ts';
import { ProtectedPlaces } from './protected-places.ts';

export interface ExportJob {
  exportId?: string;
  format: ExportFormat;
  fileName?: string;
  /** A path the desktop shell's save dialog granted (never a client's text); absent: a download. */
  savePath?: string;
  about: AboutInfo;
  /** Gets the kept tables to write (a panel runs its cells here), on the export's signal. */
  prepare: (signal: AbortSignal) => Promise<KeptTable[]>;
  /** After the export, whatever happened (a panel releases the results it made). */
  cleanup?: () => Promise<void>;
}

export interface ExportJobsOptions {
  connect: () => Promise<DuckDBConnection>;
  emit: (event: QueryEvent) => void;
  /** Root of the downloads folders; default this user's private root under the temp folder. */
  downloadsRoot?: string;
  /** Folders no export may write into. */
  protectedPlaces?: ProtectedPlaces;
}

interface Running {
  status: ExportStatus;
  controller: AbortController;
  done: Promise<void>;
}

/** A granted path with its base name sanitised for the format (the folder is the one chosen). */
export function resolveSavePath(savePath: string, format: ExportFormat): string {
  if (!path.isAbsolute(savePath)) throw new WorkbenchError({ code: 'not_allowed', message: 'O local da exportação deve ser um caminho absoluto.' });
  return path.join(path.dirname(savePath), sanitizeFileName(path.basename(savePath), format));
}

/** This instance's downloads folder (0700) under this process's folder of the private root. */
async function openDownloadsFolder(root: string | undefined): Promise<string> {
  const mine = await processFolder(root ?? (await privateTempRoot('exportacoes')));
  return fs.mkdtemp(path.join(mine, 'exportacoes-'));
}

export class ExportJobs {
  private readonly jobs = new Map<string, Running>();
  private readonly downloads: Promise<string>;
  private readonly places: ProtectedPlaces;

  constructor(private readonly options: ExportJobsOptions) {
    this.places = options.protectedPlaces ?? new ProtectedPlaces({});
    this.downloads = openDownloadsFolder(options.downloadsRoot);
    // Awaited by every job and by close; this only keeps a failure from going unhandled meanwhile.
    this.downloads.catch(() => undefined);
  }

  /** Resolves once the downloads folder is ready (and the folders of dead processes are gone). */
  async ready(): Promise<void> {
    await this.downloads;
  }

  /** Throws, before anything starts, when a granted path is in a protected folder or its folder does not exist. */
  checkSavePath(savePath: string, format: ExportFormat): string {
    const target = resolveSavePath(savePath, format);
    this.places.check(target, { folderMustExist: true });
    return target;
  }

  start(job: ExportJob): string {
    const exportId = job.exportId ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(exportId) || this.jobs.has(exportId)) {
      throw new WorkbenchError({ code: 'parameter', message: 'Identificador de exportação inválido ou repetido.' });
    }
    const saved = job.savePath ? this.checkSavePath(job.savePath, job.format) : undefined;
    const fileName = saved ? path.basename(saved) : sanitizeFileName(job.fileName ?? job.about.title, job.format);
    const status: ExportStatus = {
      exportId, state: 'running', format: job.format, fileName, rowsWritten: 0, totalRows: 0, sheets: [], notices: [],
    };
    const controller = new AbortController();
    const running: Running = { status, controller, done: Promise.resolve() };
    this.jobs.set(exportId, running);
    running.done = this.run(running, job, saved);
    return exportId;
  }

  /** Where the file goes: the granted path (checked again: folders and links may have changed), or a fresh downloads folder. */
  private async targetOf(exportId: string, fileName: string, saved: string | undefined): Promise<string> {
    if (saved) {
      this.places.check(saved, { folderMustExist: true });
      return saved;
    }
    const folder = path.join(await this.downloads, exportId);
    await fs.mkdir(folder, { mode: PRIVATE_FOLDER_MODE });
    return path.join(folder, fileName);
  }

  private async run(running: Running, job: ExportJob, saved: string | undefined): Promise<void> {
    const { status, controller } = running;
    const started = performance.now();
    const queryId = status.exportId;
    const elapsed = () => performance.now() - started;
    let connection: DuckDBConnection | undefined;
    try {
      const tables = await job.prepare(controller.signal);
      status.totalRows = tables.reduce((sum, t) => sum + t.rowCount, 0);
      const target = await this.targetOf(queryId, status.fileName, saved);
      connection = await this.options.connect();
      const summary = await exportKeptTables(connection, tables, {
        format: job.format,
        target,
        about: job.about,
        signal: controller.signal,
        onProgress: (rows) => {
          status.rowsWritten = rows;
          this.options.emit({ kind: 'progress', queryId, statementIndex: 0, rowsSoFar: rows, elapsedMs: elapsed() });
        },
      });
      Object.assign(status, { state: 'done', rowsWritten: summary.rows, sheets: summary.sheets, notices: summary.notices, path: target });
      if (!saved) status.download = `/downloads/${queryId}`;
      this.options.emit({ kind: 'done', queryId, statementIndex: 0, rowCount: summary.rows, elapsedMs: elapsed() });
    } catch (error) {
      const detail = toApiError(controller.signal.aborted ? new WorkbenchError({ code: 'cancelled', message: 'Exportação cancelada.' }) : error);
      Object.assign(status, { state: detail.code === 'cancelled' ? 'cancelled' : 'error', error: detail });
      this.options.emit({ kind: 'error', queryId, error: detail });
    } finally {
      connection?.closeSync();
      await job.cleanup?.().catch(() => undefined);
      this.options.emit({ kind: 'finished', queryId, elapsedMs: elapsed() });
    }
  }

  status(exportId: string): ExportStatus {
    const running = this.jobs.get(exportId);
    if (!running) throw new WorkbenchError({ code: 'not_found', message: 'Exportação desconhecida.' });
    return { ...running.status, sheets: [...running.status.sheets], notices: [...running.status.notices] };
  }

  cancel(exportId: string): boolean {
    const running = this.jobs.get(exportId);
    if (!running || running.status.state !== 'running') return false;
    running.controller.abort();
    return true;
  }

  /** Resolves when the export has ended (done, failed or cancelled). */
  async settled(exportId: string): Promise<ExportStatus> {
    await this.jobs.get(exportId)?.done;
    return this.status(exportId);
  }

  /**
   * The finished file of a web-mode export, for its one download; `release` deletes it.
   * Null for an unknown, unfinished, already downloaded or saved-to-a-chosen-path export.
   */
  takeDownload(exportId: string): { path: string; fileName: string; release: () => Promise<void> } | null {
    const running = this.jobs.get(exportId);
    const status = running?.status;
    if (!status || status.state !== 'done' || !status.download || !status.path) return null;
    const file = status.path;
    delete status.download;
    return { path: file, fileName: status.fileName, release: () => fs.rm(path.dirname(file), { recursive: true, force: true }) };
  }

  async close(): Promise<void> {
    for (const running of this.jobs.values()) running.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((r) => r.done));
    const folder = await this.downloads.catch(() => undefined);
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  }
}
