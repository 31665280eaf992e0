// A real rsyslogd (Debian's `rsyslog`) run by a test as its own child: a generated config in
// a temp dir, TCP and UDP inputs on free ports of 127.0.0.1, a unix socket, and one file per
// input written with a template that shows how rsyslog parsed each RFC 5424 header.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Rsyslog {
  dir: string;
  tcpPort: number;
  udpPort: number;
  socket: string;
  /** What rsyslog wrote for each input: `<facility>.<severity> <app> <procid> <msgid> <msg>`. */
  files: { tcp: string; udp: string; unix: string };
  stop(): Promise<void>;
}

const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => existsSync(p)) ?? 'rsyslogd';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function config(dir: string, tcpPort: number, udpPort: number, socket: string, files: Rsyslog['files'], maxMessageSize: string): string {
  const ruleset = (name: string, file: string) => `ruleset(name="${name}") { action(type="omfile" file="${file}" template="copia") }`;
  return `global(workDirectory="${dir}" maxMessageSize="${maxMessageSize}")
module(load="imtcp")
module(load="imudp")
module(load="imuxsock" SysSock.Use="off")
template(name="copia" type="string" string="%syslogfacility-text%.%syslogseverity-text% %app-name% %procid% %msgid% %msg%\\n")
${ruleset('tcp', files.tcp)}
${ruleset('udp', files.udp)}
${ruleset('unix', files.unix)}
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" ruleset="tcp")
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="udp")
input(type="imuxsock" Socket="${socket}" UseSpecialParser="off" RateLimit.Interval="0" ruleset="unix")
`;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `maxMessageSize` is rsyslog's own limit (longer messages are cut); default 256k. */
export async function startRsyslog(options: { tcp?: number; maxMessageSize?: string } = {}): Promise<Rsyslog> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-rsyslog-'));
  const tcpPort = options.tcp ?? (await freePort());
  const udpPort = await freePort();
  const socket = path.join(dir, 'log.sock');
  const files = { tcp: path.join(dir, 'tcp.log'), udp: path.join(dir, 'udp.log'), unix: path.join(dir, 'unix.log') };
  const conf = path.join(dir, 'rsyslog.conf');
  await writeFile(conf, config(dir, tcpPort, udpPort, socket, files, options.maxMessageSize ?? '256k'));
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', path.join(dir, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!((await accepts(tcpPort)) && existsSync(socket))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`rsyslogd did not start (${child.exitCode === null ? 'timeout' : `exit ${child.exitCode}`}): ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    dir,
    tcpPort,
    udpPort,
    socket,
    files,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `file` until `done(lines)` holds, or fails after `timeoutMs` saying what it last saw. */
export async function waitForLines(file: string, done: (lines: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const lines = text.split('\n').filter((line) => line !== '');
    if (done(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`${file}: condition not met in ${timeoutMs} ms; it holds ${lines.length} lines:\n${lines.join('\n').slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
