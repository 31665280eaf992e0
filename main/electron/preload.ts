// The only bridge between the page and the app: invoke a contract method, listen to events,
// ask for a place to save an export, and open or save a .sql file (the native dialogs; the
// web mode uses the browser's picker and downloads instead).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, OPEN_TEXT_CHANNEL, SAVE_DIALOG_CHANNEL, SAVE_TEXT_CHANNEL } from './channels.ts';

contextBridge.exposeInMainWorld('miranteBridge', {
  invoke: (method: string, request: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, method, request),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(EVENT_CHANNEL, handler);
  },
  saveDialog: (suggestedName: string): Promise<string | null> => ipcRenderer.invoke(SAVE_DIALOG_CHANNEL, String(suggestedName)),
  openTextFile: (): Promise<{ name: string; text: string } | null> => ipcRenderer.invoke(OPEN_TEXT_CHANNEL),
  saveTextFile: (suggestedName: string, text: string): Promise<boolean> =>
    ipcRenderer.invoke(SAVE_TEXT_CHANNEL, String(suggestedName), String(text)),
});
