// Notebooks and panels of the queries folder: the gallery, opening and saving, running a cell,
// the options of a select parameter.
import type { ParamValue } from './queries.ts';

export interface DocumentSummary {
  /** Path relative to the queries folder, e.g. `divida-ativa.md`. */
  path: string;
  title: string;
  /** The secretariat that owns it (front matter `owner`). */
  owner: string | null;
  purpose: string | null;
  kind: 'notebook' | 'sql';
  /** Line-located problems when the file is malformed (it still opens). */
  problems: { line: number; message: string }[];
}

export interface OpenedDocument {
  path: string;
  /** The file as saved. */
  text: string;
  /** Unsaved work autosaved after the file was last saved (e.g. before a crash), if any. */
  draft: { text: string; savedAt: string } | null;
}

export interface RunCellRequest {
  /** The notebook's current text (saved or not); cells compile from it on the server. Ignored for role `consulta`. */
  text: string;
  /** Relative to the queries folder. Role `consulta` runs the saved file at this path, never `text`. */
  path?: string;
  /** Name (or id) of the SQL cell. */
  cell: string;
  params?: Record<string, ParamValue | undefined>;
  snapshot?: string;
  queryId?: string;
  timeoutMs?: number;
}

export interface ParamOptionsRequest {
  /** The notebook's text; role `consulta` reads the saved file at `path` instead. */
  text: string;
  param: string;
  snapshot?: string;
  path?: string;
  /** So the client can cancel a slow options query; generated if absent. */
  queryId?: string;
}

/** "Salvar como…": a notebook written as a new file of the queries folder (analysts only). */
export interface SaveDocumentAsRequest {
  /** The notebook's current text; title, owner and purpose are set in its front matter. */
  text: string;
  /** Required: the gallery's name for it, and where the file name comes from. */
  title: string;
  /** The secretariat that owns it (front matter `owner`); empty removes it. */
  owner?: string;
  /** What it is for (front matter `purpose`); empty removes it. */
  purpose?: string;
  /** A plain file name (`fila-creche.md`, no folders); absent: made from the title. */
  fileName?: string;
  /** Replace a file of that name; without it an existing file is refused with code `exists`. */
  overwrite?: boolean;
}

export interface SavedDocument {
  /** Relative to the queries folder. */
  path: string;
  /** The text as written (with its front matter set). */
  text: string;
}
