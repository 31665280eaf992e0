import { electronClient, type MiranteBridge } from './electron-client.ts';
import type { RendererClient } from './renderer-client.ts';
import { webClient } from './web-client.ts';

declare global {
  interface Window {
    miranteBridge?: MiranteBridge;
  }
}

/** Chosen once at start-up; nothing else in the renderer knows which shell it runs in. */
export function pickClient(): RendererClient {
  return window.miranteBridge ? electronClient(window.miranteBridge) : webClient();
}
