// Hand-made WebSocket frames (RFC 6455 §5.2) over a raw socket, so a test can send what a
// WebSocket library never would: reserved opcodes and bits, unmasked client frames, lengths
// that lie, fragmented control frames, invalid close codes.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { RunningServer } from '../../main/server/server.ts';
import { collectAnswer } from './raw-socket.ts';

export interface FrameSpec {
  fin?: boolean;
  /** The three reserved bits, 0..7. */
  rsv?: number;
  opcode: number;
  masked?: boolean;
  payload?: Buffer;
  /** The length written in the header, when it should lie about the payload's. */
  declaredLength?: bigint;
  /** Force the 64-bit length form even for a short payload. */
  longForm?: boolean;
}

export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const masked = spec.masked ?? true;
  const length = spec.declaredLength ?? BigInt(payload.length);
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 7) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126n && !spec.longForm) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | Number(length)]);
  } else if (length < 65536n && !spec.longForm) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length & 0xffffffffffffffffn, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, body]);
}

export function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code & 0xffff, 0);
  payload.write(reason, 2);
  return payload;
}

export function upgradeRequest(server: RunningServer, cookie: string, path = '/api/events'): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: ${server.host}\r\nOrigin: ${server.origin}\r\nCookie: ${cookie}\r\n` +
    `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
    'Sec-WebSocket-Version: 13\r\n\r\n'
  );
}

/** A raw socket past a real handshake (101), ready for hand-made frames. */
export function openRawWebSocket(server: RunningServer, cookie: string, path = '/api/events'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(upgradeRequest(server, cookie, path)));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!head.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) {
        socket.destroy();
        reject(new Error(`no upgrade: ${head.subarray(0, end).toString('latin1')}`));
        return;
      }
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Server frames are never masked; a truncated last frame is left out. */
export function decodeServerFrames(data: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = (data[at] as number) & 0x0f;
    let length = (data[at + 1] as number) & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (offset + 2 > data.length) break;
      length = data.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (offset + 8 > data.length) break;
      length = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (offset + length > data.length) break;
    frames.push({ opcode, payload: data.subarray(offset, offset + length) });
    at = offset + length;
  }
  return frames;
}

/** The code of the server's close frame in `data`, or null when it sent none. */
export function serverCloseCode(data: Buffer): number | null {
  const close = decodeServerFrames(data).find((frame) => frame.opcode === 0x8);
  if (!close) return null;
  return close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005;
}

/** Writes frames on an upgraded socket and collects what comes back until it closes or goes quiet. */
export function sendFrames(socket: net.Socket, frames: Buffer[], options: { quietMs?: number; maxMs?: number } = {}): Promise<{ data: Buffer; closed: boolean }> {
  const answer = collectAnswer(socket, { quietMs: options.quietMs ?? 150, armNow: true, ...(options.maxMs !== undefined ? { maxMs: options.maxMs } : {}) });
  for (const frame of frames) if (!socket.destroyed) socket.write(frame);
  return answer;
}
