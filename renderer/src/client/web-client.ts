import { WORKBENCH_METHODS, type QueryEvent } from '../../../main/core/api/index.ts';
import {
  ENVELOPE_CONTENT_TYPE,
  EVENT_STREAMING_METHODS,
  decodeBinaryAnswer,
  decodeEvent,
  jsonText,
  unwrap,
  type Envelope,
} from '../../../main/core/api/wire.ts';
import type { RendererClient } from './renderer-client.ts';

/**
 * This page's id, sent with every call and on the event socket: when the page closes (its
 * socket does not come back), the server cancels the queries and exports it started.
 */
const PAGE_ID = randomPageId();
const PAGE_HEADER = 'X-Mirante-Page';
/** Sent by the server when the session ended (idle too long): reload into the page that says so. */
const SESSION_ENDED_CLOSE_CODE = 4401;

function randomPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server shows "sessão encerrada" (and how to get a new one) to a page request without a session. */
function showSessionEnded(): void {
  location.reload();
}

async function call(method: string, request: unknown): Promise<unknown> {
  const response = await fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [PAGE_HEADER]: PAGE_ID },
    body: jsonText(request ?? {}),
  });
  if (response.status === 401) {
    showSessionEnded();
    throw new Error(`${method}: a sessão terminou`);
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (type.startsWith(ENVELOPE_CONTENT_TYPE)) return unwrap(decodeBinaryAnswer(new Uint8Array(await response.arrayBuffer())));
  if (type.startsWith('application/json')) return unwrap((await response.json()) as Envelope);
  throw new Error(`${method}: HTTP ${response.status} ${await response.text()}`);
}

/** One WebSocket for every query event, reopened when it drops; resolves `whenOpen` while connected. */
function eventSocket(emit: (event: QueryEvent) => void): { whenOpen: () => Promise<void> } {
  let delay = 250;
  let markOpen = () => {};
  let opened = new Promise<void>((resolve) => (markOpen = resolve));
  const open = () => {
    const url = new URL('./api/events', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('page', PAGE_ID);
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      delay = 250;
      markOpen();
    };
    socket.onmessage = (message: MessageEvent<string | ArrayBuffer>) => {
      const data = message.data;
      emit(decodeEvent(typeof data === 'string' ? data : new Uint8Array(data)));
    };
    socket.onclose = (event: CloseEvent) => {
      if (event.code === SESSION_ENDED_CLOSE_CODE) return showSessionEnded();
      opened = new Promise<void>((resolve) => (markOpen = resolve));
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  open();
  return { whenOpen: () => opened };
}

const MAX_OPEN_BYTES = 5 * 1024 * 1024;

/** The browser's file picker: the web mode cannot see the disk, the user hands a file over. */
function openTextFile(): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.sql,.md,.txt';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      if (file.size > MAX_OPEN_BYTES) return reject(new Error(`${file.name}: arquivo grande demais para o editor`));
      file.text().then((text) => resolve({ name: file.name, text }), reject);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** A download of the text: where it lands is the browser's choice. */
async function saveTextFile(suggestedName: string, text: string): Promise<boolean> {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/sql;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

export function webClient(): RendererClient {
  const listeners = new Set<(event: QueryEvent) => void>();
  const socket = eventSocket((event) => listeners.forEach((listener) => listener(event)));
  const client: Record<string, unknown> = {
    onQueryEvent: (listener: (event: QueryEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openTextFile,
    saveTextFile,
  };
  for (const method of WORKBENCH_METHODS) client[method] = (request: unknown) => call(method, request);
  // A query's events must not be missed: run only once the event socket is connected.
  for (const method of EVENT_STREAMING_METHODS) {
    client[method] = async (request: unknown) => {
      await socket.whenOpen();
      return call(method, request);
    };
  }
  return client as unknown as RendererClient;
}
