/**
 * Binary messages for values carrying Arrow bytes, so the bytes travel untouched (never as
 * JSON or base64): [uint32 LE header length][header JSON, UTF-8][payload]. The header is
 * the value without its `ipc` field; the payload is that field.
 */
export function hasIpc(value: unknown): value is { ipc: Uint8Array } {
  return typeof value === 'object' && value !== null && (value as { ipc?: unknown }).ipc instanceof Uint8Array;
}

export function encodeEnvelope(header: unknown, payload: Uint8Array): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(headerBytes.length, 0);
  return Buffer.concat([prefix, headerBytes, payload]);
}

export function withoutIpc<T extends { ipc: Uint8Array }>(value: T): Omit<T, 'ipc'> {
  const { ipc: _ipc, ...rest } = value;
  return rest;
}
