import { WORKBENCH_METHODS, type QueryEvent } from '../../../main/core/api/index.ts';
import { unwrap, type Envelope } from '../../../main/core/api/wire.ts';
import type { RendererClient } from './renderer-client.ts';

/** What the Electron preload exposes on `window.miranteBridge`. */
export interface MiranteBridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: QueryEvent) => void): () => void;
  /** The native save dialog (main process): a single-use handle for the chosen place, or null when cancelled. */
  saveDialog?(suggestedName: string): Promise<string | null>;
  /** Native open dialog; main reads the chosen .sql/.md file (size-capped). */
  openTextFile(): Promise<{ name: string; text: string } | null>;
  /** Native save dialog; main writes the text atomically. */
  saveTextFile(suggestedName: string, text: string): Promise<boolean>;
}

export function electronClient(bridge: MiranteBridge): RendererClient {
  const client: Record<string, unknown> = {
    onQueryEvent: (listener: (event: QueryEvent) => void) => bridge.onEvent(listener),
  };
  for (const method of WORKBENCH_METHODS) {
    client[method] = async (request: unknown) => unwrap((await bridge.invoke(method, request ?? {})) as Envelope);
  }
  const saveDialog = bridge.saveDialog;
  if (saveDialog) client.chooseSaveLocation = (suggestedName: string) => saveDialog.call(bridge, suggestedName);
  client.openTextFile = () => bridge.openTextFile();
  client.saveTextFile = (suggestedName: string, text: string) => bridge.saveTextFile(suggestedName, text);
  return client as unknown as RendererClient;
}
