// The only bridge between the page and the app: invoke a contract method, listen to events.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';

contextBridge.exposeInMainWorld('miranteBridge', {
  invoke: (method: string, request: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, method, request),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(EVENT_CHANNEL, handler);
  },
});
