import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { toApiError, type WorkbenchCore } from '../core/api/index.ts';
import { callWorkbench } from '../core/api/requests.ts';
import { isWorkbenchMethod } from '../core/api/wire.ts';
import type { SaveTargets } from '../core/export/save-targets.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_DIALOG_CHANNEL } from './channels.ts';
import { isTrustedUrl } from './window-options.ts';

interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** The IPC adapter: one handler, a loop over the contract's method table, every sender checked. */
export function registerIpc(ipcMain: IpcMainLike, core: WorkbenchCore, window: () => WebContents | null): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method, request) => {
    if (!isTrustedUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'not_allowed', message: 'Remetente não autorizado.' } };
    }
    if (typeof method !== 'string' || !isWorkbenchMethod(method)) {
      return { ok: false, error: { code: 'not_found', message: `Método desconhecido: ${String(method)}` } };
    }
    try {
      return { ok: true, result: await callWorkbench(core, method, request ?? {}) };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  });
  return core.onQueryEvent((queryEvent) => window()?.send(EVENT_CHANNEL, queryEvent));
}

/**
 * The native save dialog for exports: only the app's page may open it; the file name is a
 * suggestion. The page gets an opaque, single-use handle for the chosen path, never the path:
 * it passes the handle back as the export's `saveTarget`, so no page (or script in it) can name
 * a file to write.
 */
export function registerSaveDialog(
  ipcMain: IpcMainLike,
  saveTargets: Pick<SaveTargets, 'grant'>,
  showSaveDialog: (suggestedName: string) => Promise<string | null>,
): void {
  ipcMain.handle(SAVE_DIALOG_CHANNEL, async (event, suggestedName) => {
    if (!isTrustedUrl(event.senderFrame?.url)) return null;
    const name = String(suggestedName ?? '').replace(/[\\/\0]/g, '_').slice(0, 200);
    const chosen = await showSaveDialog(name);
    return chosen ? saveTargets.grant(chosen) : null;
  });
}
