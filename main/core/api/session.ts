// The user's session: the role the deployment gives them, the history of runs, the workspace.

/**
 * Set by the deployment (`<data dir>/mirante.yaml`), never by the UI. `analista`: free SQL,
 * notebooks, unmasking with a purpose. `consulta`: panels from the queries folder by path,
 * parameters and exports, always masked.
 */
export type Role = 'analista' | 'consulta';

export interface HistoryEntry {
  id: string;
  sql: string;
  /** ISO timestamp. */
  startedAt: string;
  durationMs: number;
  rowCount: number | null;
  snapshot: string;
  status: 'ok' | 'error' | 'cancelled';
  error?: string;
}

export interface EditorTab {
  id: string;
  title: string;
  sql: string;
}

export interface Workspace {
  tabs: EditorTab[];
  activeTabId: string | null;
  locale: 'pt-BR' | 'en';
  theme: 'light' | 'dark';
  /** The time limit of this user's queries, in seconds; absent means the workbench's default (10 minutes). */
  queryTimeoutSeconds?: number;
  /** The IANA zone chosen in the status bar; absent means the system's. Takes effect when the workbench next opens. */
  timeZone?: string;
  /** The documents and the audit log open beside the SQL tabs, and which tab is in view: reopened on reload. */
  openTabs?: OpenTabs;
}

/**
 * The page (a browser tab, the desktop window) a workspace request comes from: loading claims
 * the workspace for that page, and a save from a page that another has displaced since is
 * refused (`conflict`) instead of overwriting what the other page keeps.
 */
export interface WorkspacePage {
  page?: string;
}

export interface OpenTabs {
  documents: { path: string; title: string; mode: 'panel' | 'notebook' }[];
  auditOpen: boolean;
  /** The Retratos screen (snapshots, their validation and comparison). */
  snapshotsOpen?: boolean;
  view: { kind: 'sql' } | { kind: 'document'; path: string } | { kind: 'audit' } | { kind: 'snapshots' };
}
