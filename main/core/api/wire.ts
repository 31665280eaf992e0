// How the contract travels between a shell and its client: one answer envelope, one event
// encoding, the same on both ends (the web server and the web client, Electron's main process
// and its bridge). Plain TypeScript over Uint8Array: no Node, no DOM, so both sides import it.
//
// Values carrying Arrow bytes travel as binary messages so the bytes arrive untouched (never as
// JSON or base64): [uint32 LE header length][header JSON, UTF-8][payload]. The header is the
// value without its `ipc` field; the payload is that field.
import { WORKBENCH_METHODS, WorkbenchError, type ApiError, type QueryEvent, type WorkbenchMethod } from '../api/index.ts';

export const ENVELOPE_CONTENT_TYPE = 'application/x-mirante-envelope';

/** The answer to one call. */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiError };

/**
 * Methods that start something reporting on the event stream: a client must be listening
 * before it calls them, or it misses their first events.
 */
export const EVENT_STREAMING_METHODS = ['runQuery', 'runCell', 'unmaskResult', 'diffSnapshots', 'exportResult', 'exportDocument'] as const satisfies readonly WorkbenchMethod[];

const methods = new Set<string>(WORKBENCH_METHODS);

export function isWorkbenchMethod(name: string): name is WorkbenchMethod {
  return methods.has(name);
}

/** JSON text of a value; bigints (exact integers of the contract) as their digits. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function hasIpc(value: unknown): value is { ipc: Uint8Array } {
  return typeof value === 'object' && value !== null && (value as { ipc?: unknown }).ipc instanceof Uint8Array;
}

function withoutIpc<T extends { ipc: Uint8Array }>(value: T): Omit<T, 'ipc'> {
  const { ipc: _ipc, ...rest } = value;
  return rest;
}

function binaryMessage(header: unknown, payload: Uint8Array): Uint8Array {
  const headerBytes = new TextEncoder().encode(jsonText(header));
  const message = new Uint8Array(4 + headerBytes.length + payload.length);
  new DataView(message.buffer).setUint32(0, headerBytes.length, true);
  message.set(headerBytes, 4);
  message.set(payload, 4 + headerBytes.length);
  return message;
}

function openBinaryMessage(bytes: Uint8Array): { header: Record<string, unknown>; ipc: Uint8Array } {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as Record<string, unknown>;
  return { header, ipc: bytes.subarray(4 + headerLength) };
}

/** A successful answer: binary when the result carries Arrow bytes, JSON text otherwise. */
export function encodeAnswer(result: unknown): { binary: true; body: Uint8Array } | { binary: false; body: string } {
  if (hasIpc(result)) return { binary: true, body: binaryMessage({ ok: true, result: withoutIpc(result) }, result.ipc) };
  return { binary: false, body: jsonText({ ok: true, result }) };
}

/** The envelope of a binary answer, its result given its Arrow bytes back. */
export function decodeBinaryAnswer(bytes: Uint8Array): Envelope {
  const { header, ipc } = openBinaryMessage(bytes);
  const result = header.result;
  return { ...(header as Envelope), ...(header.ok === true && result && typeof result === 'object' ? { result: { ...result, ipc } } : {}) } as Envelope;
}

/** An answer's result, or its error thrown as the WorkbenchError the core threw. */
export function unwrap(envelope: Envelope): unknown {
  if (envelope.ok) return envelope.result;
  throw new WorkbenchError(envelope.error);
}

/** One message per QueryEvent: batches binary, the rest JSON text. */
export function encodeEvent(event: QueryEvent): string | Uint8Array {
  if (event.kind !== 'batch') return jsonText(event);
  return binaryMessage(withoutIpc(event), event.ipc);
}

export function decodeEvent(data: string | Uint8Array): QueryEvent {
  if (typeof data === 'string') return JSON.parse(data) as QueryEvent;
  const { header, ipc } = openBinaryMessage(data);
  return { ...header, ipc } as QueryEvent;
}
