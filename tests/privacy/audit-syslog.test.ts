// The syslog copy of the audit log against a REAL rsyslogd started by each test: every entry
// arrives whole as an RFC 5424 message (authpriv.info, app mirante, msgid auditoria; TCP with
// RFC 6587 octet counting, UDP, and the unix socket through logger(1)); the copy rsyslog wrote
// verifies with `mirante audit verify --copia`; it catches the one attacker the key and the
// anchor cannot (the owner of the key who removes an entry and rebuilds chain and anchor);
// and a collector that is down neither blocks nor fails `record()`: the entries wait, and
// reach it when it comes up.
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { loadDeployment } from '../../main/core/privacy/deployment.ts';
import { copyFolder, readLines, reanchor, rechain, verify, writeAuditLog, writeLines } from './audit-support.ts';
import { freePort, startRsyslog, waitForLines } from './rsyslog.ts';
import type { Rsyslog } from './rsyslog.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;
let running: Rsyslog[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-syslog-'));
});

afterEach(async () => {
  await Promise.all(running.map((r) => r.stop()));
  running = [];
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function rsyslog(options: Parameters<typeof startRsyslog>[0] = {}): Promise<Rsyslog> {
  const started = await startRsyslog(options);
  running.push(started);
  return started;
}

/** Polls `condition` until it holds or `timeoutMs` passes (no timing is asserted). */
async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const HEADER = new RegExp(`^authpriv\\.info mirante ${process.pid} auditoria \\{"registro":`);

function copiedEntry(line: string): SealedAuditEntry {
  return (JSON.parse(line.slice(line.indexOf('{"registro":'))) as { entrada: SealedAuditEntry }).entrada;
}

describe('syslog copy to a real rsyslogd', () => {
  it('sends every entry over TCP (octet counting), whole, and the copy verifies', async () => {
    const collector = await rsyslog();
    const dir = path.join(scratch, 'tcp');
    const { file, log } = await writeAuditLog(dir, 6, { syslog: `tcp://127.0.0.1:${collector.tcpPort}` });
    const long = `select '${'Conceição '.repeat(4000)}' as texto`;
    await log.record({ action: 'query', sql: long, status: 'started', queryId: 'longa' });
    await log.close();
    const copied = await waitForLines(collector.files.tcp, (lines) => lines.length >= 7);
    const written = await readLines(file);
    expect(copied).toHaveLength(7);
    for (const [index, line] of copied.entries()) {
      expect(line).toMatch(HEADER);
      expect(copiedEntry(line)).toEqual(JSON.parse(written[index] as string));
    }
    expect(copiedEntry(copied[6] as string).sql).toBe(long);
    const result = await verify('--log', file, '--copia', collector.files.tcp);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('cópia do coletor: 7 entradas conferem');
  });

  it('frames every TCP message with its octet count (RFC 6587), as the bytes on the wire show', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const { file, log } = await writeAuditLog(path.join(scratch, 'octetos'), 3, { syslog: `tcp://127.0.0.1:${port}` });
      await log.close();
      const written = await readLines(file);
      const frames: string[] = [];
      await until('three frames arrive', () => {
        frames.length = 0;
        let rest = Buffer.concat(received);
        for (;;) {
          const space = rest.indexOf(0x20);
          if (space < 0 || !/^[1-9]\d*$/.test(rest.subarray(0, space).toString('ascii'))) break;
          const length = Number(rest.subarray(0, space).toString('ascii'));
          if (rest.length < space + 1 + length) break;
          frames.push(rest.subarray(space + 1, space + 1 + length).toString('utf8'));
          rest = rest.subarray(space + 1 + length);
        }
        return frames.length === 3 && rest.length === 0;
      });
      for (const [index, frame] of frames.entries()) {
        expect(frame).toMatch(new RegExp(`^<86>1 \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\S+ mirante ${process.pid} auditoria - \\{"registro":`));
        expect(copiedEntry(frame)).toEqual(JSON.parse(written[index] as string));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends over UDP and through the local unix socket too', async () => {
    const collector = await rsyslog();
    for (const [transport, url] of [
      ['udp', `udp://127.0.0.1:${collector.udpPort}`],
      ['unix', `unix://${collector.socket}`],
    ] as const) {
      const { file, log } = await writeAuditLog(path.join(scratch, transport), 2, { syslog: url });
      await log.close();
      const copied = await waitForLines(collector.files[transport], (lines) => lines.length >= 2);
      expect(copied.map(copiedEntry)).toEqual((await readLines(file)).map((l) => JSON.parse(l) as unknown));
      for (const line of copied) expect(line).toMatch(HEADER);
      const result = await verify('--log', file, '--copia', collector.files[transport]);
      expect(result.code, `${transport}: ${result.stderr}`).toBe(0);
    }
  });

  it('catches the owner of the key who removes an entry and rebuilds chain and anchor', async () => {
    const collector = await rsyslog();
    const { file: original, log } = await writeAuditLog(path.join(scratch, 'dono', 'original'), 6, { syslog: `tcp://127.0.0.1:${collector.tcpPort}` });
    await log.close();
    await waitForLines(collector.files.tcp, (lines) => lines.length >= 6);

    const dir = path.join(scratch, 'dono', 'reescrito');
    const file = await copyFolder(path.dirname(original), dir);
    const secret = await readFile(path.join(dir, 'chave-auditoria'));
    const lines = rechain((await readLines(file)).filter((_, i) => i !== 3), secret);
    await writeLines(file, lines);
    await reanchor(dir, secret, lines);

    // Key and anchor alone cannot see this: it is what the second sink is for.
    const alone = await verify('--log', file);
    expect(alone.code, alone.stderr).toBe(0);
    const withCopy = await verify('--log', file, '--copia', collector.files.tcp, '--origem', `${os.hostname()}:${original}`);
    expect(withCopy.code).toBe(1);
    expect(withCopy.stderr).toMatch(/seq 4: a entrada seq 4 do registro difere da cópia do coletor \(linha \d+; campos: .*purpose.*\): editada ou reescrita/);
    expect(withCopy.stderr).toMatch(/seq 6: a entrada seq 6 \(export de ana em .*\) está na cópia do coletor .* mas não no registro: removida/);
  });

  it('compares an entry the collector cut short (message size limit) by the part it received', async () => {
    const collector = await rsyslog({ maxMessageSize: '2k' });
    const dir = path.join(scratch, 'cortada');
    const { file, log } = await writeAuditLog(dir, 2, { syslog: `tcp://127.0.0.1:${collector.tcpPort}` });
    await log.record({ action: 'query', sql: `select '${'x'.repeat(6000)}'`, status: 'started', queryId: 'longa' });
    await log.close();
    await waitForLines(collector.files.tcp, (lines) => lines.filter((l) => l.includes('{"registro":')).length >= 3);
    const intact = await verify('--log', file, '--copia', collector.files.tcp);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/cópia do coletor: 3 entradas conferem/);
    expect(intact.stdout).toMatch(/1 linha da cópia veio cortada pelo coletor/);

    const secret = await readFile(path.join(dir, 'chave-auditoria'));
    const lines = await readLines(file);
    lines[2] = (lines[2] as string).replace('"role":"analista"', '"role":"consulta"');
    const resealed = rechain(lines, secret);
    await writeLines(file, resealed);
    await reanchor(dir, secret, resealed);
    const edited = await verify('--log', file, '--copia', collector.files.tcp);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/seq 3: a entrada seq 3 do registro difere da cópia do coletor \(linha \d+\): editada ou reescrita/);
  });

  it('catches a log deleted with its key and anchor and started again', async () => {
    const collector = await rsyslog();
    const dir = path.join(scratch, 'recomecado');
    const syslog = `tcp://127.0.0.1:${collector.tcpPort}`;
    const first = await writeAuditLog(dir, 3, { syslog });
    await first.log.close();
    await waitForLines(collector.files.tcp, (lines) => lines.length >= 3);
    for (const name of ['auditoria.jsonl', 'chave-auditoria', 'ancora-auditoria']) await unlink(path.join(dir, name));
    const again = await writeAuditLog(dir, 1, { syslog });
    await again.log.close();
    await waitForLines(collector.files.tcp, (lines) => lines.length >= 4);
    const result = await verify('--log', again.file, '--copia', collector.files.tcp);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/seq 1: .*difere da cópia .*outra chave/);
    expect(result.stderr).toMatch(/seq 3: .*está na cópia do coletor .*mas não no registro: removida/);
  });

  it('never blocks or fails record() while the collector is down, and delivers the queue when it comes up', async () => {
    const port = await freePort();
    const problems: string[] = [];
    const dir = path.join(scratch, 'fora-do-ar');
    const { file, log } = await writeAuditLog(dir, 3, {
      syslog: `tcp://127.0.0.1:${port}`,
      onSinkProblem: (message: string) => problems.push(message),
      sink: { retryMinMs: 100, retryMaxMs: 400 },
    });
    expect(await readLines(file)).toHaveLength(3);
    await until('the sink reports the refused connection', () => problems.length > 0);
    expect(log.syslogStatus()).toMatchObject({ failing: true, sent: 0 });
    expect(problems.join('\n')).toMatch(/cópia da auditoria para tcp:\/\/127\.0\.0\.1:\d+ falhou \(.*ECONNREFUSED.*\).*O arquivo do registro continua sendo gravado/);

    const collector = await rsyslog({ tcp: port });
    const copied = await waitForLines(collector.files.tcp, (lines) => lines.length >= 3);
    expect(copied.map(copiedEntry)).toEqual((await readLines(file)).map((l) => JSON.parse(l) as unknown));
    await until('the queue is empty', () => log.syslogStatus()?.pending === 0);
    expect(problems.join('\n')).toMatch(/restabelecida/);
    expect(log.syslogStatus()).toMatchObject({ failing: false, pending: 0, sent: 3, dropped: 0 });
    await log.close();
  });

  it('is configured by auditoria_syslog in mirante.yaml, and a bad address is refused there', async () => {
    const collector = await rsyslog();
    const dataDir = path.join(scratch, 'implantacao');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'mirante.yaml'), `auditoria: registro/auditoria.jsonl\nauditoria_syslog: tcp://127.0.0.1:${collector.tcpPort}\n`);
    const deployment = await loadDeployment(dataDir, 'ana');
    const log = new AuditLog(deployment.auditLogPath, deployment);
    await log.record({ action: 'open_snapshot', snapshot: '2026-10-31' });
    await log.close();
    await waitForLines(collector.files.tcp, (lines) => lines.length >= 1);
    const result = await verify('--data', dataDir, '--copia', collector.files.tcp);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('cópia do coletor: 1 entrada confere');

    await writeFile(path.join(dataDir, 'mirante.yaml'), 'auditoria_syslog: http://127.0.0.1:6514\n');
    expect((await rejection(loadDeployment(dataDir, 'ana'))).message).toMatch(/mirante\.yaml: auditoria_syslog: syslog: transporte "http" não suportado/);
  });
});
