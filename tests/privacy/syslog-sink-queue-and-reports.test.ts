// The syslog copy's queue, against a small TCP collector started and stopped by each test (RFC
// 6587 octet counting, as rsyslog reads it): entries wait while the collector is down and go
// out in order when it is back; the queue keeps the newest `maxPending` and forgets entries
// older than `maxAgeMs`; each change of state (failing, dropped, back, left unsent at close)
// is reported once, in words, with the count in the singular or plural; a reporter that throws
// does not stop the copy; a collector that never answers or stops reading fails a delivery in
// bounded time; between messages nothing the sink holds keeps the process alive. The
// collectors: syslog-collectors.ts; the same sink against a real rsyslogd: audit-syslog.test.ts.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SyslogSink } from '../../main/core/privacy/audit-syslog.ts';
import type { SyslogSinkOptions } from '../../main/core/privacy/audit-syslog.ts';
import { freePort } from './rsyslog.ts';
import { collectorThatNeverAnswers, collectorThatStopsReading, startCollector } from './syslog-collectors.ts';
import type { Collector } from './syslog-collectors.ts';

/** What a test opened, closed after it: the sinks first, then whatever they sent to. */
const open: { sinks: SyslogSink[]; closers: (() => unknown)[] } = { sinks: [], closers: [] };

afterEach(async () => {
  await Promise.all(open.sinks.splice(0).map((sink) => sink.close(100)));
  await Promise.all(open.closers.splice(0).map((close) => close()));
});

async function collectorOn(port: number): Promise<Collector> {
  const collector = await startCollector(port);
  open.closers.push(() => collector.close());
  return collector;
}

function sinkTo(port: number, reports: string[], options: SyslogSinkOptions = {}): SyslogSink {
  const sink = new SyslogSink(`tcp://127.0.0.1:${port}`, { onProblem: (message) => reports.push(message), retryMinMs: 20, retryMaxMs: 50, connectTimeoutMs: 1_000, ...options });
  open.sinks.push(sink);
  return sink;
}

/** Resolves once the sink has failed its first delivery (its status says so). */
async function failed(sink: SyslogSink): Promise<void> {
  await expect.poll(() => sink.status().failing).toBe(true);
}

/**
 * A sink whose collector is not up yet (on a free port nobody listens on), after its first
 * entry, `{"n":1}`, failed to go: what it reports lands in `reports`.
 */
async function sinkWhileDown(options: SyslogSinkOptions = {}): Promise<{ port: number; reports: string[]; sink: SyslogSink }> {
  const port = await freePort();
  const reports: string[] = [];
  const sink = sinkTo(port, reports, options);
  sink.send('{"n":1}');
  await failed(sink);
  return { port, reports, sink };
}

describe('the syslog copy’s queue', () => {
  it('keeps entries while the collector is down, reports that once, and sends them in order when it is back', async () => {
    const port = await freePort();
    const reports: string[] = [];
    const sink = sinkTo(port, reports);
    expect(sink.status()).toEqual({ target: `tcp://127.0.0.1:${port}`, pending: 0, sent: 0, dropped: 0, failing: false });
    sink.send('{"n":1}');
    await failed(sink);
    sink.send('{"n":2}');
    sink.send('{"n":3}');
    expect(sink.status()).toMatchObject({ pending: 3, sent: 0, failing: true, lastError: expect.stringContaining('ECONNREFUSED') as unknown });
    expect(reports).toEqual([
      `cópia da auditoria para tcp://127.0.0.1:${port} falhou (${sink.status().lastError}); 1 entrada aguarda nova tentativa. O arquivo do registro continua sendo gravado.`,
    ]);
    const collector = await collectorOn(port);
    expect(await sink.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(sink.status()).toMatchObject({ pending: 0, sent: 3, dropped: 0, failing: false });
    expect(reports.slice(1)).toEqual([`cópia da auditoria para tcp://127.0.0.1:${port} restabelecida.`]);
  });

  it('retries on its own, without a flush, once the collector is back', async () => {
    const { port } = await sinkWhileDown();
    const collector = await collectorOn(port);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}']);
  });

  it('keeps the newest maxPending entries and reports how many it dropped', async () => {
    const { port, reports, sink } = await sinkWhileDown({ maxPending: 2 });
    for (const n of [2, 3, 4, 5]) sink.send(`{"n":${n}}`);
    expect(sink.status()).toMatchObject({ pending: 2, dropped: 3 });
    const collector = await collectorOn(port);
    expect(await sink.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":4}', '{"n":5}']);
    expect(reports).toContain(`cópia da auditoria para tcp://127.0.0.1:${port}: 3 entradas descartadas da fila sem chegar ao coletor (continuam no arquivo do registro).`);
  });

  it('forgets entries older than maxAgeMs, and says so in the singular for one', async () => {
    const { port, reports, sink } = await sinkWhileDown({ maxAgeMs: 150 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const collector = await collectorOn(port);
    sink.send('{"n":2}');
    expect(await sink.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":2}']);
    expect(sink.status()).toMatchObject({ pending: 0, sent: 1, dropped: 1 });
    expect(reports).toContain(`cópia da auditoria para tcp://127.0.0.1:${port}: 1 entrada descartada da fila sem chegar ao coletor (continuam no arquivo do registro).`);
  });

  it('at close, reports the entries it could not send, and takes no more', async () => {
    const { port, reports, sink } = await sinkWhileDown();
    sink.send('{"n":2}');
    const started = performance.now();
    await sink.close(300);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(reports.at(-1)).toBe(`cópia da auditoria para tcp://127.0.0.1:${port}: 2 entradas não enviadas ao fechar (continuam no arquivo do registro).`);
    sink.send('{"n":3}');
    expect(sink.status().pending).toBe(2);

    const one = await sinkWhileDown();
    await one.sink.close(50);
    expect(one.reports.at(-1)).toBe(`cópia da auditoria para tcp://127.0.0.1:${one.port}: 1 entrada não enviada ao fechar (continuam no arquivo do registro).`);
  });

  it('closes at once, reporting nothing, when all was sent; a flush of an empty queue is true at once', async () => {
    const port = await freePort();
    const collector = await collectorOn(port);
    const reports: string[] = [];
    const sink = sinkTo(port, reports);
    expect(await sink.flush(10)).toBe(true);
    sink.send('{"n":1}');
    sink.send('{"n":2}');
    expect(await sink.flush(5_000)).toBe(true);
    await sink.close(5_000);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}', '{"n":2}']);
    expect(reports).toEqual([]);
  });

  it('a flush that cannot reach the collector gives up after its time and says false', async () => {
    const { sink } = await sinkWhileDown({ retryMinMs: 10_000, retryMaxMs: 10_000 });
    expect(await sink.flush(200)).toBe(false);
    expect(sink.status().pending).toBe(1);
  });

  it('opens a new connection when the collector ended the last one', async () => {
    const port = await freePort();
    const collector = await collectorOn(port);
    const reports: string[] = [];
    const sink = sinkTo(port, reports);
    sink.send('{"n":1}');
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}']);
    collector.hangUp();
    await new Promise((resolve) => setTimeout(resolve, 100));
    sink.send('{"n":2}');
    expect(await sink.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}', '{"n":2}']);
    expect(sink.status()).toMatchObject({ sent: 2, pending: 0 });
  });

  it('gives up on a collector that never answers the connection after connectTimeoutMs, and keeps the entry', async () => {
    const { port, close } = await collectorThatNeverAnswers();
    open.closers.push(close);
    const reports: string[] = [];
    const sink = sinkTo(port, reports, { connectTimeoutMs: 200, retryMinMs: 10_000, retryMaxMs: 10_000 });
    sink.send('{"n":1}');
    await failed(sink);
    expect(sink.status()).toMatchObject({ pending: 1, sent: 0, lastError: 'sem resposta em 200 ms' });
    expect(reports).toEqual([`cópia da auditoria para tcp://127.0.0.1:${port} falhou (sem resposta em 200 ms); 1 entrada aguarda nova tentativa. O arquivo do registro continua sendo gravado.`]);
  });

  it('gives up on a collector that accepts and stops reading once the buffers are full, after three times connectTimeoutMs', async () => {
    const port = await freePort();
    open.closers.push(await collectorThatStopsReading(port));
    const sink = sinkTo(port, [], { connectTimeoutMs: 200, retryMinMs: 10_000, retryMaxMs: 10_000 });
    // Entries of 1 MB: the kernel's buffers on both ends of the connection (a few MB) take the
    // first ones, and the write of the next one never completes.
    const entry = `{"n":"${'x'.repeat(1 << 20)}"}`;
    for (let n = 0; n < 64; n += 1) sink.send(entry);
    await failed(sink);
    expect(sink.status().lastError).toBe('o coletor não leu a mensagem em 600 ms');
    expect(sink.status().sent).toBeGreaterThan(0);
    expect(sink.status().pending).toBe(64 - sink.status().sent);
  });

  it('between messages, holds no connection or socket that would keep a finished command alive (TCP and UDP)', async () => {
    const held = (kind: string) => process.getActiveResourcesInfo().filter((resource) => resource === kind);
    const port = await freePort();
    const collector = await collectorOn(port);
    const tcp = sinkTo(port, []);
    tcp.send('{"n":1}');
    expect(await tcp.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}']);
    expect(held('TCPSocketWrap')).toEqual([]);

    const datagrams = dgram.createSocket('udp4');
    const received: string[] = [];
    datagrams.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => datagrams.bind(0, '127.0.0.1', resolve));
    datagrams.unref();
    open.closers.push(() => datagrams.close());
    const udp = new SyslogSink(`udp://127.0.0.1:${datagrams.address().port}`, { onProblem: () => undefined });
    open.sinks.push(udp);
    udp.send('{"n":2}');
    expect(await udp.flush(5_000)).toBe(true);
    await expect.poll(() => received).toEqual([expect.stringMatching(/ auditoria - \{"n":2\}$/) as unknown]);
    expect(held('UDPWrap')).toEqual([]);
  });

  it('through a unix socket that is not there: fails with logger(1)’s own reason, and keeps the entry', async () => {
    const reports: string[] = [];
    const sink = new SyslogSink('unix:///nao/existe/log', { onProblem: (message) => reports.push(message), retryMinMs: 10_000 });
    open.sinks.push(sink);
    sink.send('{"n":1}');
    await failed(sink);
    expect(sink.status()).toMatchObject({ pending: 1, sent: 0, lastError: expect.stringContaining('/nao/existe/log') as unknown });
    expect(sink.status().lastError).not.toMatch(/^logger\(1\) saiu com/);
    expect(reports[0]).toMatch(/^cópia da auditoria para unix:\/\/\/nao\/existe\/log falhou \(.*\/nao\/existe\/log.*\); 1 entrada aguarda nova tentativa\./);
  });

  it('goes on copying when the reporter throws', async () => {
    const port = await freePort();
    const sink = new SyslogSink(`tcp://127.0.0.1:${port}`, { onProblem: () => { throw new Error('reporter down'); }, retryMinMs: 20, retryMaxMs: 50 });
    open.sinks.push(sink);
    sink.send('{"n":1}');
    await failed(sink);
    const collector = await collectorOn(port);
    expect(await sink.flush(5_000)).toBe(true);
    await expect.poll(() => collector.bodies).toEqual(['{"n":1}']);
  });
});
