// How one syslog message reaches the collector. `deliver` resolves once the message left
// this process (TCP: written to the socket; UDP: datagram sent; unix: logger(1) exited 0) and
// rejects otherwise; the sink retries. Sockets are unref'd while idle, so an open connection
// to the collector never keeps a finished command alive.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { SYSLOG_APP, SYSLOG_MSGID, octetFrame, rfc5424 } from './audit-syslog-message.ts';
import type { SyslogTarget } from './audit-syslog-target.ts';

export interface SyslogTransport {
  deliver(body: string): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  host: string;
  pid: number;
  connectTimeoutMs: number;
}

class TcpTransport implements SyslogTransport {
  private socket: net.Socket | undefined;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: TransportOptions,
  ) {}

  // A socket the collector ended or that failed is destroyed or no longer writable: the next
  // message opens a new connection.
  private connect(): Promise<net.Socket> {
    if (this.socket !== undefined && !this.socket.destroyed && this.socket.writable) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.target.host, port: this.target.port });
      const timer = setTimeout(() => socket.destroy(new Error(`sem resposta em ${this.options.connectTimeoutMs} ms`)), this.options.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setKeepAlive(true);
        this.socket = socket;
        resolve(socket);
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  async deliver(body: string): Promise<void> {
    const socket = await this.connect();
    socket.ref();
    try {
      await new Promise<void>((resolve, reject) => {
        // A collector that accepts but stops reading would hold the queue forever. A write the
        // kernel has not taken is never called back once the socket is destroyed: its error
        // event says why.
        const stallMs = this.options.connectTimeoutMs * 3;
        const stalled = setTimeout(() => socket.destroy(new Error(`o coletor não leu a mensagem em ${stallMs} ms`)), stallMs);
        const failed = (error: Error) => {
          clearTimeout(stalled);
          reject(error);
        };
        socket.once('error', failed);
        socket.write(octetFrame(rfc5424(body, this.options)), (error) => {
          clearTimeout(stalled);
          socket.off('error', failed);
          if (error) reject(error);
          else resolve();
        });
      });
    } finally {
      socket.unref();
    }
  }

  close(): void {
    this.socket?.end();
    this.socket = undefined;
  }
}

class UdpTransport implements SyslogTransport {
  private socket: dgram.Socket | undefined;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: TransportOptions,
  ) {}

  async deliver(body: string): Promise<void> {
    this.socket ??= dgram.createSocket(net.isIPv6(this.target.host) ? 'udp6' : 'udp4').on('error', () => undefined);
    const socket = this.socket;
    socket.ref();
    try {
      await new Promise<void>((resolve, reject) => {
        socket.send(Buffer.from(rfc5424(body, this.options), 'utf8'), this.target.port, this.target.host, (error) => (error ? reject(error) : resolve()));
      });
    } finally {
      socket.unref();
    }
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}

// Node cannot send on a unix datagram socket (what /dev/log is), so logger(1) from
// util-linux, on every Linux, writes each message; its exit status says whether it went.
class UnixTransport implements SyslogTransport {
  constructor(
    private readonly socketPath: string,
    private readonly options: TransportOptions,
  ) {}

  deliver(body: string): Promise<void> {
    const args = [
      '--rfc5424=notq',
      '--socket-errors=on',
      '-u', this.socketPath,
      '-p', 'authpriv.info',
      '-t', SYSLOG_APP,
      '--msgid', SYSLOG_MSGID,
      `--id=${this.options.pid}`,
      '-S', String(Buffer.byteLength(body) + 1024),
    ];
    return new Promise((resolve, reject) => {
      const child = spawn('logger', args, { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', (error) => reject(new Error(`logger(1) não pôde ser executado: ${error.message}`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `logger(1) saiu com ${String(code)}`))));
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${body}\n`);
    });
  }

  close(): void {}
}

export function createTransport(target: SyslogTarget, options: TransportOptions): SyslogTransport {
  if (target.transport === 'unix') return new UnixTransport(target.path, options);
  if (target.transport === 'udp') return new UdpTransport(target, options);
  return new TcpTransport(target, options);
}
