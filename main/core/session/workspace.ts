import path from 'node:path';
import type { OpenTabs, Workspace } from '../api/index.ts';
import { WorkbenchError } from '../api/index.ts';
import { readTextIfExists, writeStateFile } from './json-file.ts';
import { resolveTimeZone } from '../format/zone-offset.ts';

const MAX_WORKSPACE_BYTES = 8 * 1024 * 1024;

/** Only the fields of open tabs, each as its type says (a view of a document that is not open shows SQL). */
function openTabsOf(tabs: OpenTabs): OpenTabs {
  const documents = tabs.documents.map((d) => ({ path: String(d.path), title: String(d.title), mode: d.mode === 'notebook' ? ('notebook' as const) : ('panel' as const) }));
  const view = tabs.view;
  const shown: OpenTabs['view'] =
    view.kind === 'document' && documents.some((d) => d.path === view.path) ? { kind: 'document', path: String(view.path) }
    : view.kind === 'audit' && tabs.auditOpen ? { kind: 'audit' }
    : view.kind === 'snapshots' && tabs.snapshotsOpen ? { kind: 'snapshots' }
    : { kind: 'sql' };
  return { documents, auditOpen: tabs.auditOpen === true, ...(tabs.snapshotsOpen === true ? { snapshotsOpen: true } : {}), view: shown };
}

/**
 * The editor tabs and preferences, so unsaved work survives a restart. One page at a time owns
 * them (api/session.ts: WorkspacePage): the last to load. Two browser tabs would otherwise
 * each save their own tabs over the other's every half second, and the last one closed would
 * win; now the displaced page is told, and saves only once its user takes the workspace back.
 */
export class WorkspaceStore {
  /** The page that loaded the workspace last; it lives with this process (a restart frees it). */
  private owner: string | undefined;

  constructor(private readonly file: string) {}

  /** `page` owns the workspace from now on. */
  claim(page: string): void {
    this.owner = page;
  }

  static inDir(stateDir: string): WorkspaceStore {
    return new WorkspaceStore(path.join(stateDir, 'workspace.json'));
  }

  async load(): Promise<Workspace | null> {
    const text = await readTextIfExists(this.file);
    if (text === null) return null;
    try {
      return JSON.parse(text) as Workspace;
    } catch {
      return null;
    }
  }

  /** Refused (`conflict`) when another page claimed the workspace since `page` did. */
  async save(workspace: Workspace, page?: string): Promise<void> {
    if (!Array.isArray(workspace?.tabs)) {
      throw new WorkbenchError({ code: 'parameter', message: 'Área de trabalho inválida: faltam as abas.' });
    }
    if (page !== undefined && this.owner !== undefined && page !== this.owner) {
      throw new WorkbenchError({
        code: 'conflict',
        message: 'O Mirante foi aberto em outra aba ou janela, que agora guarda as abas e preferências. As alterações desta aba não estão sendo salvas.',
      });
    }
    const text = JSON.stringify(
      {
        tabs: workspace.tabs.map((t) => ({ id: String(t.id), title: String(t.title), sql: String(t.sql) })),
        activeTabId: workspace.activeTabId ?? null,
        locale: workspace.locale === 'en' ? 'en' : 'pt-BR',
        theme: workspace.theme === 'dark' ? 'dark' : 'light',
        ...(workspace.queryTimeoutSeconds !== undefined ? { queryTimeoutSeconds: workspace.queryTimeoutSeconds } : {}),
        ...(workspace.timeZone !== undefined ? { timeZone: resolveTimeZone(workspace.timeZone) } : {}),
        ...(workspace.openTabs ? { openTabs: openTabsOf(workspace.openTabs) } : {}),
      } satisfies Workspace,
      null,
      2,
    );
    if (Buffer.byteLength(text) > MAX_WORKSPACE_BYTES) {
      throw new WorkbenchError({ code: 'parameter', message: 'Área de trabalho grande demais para salvar.' });
    }
    await writeStateFile(this.file, text);
  }
}
