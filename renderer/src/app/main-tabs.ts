// What the main area holds besides the SQL tabs (which live in the workspace, app/workspace.ts):
// open documents and the audit log, and which of them is in view. One typed model and its
// reducer; the tab bar's ids are only labels looked up here, never parsed.
import type { DocumentMode } from '../documents/document-mode.ts';

export interface OpenDocument {
  path: string;
  title: string;
  mode: DocumentMode;
  /** A new notebook, not yet a file: not reopened after a reload (documents/untitled.ts). */
  untitled?: boolean;
}

export type MainView = { kind: 'sql' } | { kind: 'document'; path: string } | { kind: 'audit' } | { kind: 'snapshots' };

export interface MainTabs {
  documents: OpenDocument[];
  auditOpen: boolean;
  /** The Retratos screen (snapshots/SnapshotsView.tsx). */
  snapshotsOpen?: boolean;
  view: MainView;
}

export type MainTabsAction =
  | { type: 'openDocument'; document: OpenDocument }
  | { type: 'setMode'; path: string; mode: DocumentMode }
  | { type: 'closeDocument'; path: string }
  /** "Salvar como…": the tab at `path` becomes the saved file's, in the same place. */
  | { type: 'replaceDocument'; path: string; document: OpenDocument }
  | { type: 'openAudit' }
  | { type: 'closeAudit' }
  | { type: 'openSnapshots' }
  | { type: 'closeSnapshots' }
  | { type: 'show'; view: MainView };

export const NO_MAIN_TABS: MainTabs = { documents: [], auditOpen: false, view: { kind: 'sql' } };

export function mainTabsReducer(state: MainTabs, action: MainTabsAction): MainTabs {
  switch (action.type) {
    case 'openDocument': {
      const { document } = action;
      const open = state.documents.some((d) => d.path === document.path);
      const documents = open ? state.documents.map((d) => (d.path === document.path ? { ...d, mode: document.mode } : d)) : [...state.documents, document];
      return { ...state, documents, view: { kind: 'document', path: document.path } };
    }
    case 'setMode':
      return { ...state, documents: state.documents.map((d) => (d.path === action.path ? { ...d, mode: action.mode } : d)) };
    case 'closeDocument': {
      const shown = state.view.kind === 'document' && state.view.path === action.path;
      return { ...state, documents: state.documents.filter((d) => d.path !== action.path), view: shown ? { kind: 'sql' } : state.view };
    }
    case 'replaceDocument': {
      const { document } = action;
      const others = state.documents.filter((d) => d.path !== document.path || d.path === action.path);
      const documents = others.map((d) => (d.path === action.path ? document : d));
      const shown = state.view.kind === 'document' && state.view.path === action.path;
      return { ...state, documents, view: shown ? { kind: 'document', path: document.path } : state.view };
    }
    case 'openAudit':
      return { ...state, auditOpen: true, view: { kind: 'audit' } };
    case 'closeAudit':
      return { ...state, auditOpen: false, view: state.view.kind === 'audit' ? { kind: 'sql' } : state.view };
    case 'openSnapshots':
      return { ...state, snapshotsOpen: true, view: { kind: 'snapshots' } };
    case 'closeSnapshots':
      return { ...state, snapshotsOpen: false, view: state.view.kind === 'snapshots' ? { kind: 'sql' } : state.view };
    case 'show':
      return { ...state, view: action.view };
  }
}

export function isShown(state: MainTabs, view: MainView): boolean {
  if (view.kind !== state.view.kind) return false;
  return view.kind !== 'document' || (state.view.kind === 'document' && state.view.path === view.path);
}

/** The namespace of a document's cell runs in the query store (see documents/cell-runs.ts). */
export function documentRunsKey(path: string): string {
  return `documento:${path}`;
}

/** What a reload reopens: the documents that are files (a new notebook is not one until saved). */
export function persistedTabs(state: MainTabs): MainTabs {
  if (!state.documents.some((d) => d.untitled)) return state;
  const documents = state.documents.filter((d) => !d.untitled);
  const shown = state.view.kind === 'document' ? state.view.path : null;
  return { ...state, documents, view: shown !== null && !documents.some((d) => d.path === shown) ? { kind: 'sql' } : state.view };
}
