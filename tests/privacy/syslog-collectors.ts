// Collectors of the syslog copy for tests, in this process: one that reads RFC 6587 octet
// counted messages (as rsyslog reads TCP), one that never answers a connection and one that
// accepts and never reads.
import { spawn } from 'node:child_process';
import net from 'node:net';

export interface Collector {
  bodies: string[];
  /** Ends every connection it has, as a restarted collector would; it keeps listening. */
  hangUp(): void;
  close(): Promise<void>;
}

/** Listens on `port` and keeps the body of every framed message it reads. */
export function startCollector(port: number): Promise<Collector> {
  const bodies: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    // The collector's own end of a connection keeps nothing alive: what the sink holds is measured.
    socket.unref();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        const space = pending.indexOf(0x20);
        if (space < 0) break;
        const length = Number(pending.subarray(0, space).toString('ascii'));
        if (pending.length < space + 1 + length) break;
        const message = pending.subarray(space + 1, space + 1 + length).toString('utf8');
        bodies.push(/^<86>1 \S+ \S+ mirante \d+ auditoria - (.*)$/s.exec(message)?.[1] ?? `unframed: ${message}`);
        pending = pending.subarray(space + 1 + length);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        bodies,
        hangUp: () => {
          for (const socket of sockets) socket.end();
        },
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

/**
 * A collector that never answers a connection: a listener whose accept queue (Python's
 * `listen(0)`: one connection) is already full, so Linux drops the sink's SYNs and its connect
 * hangs, as it would towards a collector behind a firewall that drops packets.
 */
export async function collectorThatNeverAnswers(): Promise<{ port: number; close(): void }> {
  const listener = spawn('python3', ['-c', "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()"], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    listener.once('error', reject);
    listener.stdout.once('data', (data: Buffer) => resolve(Number(data.toString('ascii').trim())));
  });
  const filler = net.connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => filler.once('connect', resolve).once('error', reject));
  return {
    port,
    close: () => {
      filler.destroy();
      listener.stdin.end();
    },
  };
}

/** A collector that accepts connections and never reads from them. */
export async function collectorThatStopsReading(port: number): Promise<() => void> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.pause();
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
}
