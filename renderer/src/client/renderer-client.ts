import type { WorkbenchClient } from '../../../main/core/api/index.ts';

/**
 * The client as the renderer uses it: the contract plus what only a shell can do. Only the
 * two client files implement the optional parts; everything else just asks whether they exist.
 */
export interface RendererClient extends WorkbenchClient {
  /**
   * Electron: a native save dialog; a single-use handle for the chosen place (main keeps the
   * path), or null when the user gave up.
   * Absent in the web mode, where a finished export is downloaded by the browser instead.
   */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>;
  /** Opens a SQL file from the user's disk (native dialog, or the browser's file picker); null when cancelled. */
  openTextFile?(): Promise<{ name: string; text: string } | null>;
  /** Saves text to the user's disk (native dialog, or a browser download); false when cancelled. */
  saveTextFile?(suggestedName: string, text: string): Promise<boolean>;
}
