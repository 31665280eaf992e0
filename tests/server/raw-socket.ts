// Bytes over a plain TCP socket: what no HTTP or WebSocket library would let a test send.
import net from 'node:net';

export interface Exchange {
  /** Everything the server sent back. */
  data: Buffer;
  /** The server closed (or reset) the connection before the test gave up waiting. */
  closed: boolean;
}

export interface ExchangeOptions {
  /** Half-close after writing, as a client that has nothing more to say. */
  halfClose?: boolean;
  /** Once something came back, stop after this long without more (default 80 ms). */
  quietMs?: number;
  /** Stop waiting after this long in any case (default 3 s). */
  maxMs?: number;
}

/**
 * Collects what the server sends on `socket` until it closes, or goes quiet for `quietMs` once
 * `armNow` (or the first byte) starts the clock, or `maxMs` passes; then destroys the socket.
 */
export function collectAnswer(socket: net.Socket, options: { quietMs: number; maxMs?: number; armNow?: boolean }): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let quiet: NodeJS.Timeout | undefined;
    let closed = socket.destroyed;
    const finish = () => {
      clearTimeout(quiet);
      clearTimeout(overall);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), closed });
    };
    const overall = setTimeout(finish, options.maxMs ?? 3000);
    const armQuiet = () => {
      clearTimeout(quiet);
      quiet = setTimeout(finish, options.quietMs);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      armQuiet();
    });
    socket.on('error', () => undefined); // a reset is an answer too: seen as `closed`
    socket.on('close', () => {
      closed = true;
      finish();
    });
    if (options.armNow) armQuiet();
  });
}

/** Connects, writes `bytes` (in the given pieces), collects the answer, then closes. */
export function exchange(port: number, bytes: Buffer | string | (Buffer | string)[], options: ExchangeOptions = {}): Promise<Exchange> {
  const pieces = Array.isArray(bytes) ? bytes : [bytes];
  const socket = net.connect(port, '127.0.0.1');
  socket.on('connect', () => {
    for (const piece of pieces) socket.write(piece);
    if (options.halfClose) socket.end();
  });
  return collectAnswer(socket, { quietMs: options.quietMs ?? 80, ...(options.maxMs !== undefined ? { maxMs: options.maxMs } : {}) });
}

/** The status code of the first HTTP response in `data`, or null when there is none. */
export function firstStatus(data: Buffer): number | null {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(data.subarray(0, 64).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Every status line in `data` (pipelined requests get one response each). */
export function allStatuses(data: Buffer): number[] {
  return [...data.toString('latin1').matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

/** The body of the first response (after the blank line), as text. */
export function firstBody(data: Buffer): string {
  const text = data.toString('utf8');
  const start = text.indexOf('\r\n\r\n');
  return start < 0 ? '' : text.slice(start + 4);
}
