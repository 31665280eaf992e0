// The audit log written by a real Workbench session (with mirante.yaml sending the syslog
// copy to a real rsyslogd) holds each query, unmask and snapshot opening, identifying values
// hashed, every entry sealed; it verifies with the real `mirante audit verify`, from --log,
// from --data and against the collector's copy. Two writers at once keep one chain.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import type { SealedAuditEntry } from '../../main/core/privacy/audit-chain.ts';
import { verifyAuditLog } from '../../main/core/privacy/audit-verify.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { createFixture } from '../engine/fixture.ts';
import type { Fixture } from '../engine/fixture.ts';
import { verify } from './audit-support.ts';
import { startRsyslog, waitForLines } from './rsyslog.ts';
import type { Rsyslog } from './rsyslog.ts';
import { collect } from './support.ts';

let fixture: Fixture;
let collector: Rsyslog;
let scratch: string;
let logFile: string;
let lines: string[];
let entries: SealedAuditEntry[];

beforeAll(async () => {
  fixture = await createFixture();
  collector = await startRsyslog();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-privacy-audit-'));
  await writeFile(path.join(fixture.dataDir, 'mirante.yaml'), `auditoria_syslog: tcp://127.0.0.1:${collector.tcpPort}\n`);
  const workbench = await Workbench.open({ dataDir: fixture.dataDir, stateDir: path.join(scratch, 'state'), tempRoot: fixture.tempRoot, threads: 1, user: 'ana' });
  try {
    const first = await collect(workbench, (id) =>
      workbench.runQuery({ sql: "select count(*) from pessoa where nome = $nome or bairro = $bairro or '123.456.789-09' = $cpf", params: { nome: 'Ana Conceição', bairro: 'Centro', cpf: '123 456 789 09' }, queryId: id }),
    );
    await collect(workbench, (id) => workbench.runQuery({ sql: 'select count(*) from familia', snapshot: '2026-09-30', queryId: id }));
    await collect(workbench, () => workbench.unmaskResult({ queryId: first.queryId, statementIndex: 0, purpose: 'Conferência de cadastro duplicado' }));
    await collect(workbench, (id) => workbench.runQuery({ sql: "select '123.456.789-01'::int", queryId: id }));
  } finally {
    await workbench.close();
  }
  logFile = path.join(fixture.dataDir, 'auditoria', 'auditoria.jsonl');
  lines = (await readFile(logFile, 'utf8')).trimEnd().split('\n');
  entries = lines.map((line) => JSON.parse(line) as SealedAuditEntry);
});

afterAll(async () => {
  await collector?.stop();
  await fixture?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

describe('audit log of a Workbench session', () => {
  it('records each query, unmask and snapshot opening, sealed, with identifying values hashed', () => {
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    for (const entry of entries) expect(entry.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(entries.filter((e) => e.action === 'open_snapshot').map((e) => e.snapshot)).toEqual(['2026-10-31', '2026-09-30']);
    const withParams = entries.find((e) => e.action === 'query' && e.params !== undefined) as SealedAuditEntry;
    expect(withParams).toMatchObject({ user: 'ana', role: 'analista', snapshot: '2026-10-31' });
    expect(withParams.params?.bairro).toBe('Centro');
    expect(String(withParams.params?.nome)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(String(withParams.params?.cpf)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(withParams.sql).toContain(`'[${String(withParams.params?.cpf)}]'`);
    expect(entries.some((e) => e.action === 'query' && e.rows === 1 && e.status === 'ok')).toBe(true);
    expect(entries.some((e) => e.action === 'unmask' && e.purpose === 'Conferência de cadastro duplicado')).toBe(true);
    expect(entries.some((e) => e.status === 'error' && /Could not convert string 'hmac-sha256:[0-9a-f]{64}' to INT32/.test(e.error ?? ''))).toBe(true);
    const text = lines.join('\n');
    for (const leak of ['Ana Conceição', '12345678909', '123.456.789-09', '123 456 789 09', '123.456.789-01', '12345678901']) expect(text).not.toContain(leak);
  });

  it('verifies with the real command, from --log and from --data', async () => {
    const byLog = await verify('--log', logFile);
    expect(byLog.code, byLog.stderr).toBe(0);
    expect(byLog.stdout).toContain(`${entries.length} entradas`);
    const byData = await verify('--data', fixture.dataDir);
    expect(byData.code, byData.stderr).toBe(0);
  });

  it('sent every entry to the collector set in mirante.yaml, and verifies against its copy', async () => {
    await waitForLines(collector.files.tcp, (copied) => copied.length >= entries.length);
    const result = await verify('--data', fixture.dataDir, '--copia', collector.files.tcp);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`cópia do coletor: ${entries.length} entradas conferem`);
  });

  it('keeps one chain when two writers append at once', async () => {
    const file = path.join(scratch, 'concorrente', 'auditoria.jsonl');
    const a = new AuditLog(file, { user: 'a', role: 'analista' });
    const b = new AuditLog(file, { user: 'b', role: 'consulta' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record({ action: 'export', path: `/tmp/x${i}.csv`, sha256: 'f'.repeat(64), rows: i })));
    expect(await verifyAuditLog(file)).toMatchObject({ ok: true, entries: 20, problems: [] });
    expect((await a.list({ user: 'b', limit: 3 })).map((e) => e.user)).toEqual(['b', 'b', 'b']);
  });
});
