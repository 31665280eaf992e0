// What a browser page may not ask of the core even with a live session. `destination` is the
// path Electron's native save dialog returned (main process, chosen by the user); in the web
// mode an export always lands in the app-private folder and is handed over by a download, so
// a page (or a script injected into one) never gets to write a file where it names.
import type { WorkbenchMethod } from '../core/api.ts';

export function webModeRefusal(method: WorkbenchMethod, request: Record<string, unknown>): string | null {
  if ((method === 'exportResult' || method === 'exportDocument') && request.destination !== undefined) {
    return 'No modo web a exportação é baixada pelo navegador: destino no disco não é aceito';
  }
  return null;
}
