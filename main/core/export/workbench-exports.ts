// The export methods of the contract, for the Workbench to delegate to: kept results and
// panels turned into export jobs.
import { randomUUID } from 'node:crypto';
import type { ExportDocumentRequest, ExportResultRequest, ExportStatus, QueryEvent, RunQueryRequest } from '../api.ts';
import { WorkbenchError } from '../api.ts';
import type { Engine } from '../engine/engine.ts';
import type { QueryRunner, QuerySource } from '../queries/query-runner.ts';
import type { ResultStore } from '../results/result-store.ts';
import { parseDocument } from '../documents/index.ts';
import { ExportJobs } from './export-jobs.ts';
import { keptTableOf, runCellsKept } from './kept-tables.ts';
import { ProvenanceLog } from './provenance.ts';

const FORMATS = new Set(['xlsx', 'csv', 'csv-br', 'json', 'parquet']);

export class WorkbenchExports {
  private readonly jobs: ExportJobs;
  private readonly provenance = new ProvenanceLog();

  constructor(
    private readonly engine: Engine,
    private readonly runner: QueryRunner,
    private readonly results: ResultStore,
    emit: (event: QueryEvent) => void,
    downloadsDir?: string,
  ) {
    this.jobs = new ExportJobs({ connect: () => engine.appConnection(), emit, ...(downloadsDir ? { downloadsDir } : {}) });
  }

  /** Called as each query starts, so its export can say where its rows came from. */
  remember(request: RunQueryRequest & { queryId: string }, title = 'Consulta'): void {
    this.provenance.remember(request.queryId, {
      sql: request.sql, params: request.params ?? {}, snapshot: request.snapshot ?? this.engine.defaultSnapshot(), title,
    });
  }

  exportResult(request: ExportResultRequest): { exportId: string } {
    if (!FORMATS.has(request.format)) throw new WorkbenchError({ code: 'parameter', message: `Formato desconhecido: ${String(request.format)}` });
    const kept = this.results.get(request);
    const origin = this.provenance.get(request.queryId);
    const title = origin?.title ?? 'Consulta';
    const table = keptTableOf(kept, 'dados', request.sort);
    const exportId = this.jobs.start({
      ...this.common(request),
      format: request.format,
      about: {
        title,
        snapshot: origin?.snapshot ?? this.engine.defaultSnapshot(),
        params: origin?.params ?? {},
        sql: origin ? [{ sheet: 'dados', text: origin.sql }] : [],
        ...(request.purpose ? { purpose: request.purpose } : {}),
      },
      prepare: async () => [table],
    });
    return { exportId };
  }

  /** `source`: the saved panel the text came from, or text a user typed (who may run its cells). */
  exportDocument(request: ExportDocumentRequest & { source: QuerySource }): { exportId: string } {
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
      ...(request.purpose ? { purpose: request.purpose } : {}),
    };
    const exportId = this.jobs.start({
      ...this.common(request),
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

  private common(request: { exportId?: string; fileName?: string; destination?: string }) {
    return {
      ...(request.exportId ? { exportId: request.exportId } : {}),
      ...(request.fileName ? { fileName: request.fileName } : {}),
      ...(request.destination ? { destination: request.destination } : {}),
    };
  }
}
