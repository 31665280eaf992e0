// The exports of a session: each runs in the background on a connection of its own, reports
// on the query event stream as a "query" whose id is the exportId, and can be cancelled.
// Without a destination (the web mode) the file stays in an app-private downloads folder
// until the one download of it (see takeDownload), and is removed at close.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, toApiError, type ExportFormat, type ExportStatus, type QueryEvent } from '../api.ts';
import type { AboutInfo } from './about-sheet.ts';
import { sanitizeFileName } from './file-name.ts';
import { exportKeptTables, type KeptTable } from './kept-export.ts';

export interface ExportJob {
  exportId?: string;
  format: ExportFormat;
  fileName?: string;
  destination?: string;
  about: AboutInfo;
  /** Gets the kept tables to write (a panel runs its cells here), on the export's signal. */
  prepare: (signal: AbortSignal) => Promise<KeptTable[]>;
  /** After the export, whatever happened (a panel releases the results it made). */
  cleanup?: () => Promise<void>;
}

export interface ExportJobsOptions {
  connect: () => Promise<DuckDBConnection>;
  emit: (event: QueryEvent) => void;
  downloadsDir?: string;
}

interface Running {
  status: ExportStatus;
  controller: AbortController;
  done: Promise<void>;
}

function defaultDownloadsDir(): string {
  return path.join(os.tmpdir(), 'mirante-exportacoes', `pid-${process.pid}`);
}

/** A destination chosen in a save dialog: absolute, its base name sanitised, never a folder. */
export function resolveDestination(destination: string, format: ExportFormat): string {
  if (!path.isAbsolute(destination)) throw new WorkbenchError({ code: 'parameter', message: 'O destino da exportação deve ser um caminho absoluto.' });
  return path.join(path.dirname(destination), sanitizeFileName(path.basename(destination), format));
}

export class ExportJobs {
  private readonly jobs = new Map<string, Running>();
  private readonly downloadsDir: string;

  constructor(private readonly options: ExportJobsOptions) {
    this.downloadsDir = options.downloadsDir ?? defaultDownloadsDir();
  }

  start(job: ExportJob): string {
    const exportId = job.exportId ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(exportId) || this.jobs.has(exportId)) {
      throw new WorkbenchError({ code: 'parameter', message: 'Identificador de exportação inválido ou repetido.' });
    }
    const fileName = sanitizeFileName(job.fileName ?? job.about.title, job.format);
    const target = job.destination ? resolveDestination(job.destination, job.format) : path.join(this.downloadsDir, exportId, fileName);
    const status: ExportStatus = {
      exportId, state: 'running', format: job.format, fileName: path.basename(target), rowsWritten: 0, totalRows: 0, sheets: [], notices: [],
    };
    const controller = new AbortController();
    const running: Running = { status, controller, done: Promise.resolve() };
    this.jobs.set(exportId, running);
    running.done = this.run(running, job, target);
    return exportId;
  }

  private async run(running: Running, job: ExportJob, target: string): Promise<void> {
    const { status, controller } = running;
    const started = performance.now();
    const queryId = status.exportId;
    const elapsed = () => performance.now() - started;
    let connection: DuckDBConnection | undefined;
    try {
      const tables = await job.prepare(controller.signal);
      status.totalRows = tables.reduce((sum, t) => sum + t.rowCount, 0);
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
      if (!job.destination) status.download = `/downloads/${queryId}`;
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
   * Null for an unknown, unfinished, already downloaded or saved-to-destination export.
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
    await fs.rm(this.downloadsDir, { recursive: true, force: true });
  }
}
