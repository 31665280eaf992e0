// The export methods of the contract, for the Workbench to delegate to: kept results and
// panels turned into export jobs. Where a file goes is never a client's text: a save handle
// the desktop shell granted (save-targets.ts) or, without one, a download; and never into the
// data dir, its snapshots, the audit log's folder or the state folder (protected-places.ts).
import { randomUUID } from 'node:crypto';
import type { ExportDocumentRequest, ExportFormat, ExportResultRequest, ExportStatus, ParamValue, QueryEvent } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { QueryRunner, QuerySource } from '../queries/query-runner.ts';
import type { ResultStore } from '../results/result-store.ts';
import { parseDocument } from '../documents/index.ts';
import { ExportJobs } from './export-jobs.ts';
import { filterText } from './about-sheet.ts';
import { orderByOf } from './kept-export.ts';
import { keptTableOf, runCellsKept } from './kept-tables.ts';
import { ProtectedPlaces } from './protected-places.ts';
import { SaveTargets, notAllowed } from './save-targets.ts';

const FORMATS = new Set(['xlsx', 'csv', 'csv-br', 'json', 'parquet']);

export interface WorkbenchExportsOptions {
  /** What the desktop shell grants after its save dialog; absent, a registry nobody grants into (the web mode). */
  saveTargets?: SaveTargets;
  /** Folders besides the data dir (always protected) no export may write into: the state folder, the audit log's folder. */
  protectedRoots?: readonly string[];
  /** Root of the web mode's downloads folders; default this user's private root under the temp folder. */
  downloadsRoot?: string;
}

/** What produced a kept result. */
export interface ExportOrigin {
  sql: string;
  params?: Record<string, ParamValue>;
  snapshot: string;
}

/** The fields of an export request that say where it goes. */
interface Placement {
  format: string;
  saveTarget?: unknown;
}

export class WorkbenchExports {
  private readonly jobs: ExportJobs;
  /** The shell grants into this (Electron's save dialog); the web mode never does. */
  readonly saveTargets: SaveTargets;

  constructor(
    private readonly engine: Engine,
    private readonly runner: QueryRunner,
    private readonly results: ResultStore,
    emit: (event: QueryEvent) => void,
    options: WorkbenchExportsOptions = {},
  ) {
    this.saveTargets = options.saveTargets ?? new SaveTargets();
    const protectedPlaces = new ProtectedPlaces({ dataDirs: [engine.dataDir], roots: options.protectedRoots ?? [] });
    this.jobs = new ExportJobs({
      connect: () => engine.appConnection(),
      emit,
      protectedPlaces,
      ...(options.downloadsRoot ? { downloadsRoot: options.downloadsRoot } : {}),
    });
  }

  /**
   * Refuses, before anything runs or is logged, a request that names a path (`destination`:
   * the core never takes one from a client), carries a handle the shell never granted (or
   * already used), or whose granted path lies in a protected folder. Uses nothing up.
   */
  checkPlacement(request: Placement): void {
    this.placement(request, false);
  }

  /** `checkPlacement`, and the sort and filters checked against the result's columns. */
  checkResultExport(request: ExportResultRequest): void {
    this.placement(request, false);
    orderByOf(keptTableOf(this.results.get(request), 'dados', request.sort, request.filter));
  }

  /** `origin`: what the kept query ran, for the "Sobre" sheet (its rows are never run again). */
  exportResult(request: ExportResultRequest, origin?: ExportOrigin): { exportId: string } {
    const savePath = this.placement(request, true);
    const kept = this.results.get(request);
    const title = 'Consulta';
    const table = keptTableOf(kept, 'dados', request.sort, request.filter);
    const filter = request.filter ?? [];
    const exportId = this.jobs.start({
      ...this.common(request, savePath),
      format: request.format,
      about: {
        title,
        snapshot: origin?.snapshot ?? this.engine.defaultSnapshot(),
        params: origin?.params ?? {},
        sql: origin ? [{ sheet: 'dados', text: origin.sql }] : [],
        filters: filter.map((f) => filterText(f, table.columns[f.column]?.name ?? String(f.column))),
        timeZone: this.engine.timeZone,
        ...(request.purpose ? { purpose: request.purpose } : {}),
      },
      // The grid counted the filtered rows for the same view: asking again pages its copy (kept-result.ts).
      prepare: async () => [filter.length ? { ...table, rowCount: await kept.rowsKept(filter, request.sort) } : table],
    });
    return { exportId };
  }

  /** `source`: the saved panel the text came from, or text a user typed (who may run its cells). */
  exportDocument(request: ExportDocumentRequest & { source: QuerySource }): { exportId: string } {
    const savePath = this.placement(request, true);
    if (request.format !== 'xlsx') throw new WorkbenchError({ code: 'parameter', message: 'Painéis exportam em xlsx.' });
    const doc = parseDocument(String(request.text), request.path);
    const snapshot = request.snapshot ?? this.engine.defaultSnapshot();
    const runId = randomUUID();
    let release = async () => undefined as void;
    const about = {
      title: `Painel: ${doc.title}`,
      ...(request.path ? { source: request.path } : {}),
      snapshot,
      params: request.params ?? {},
      sql: [] as { sheet: string; text: string }[],
      timeZone: this.engine.timeZone,
      ...(request.purpose ? { purpose: request.purpose } : {}),
    };
    const exportId = this.jobs.start({
      ...this.common(request, savePath),
      fileName: request.fileName ?? doc.title,
      format: 'xlsx',
      about,
      prepare: async (signal) => {
        const ran = await runCellsKept(
          { engine: this.engine, runner: this.runner },
          this.results,
          { doc, source: request.source, params: request.params ?? {}, snapshot, runId, ...(request.exportId ? { exportId: request.exportId } : {}) },
          signal,
        );
        release = ran.release;
        about.sql.push(...ran.sql);
        return ran.tables;
      },
      cleanup: () => release(),
    });
    return { exportId };
  }

  cancel(exportId: string): boolean {
    return this.jobs.cancel(exportId);
  }

  status(exportId: string): ExportStatus {
    return this.jobs.status(exportId);
  }

  settled(exportId: string): Promise<ExportStatus> {
    return this.jobs.settled(exportId);
  }

  takeDownload(exportId: string): ReturnType<ExportJobs['takeDownload']> {
    return this.jobs.takeDownload(exportId);
  }

  close(): Promise<void> {
    return this.jobs.close();
  }

  /** The granted path of the request (`take`: used up), or undefined for a download; refusals as checkPlacement says. */
  private placement(request: Placement, take: boolean): string | undefined {
    if ((request as { destination?: unknown }).destination !== undefined) {
      throw notAllowed('O caminho do arquivo não pode vir do cliente: escolha o local no diálogo de salvar do Mirante ou baixe o arquivo.');
    }
    if (!FORMATS.has(request.format)) throw new WorkbenchError({ code: 'parameter', message: `Formato desconhecido: ${String(request.format)}` });
    if (request.saveTarget === undefined) return undefined;
    const savePath = take ? this.saveTargets.take(request.saveTarget) : this.saveTargets.peek(request.saveTarget);
    this.jobs.checkSavePath(savePath, request.format as ExportFormat);
    return savePath;
  }

  private common(request: { exportId?: string; fileName?: string }, savePath: string | undefined) {
    return {
      ...(request.exportId ? { exportId: request.exportId } : {}),
      ...(request.fileName ? { fileName: request.fileName } : {}),
      ...(savePath ? { savePath } : {}),
    };
  }
}
