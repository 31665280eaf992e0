import type { WorkbenchClient } from '../../../main/core/api.ts';
import { electronClient, type MiranteBridge } from './electron-client.ts';
import { webClient } from './web-client.ts';

declare global {
  interface Window {
    miranteBridge?: MiranteBridge;
  }
}

/** Chosen once at start-up; nothing else in the renderer knows which shell it runs in. */
export function pickClient(): WorkbenchClient {
  return window.miranteBridge ? electronClient(window.miranteBridge) : webClient();
}
