// Queries and exports of a closed browser page are cancelled. Nobody will see their results,
// and a forgotten `select … from range(10^10)` would otherwise hold DuckDB's threads until it
// ends. Each page of the web client sends a random page id with every call and on its event
// socket; the server remembers what each page started, and when the page's last socket closes
// and no socket of that page comes back within the grace time (the client reconnects after a
// drop), cancels what is still running.
import type { QueryEvent, WorkbenchApi, WorkbenchMethod } from '../core/api/index.ts';
import type { RpcObserver } from './rpc.ts';

export const PAGE_HEADER = 'x-mirante-page';
export const PAGE_PARAM = 'page';

const PAGE_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** undefined: no page id sent; null: one was sent, malformed (the caller answers 400). */
export function readPageId(value: string | string[] | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' && PAGE_ID.test(value) ? value : null;
}

type Kind = 'query' | 'export';

interface Page {
  openSockets: number;
  /** Running ids this page started. */
  running: Map<string, Kind>;
  timer: NodeJS.Timeout | null;
}

// Methods whose answer names what they started, and the request field where the client may
// have chosen that id itself. (unmaskResult's request `queryId` is the SOURCE query: not ours.)
const STARTERS: Partial<Record<WorkbenchMethod, { kind: Kind; resultField: string; requestField?: string }>> = {
  runQuery: { kind: 'query', resultField: 'queryId', requestField: 'queryId' },
  runCell: { kind: 'query', resultField: 'queryId', requestField: 'queryId' },
  unmaskResult: { kind: 'query', resultField: 'queryId' },
  diffSnapshots: { kind: 'query', resultField: 'queryId', requestField: 'queryId' },
  exportResult: { kind: 'export', resultField: 'exportId', requestField: 'exportId' },
  exportDocument: { kind: 'export', resultField: 'exportId', requestField: 'exportId' },
};

// An id whose `finished` came before its call returned must not be remembered as running.
const RECENTLY_FINISHED = 4096;
// A cancel that found nothing running yet is tried again every 250 ms, for up to 30 s.
const CANCEL_RETRY_MS = 250;
const CANCEL_ATTEMPTS = 120;

export type PageCore = Pick<WorkbenchApi, 'cancelQuery' | 'cancelExport'>;

export class PageQueries {
  private readonly pages = new Map<string, Page>();
  private readonly owner = new Map<string, string>();
  private readonly finished = new Set<string>();
  /** Ids of closed pages being cancelled, until their `finished` arrives. */
  private readonly stopping = new Set<string>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly core: PageCore,
    private readonly graceMs: number,
  ) {}

  /** Feed every core event here: `finished` ends what a page is remembered to run. */
  onEvent(event: QueryEvent): void {
    if (event.kind !== 'finished') return;
    this.stopping.delete(event.queryId);
    this.finished.add(event.queryId);
    if (this.finished.size > RECENTLY_FINISHED) this.finished.delete(this.finished.values().next().value as string);
    const pageKey = this.owner.get(event.queryId);
    if (pageKey === undefined) return;
    this.owner.delete(event.queryId);
    const page = this.pages.get(pageKey);
    page?.running.delete(event.queryId);
    if (page) this.dropIfIdle(pageKey, page);
  }

  /** The RPC observer of one page: records the ids its calls start. */
  observer(pageKey: string): RpcObserver {
    const idOf = (value: unknown, field: string | undefined): string | null => {
      const id = field === undefined || typeof value !== 'object' || value === null ? undefined : (value as Record<string, unknown>)[field];
      return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
    };
    // One observer per call: what its request claimed, to give back if the call fails.
    let claimed: string | null = null;
    return {
      calling: (method, request) => {
        const starter = STARTERS[method];
        const id = starter && idOf(request, starter.requestField);
        // Remembered before the call: the page may close while the core is still starting it.
        // An id another page already runs is not taken over (the core will refuse it anyway).
        if (!starter || !id || this.owner.has(id)) return;
        this.finished.delete(id); // an id may be used again once its run is over
        this.remember(pageKey, id, starter.kind);
        claimed = id;
      },
      returned: (method, _request, result) => {
        const starter = STARTERS[method];
        const id = starter && idOf(result, starter.resultField);
        if (starter && id) this.remember(pageKey, id, starter.kind);
      },
      failed: () => {
        // The call started nothing: the id it claimed is not running.
        if (claimed !== null && this.owner.get(claimed) === pageKey) this.forget(claimed);
      },
    };
  }

  socketOpened(pageKey: string): void {
    if (this.closed) return;
    const page = this.page(pageKey);
    page.openSockets += 1;
    if (page.timer) clearTimeout(page.timer);
    page.timer = null;
  }

  socketClosed(pageKey: string): void {
    if (this.closed) return;
    const page = this.pages.get(pageKey);
    if (!page) return;
    page.openSockets = Math.max(0, page.openSockets - 1);
    this.armIfGone(pageKey, page);
  }

  /** Ids remembered as running for a page (for tests and diagnostics). */
  runningOf(pageKey: string): string[] {
    return [...(this.pages.get(pageKey)?.running.keys() ?? [])];
  }

  /** The server is stopping: no timer may outlive it, nor call into the closed core. */
  close(): void {
    this.closed = true;
    for (const page of this.pages.values()) if (page.timer) clearTimeout(page.timer);
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    this.stopping.clear();
    this.pages.clear();
    this.owner.clear();
  }

  private remember(pageKey: string, id: string, kind: Kind): void {
    if (this.closed || this.finished.has(id)) return;
    const previous = this.owner.get(id);
    if (previous !== undefined && previous !== pageKey) this.forget(id);
    const page = this.page(pageKey);
    page.running.set(id, kind);
    this.owner.set(id, pageKey);
    // A page with no socket open cannot be shown the results: the same grace applies.
    this.armIfGone(pageKey, page);
  }

  private forget(id: string): void {
    const pageKey = this.owner.get(id);
    this.owner.delete(id);
    if (pageKey === undefined) return;
    const page = this.pages.get(pageKey);
    page?.running.delete(id);
    if (page) this.dropIfIdle(pageKey, page);
  }

  private page(pageKey: string): Page {
    let page = this.pages.get(pageKey);
    if (!page) {
      page = { openSockets: 0, running: new Map(), timer: null };
      this.pages.set(pageKey, page);
    }
    return page;
  }

  private armIfGone(pageKey: string, page: Page): void {
    if (page.openSockets > 0 || page.timer) return;
    if (page.running.size === 0) {
      this.pages.delete(pageKey);
      return;
    }
    page.timer = setTimeout(() => this.cancelPage(pageKey), this.graceMs);
    page.timer.unref();
  }

  private dropIfIdle(pageKey: string, page: Page): void {
    if (page.openSockets > 0 || page.running.size > 0) return;
    if (page.timer) clearTimeout(page.timer);
    this.pages.delete(pageKey);
  }

  private cancelPage(pageKey: string): void {
    const page = this.pages.get(pageKey);
    if (!page) return;
    this.pages.delete(pageKey);
    for (const [id, kind] of page.running) {
      this.owner.delete(id);
      this.stopping.add(id);
      this.cancelUntilOver(id, kind, 1);
    }
  }

  /**
   * The core answers runQuery with the id before the engine has registered the query (the
   * statement check and the audit entry come first); a cancel in that window finds nothing to
   * stop and answers `cancelled: false`. So a cancel that stopped nothing is tried again until
   * the id's `finished` event arrives, a bounded number of times.
   */
  private cancelUntilOver(id: string, kind: Kind, attempt: number): void {
    if (this.closed || !this.stopping.has(id)) return;
    const cancel = kind === 'query' ? () => this.core.cancelQuery({ queryId: id }) : () => this.core.cancelExport({ exportId: id });
    Promise.resolve()
      .then(cancel)
      .then(
        ({ cancelled }) => {
          if (cancelled || attempt >= CANCEL_ATTEMPTS) return this.stopping.delete(id);
          const retry = setTimeout(() => {
            this.retries.delete(retry);
            this.cancelUntilOver(id, kind, attempt + 1);
          }, CANCEL_RETRY_MS);
          retry.unref();
          this.retries.add(retry);
        },
        // The core is closing: nothing left to stop, and no reason to crash.
        () => this.stopping.delete(id),
      );
  }
}
