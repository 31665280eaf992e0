import { WORKBENCH_METHODS, type QueryEvent, type WorkbenchClient } from '../../../main/core/api.ts';
import { unwrap, type Envelope } from './client-error.ts';

/** What the Electron preload exposes on `window.miranteBridge`. */
export interface MiranteBridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: QueryEvent) => void): () => void;
}

export function electronClient(bridge: MiranteBridge): WorkbenchClient {
  const client: Record<string, unknown> = {
    onQueryEvent: (listener: (event: QueryEvent) => void) => bridge.onEvent(listener),
  };
  for (const method of WORKBENCH_METHODS) {
    client[method] = async (request: unknown) => unwrap((await bridge.invoke(method, request ?? {})) as Envelope);
  }
  return client as unknown as WorkbenchClient;
}
