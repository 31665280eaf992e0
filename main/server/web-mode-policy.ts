// What a browser page may not ask of the core even with a live session. The core itself
// refuses a `destination` path from any client (an export names its place only with a save
// handle Electron's native dialog issued); the web mode refuses it here too, before the core
// sees it: its exports always land in an app-private folder and are handed over by a download.
import type { WorkbenchMethod } from '../core/api/index.ts';

export function webModeRefusal(method: WorkbenchMethod, request: Record<string, unknown>): string | null {
  if ((method === 'exportResult' || method === 'exportDocument') && request.destination !== undefined) {
    return 'No modo web a exportação é baixada pelo navegador: destino no disco não é aceito';
  }
  return null;
}
