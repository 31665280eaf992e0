// The only bridge between the page and the app: invoke a contract method, listen to events,
// and ask for a place to save an export (the native dialog; the web mode downloads instead).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_DIALOG_CHANNEL } from './channels.ts';

contextBridge.exposeInMainWorld('miranteBridge', {
  invoke: (method: string, request: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, method, request),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(EVENT_CHANNEL, handler);
  },
  saveDialog: (suggestedName: string): Promise<string | null> => ipcRenderer.invoke(SAVE_DIALOG_CHANNEL, String(suggestedName)),
});
