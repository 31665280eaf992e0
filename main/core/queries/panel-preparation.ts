// The saved panels, prepared before anyone opens them. A snapshot never changes, so a panel
// cell's answer with its default parameters is known as soon as the snapshot is there; at city
// scale the heavy panels take tens of seconds of DuckDB's work (BENCHMARKS.md). A workbench
// opened for people (the web mode, the desktop app) runs, in the background and one cell at a
// time, every shown cell of every notebook in the queries folder with its defaults on the
// newest snapshot, into the cell cache (results/cell-cache.ts). Opening a panel is then a cache
// answer; opening it while its cell is being prepared waits for that run (kept-queries.ts).
//
// Each prepared cell is admitted and audited as a panel run of the session's user, with a
// purpose that says nobody asked for it; its rows are masked (only masked runs are cached) and
// shown to no one, and it stays out of the user's history.
import { randomUUID } from 'node:crypto';
import type { DocumentSummary } from '../api/index.ts';
import { cellJob, panelLayout, parseDocument } from '../documents/index.ts';
import { comparisonParams, previousSnapshotOf } from '../documents/panel-layout.ts';
import type { Engine } from '../engine/engine.ts';
import type { KeptQueries } from './kept-queries.ts';

export const PREPARATION_PURPOSE = 'Preparo automático do painel ao abrir o retrato (o resultado não foi mostrado a ninguém)';

export interface PreparationLimits {
  /**
   * A prepared answer larger than this (rows × columns) is not kept: a listing of the whole
   * registry saved in the queries folder (pessoa alone is 90 M cells at SF 10) would hold
   * memory nobody asked for. Default 10,000,000, a third of the cell cache's budget, so a
   * panel's own long lists stay in: Dívida ativa's CDAs at risk of prescription are 1.08 M
   * rows, 5.4 M cells at SF 10 (some 50 MB in DuckDB); under the 1 M limit of before, the
   * panel's first open computed them (2.4 s instead of 0.2 s, BENCHMARKS.md).
   */
  maxCells?: number;
  /** Each prepared cell stops after this long (default 5 minutes): one heavy notebook cannot hold the others back for long. */
  timeoutMs?: number;
}

const DEFAULT_MAX_CELLS = 10_000_000;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface PanelPreparationReport {
  snapshot: string;
  /** Notebooks of the queries folder that were prepared. */
  documents: number;
  /** Shown cells run, and how they ended. */
  cells: number;
  prepared: number;
  failed: number;
  /** Ended well, but too large to keep (PreparationLimits.maxCells). */
  tooLarge: number;
  /** Stopped by the workbench closing before every cell ran. */
  stopped: boolean;
  ms: number;
}

export interface PanelPreparationParts {
  engine: Engine;
  queries: KeptQueries;
  documents: {
    list(): Promise<DocumentSummary[]>;
    open(path: string): Promise<{ text: string }>;
  };
}

export class PanelPreparation {
  private last: Promise<PanelPreparationReport> | undefined;
  private preparedFor: string | undefined;
  private stopped = false;

  constructor(
    private readonly parts: PanelPreparationParts,
    private readonly limits: PreparationLimits = {},
  ) {}

  /** Prepares the newest snapshot's panels unless that was done (or is under way). */
  ensure(): void {
    const snapshot = this.parts.engine.defaultSnapshot();
    if (this.stopped || snapshot === this.preparedFor) return;
    this.preparedFor = snapshot;
    const previous = this.last;
    this.last = (async () => {
      await previous;
      return this.prepare(snapshot);
    })();
  }

  /** The latest preparation's report once it ends; null when none was asked for. */
  async settled(): Promise<PanelPreparationReport | null> {
    return (await this.last) ?? null;
  }

  /** No cell starts after this (the running one is cancelled by the workbench's close). */
  stop(): void {
    this.stopped = true;
  }

  private async prepare(snapshot: string): Promise<PanelPreparationReport> {
    const started = performance.now();
    const report: PanelPreparationReport = { snapshot, documents: 0, cells: 0, prepared: 0, failed: 0, tooLarge: 0, stopped: false, ms: 0 };
    // As the panel screen opens a panel: compared with the snapshot before this one.
    const previous = previousSnapshotOf(this.parts.engine.snapshots().map((s) => s.date), snapshot);
    for (const summary of await this.parts.documents.list().catch(() => [])) {
      if (summary.kind !== 'notebook' || summary.problems.length > 0) continue;
      if (this.stopped) break;
      report.documents += 1;
      await this.prepareDocument(summary.path, snapshot, previous, report);
    }
    report.stopped = this.stopped;
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  private async prepareDocument(path: string, snapshot: string, previous: string | null, report: PanelPreparationReport): Promise<void> {
    const { engine, queries, documents } = this.parts;
    const text = await documents.open(path).then(
      (opened) => opened.text,
      () => undefined, // removed since it was listed
    );
    if (text === undefined) return;
    const doc = parseDocument(text, path);
    const params = comparisonParams(doc, previous);
    for (const cell of panelLayout(doc).shown) {
      if (this.stopped) return;
      report.cells += 1;
      try {
        const { job, relocate } = await cellJob(engine, doc, cell, {
          source: { kind: 'saved', document: path },
          queryId: randomUUID(),
          snapshot,
          params,
          timeoutMs: this.limits.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          audit: { document: path, purpose: PREPARATION_PURPOSE },
        });
        const ended = await queries.prepare(job, relocate, this.limits.maxCells ?? DEFAULT_MAX_CELLS);
        if (ended === 'ok') report.prepared += 1;
        else if (ended === 'too_large') report.tooLarge += 1;
        else report.failed += 1;
      } catch {
        // A cell that does not compile, or a required parameter without a default: the panel
        // shows its error when opened.
        report.failed += 1;
      }
    }
  }
}
