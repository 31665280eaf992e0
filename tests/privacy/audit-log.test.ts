// The audit log written by a real Workbench session verifies with the real `mirante audit
// verify`, and stops verifying, naming the entry, once a line is edited, removed or swapped.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../main/core/api.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAuditLog } from '../../main/core/privacy/audit-verify.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { createFixture } from '../engine/fixture.ts';
import type { Fixture } from '../engine/fixture.ts';
import { runCli } from '../support/run-cli.ts';
import { collect } from './support.ts';

let fixture: Fixture;
let scratch: string;
let logFile: string;
let lines: string[];

beforeAll(async () => {
  fixture = await createFixture();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-privacy-audit-'));
  const workbench = await Workbench.open({ dataDir: fixture.dataDir, stateDir: path.join(scratch, 'state'), tempRoot: fixture.tempRoot, threads: 1, user: 'ana' });
  try {
    const first = await collect(workbench, (id) =>
      workbench.runQuery({ sql: "select count(*) from pessoa where nome = $nome or bairro = $bairro or '123.456.789-09' = $cpf", params: { nome: 'Ana Conceição', bairro: 'Centro', cpf: '12345678909' }, queryId: id }),
    );
    await collect(workbench, (id) => workbench.runQuery({ sql: 'select count(*) from familia', snapshot: '2026-09-30', queryId: id }));
    await collect(workbench, () => workbench.unmaskResult({ queryId: first.queryId, statementIndex: 0, purpose: 'Conferência de cadastro duplicado' }));
    await collect(workbench, (id) => workbench.runQuery({ sql: 'select * from pessoa', queryId: id }));
  } finally {
    await workbench.close();
  }
  logFile = path.join(fixture.dataDir, 'auditoria', 'auditoria.jsonl');
  lines = (await readFile(logFile, 'utf8')).trimEnd().split('\n');
});

afterAll(async () => {
  await fixture?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

async function tampered(name: string, change: (lines: string[]) => string[]): Promise<string> {
  const file = path.join(scratch, `${name}.jsonl`);
  await writeFile(file, `${change([...lines]).join('\n')}\n`);
  return file;
}

describe('audit log', () => {
  it('records each query, unmask and snapshot opening, with identifying values hashed', () => {
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.map((e) => e.action)).toEqual(['open_snapshot', 'query', 'open_snapshot', 'query', 'unmask', 'unmask', 'query']);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const first = entries[1] as AuditEntry;
    expect(first).toMatchObject({ user: 'ana', role: 'analista', snapshot: '2026-10-31', rows: 1, status: 'ok' });
    expect(first.params?.bairro).toBe('Centro');
    expect(String(first.params?.nome)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(String(first.params?.cpf)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(first.sql).not.toContain('123.456.789-09');
    expect(first.sqlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join('\n')).not.toContain('Ana Conceição');
    expect(lines.join('\n')).not.toContain('12345678909');
    expect(entries[4]).toMatchObject({ action: 'unmask', purpose: 'Conferência de cadastro duplicado' });
    expect(entries[6]).toMatchObject({ rows: 6 });
  });

  it('verifies with the real command, from --log and from --data', async () => {
    const byLog = await runCli(['audit', 'verify', '--log', logFile]);
    expect(byLog.code, byLog.stderr).toBe(0);
    expect(byLog.stdout).toContain('7 entradas');
    const byData = await runCli(['audit', 'verify', '--data', fixture.dataDir]);
    expect(byData.code, byData.stderr).toBe(0);
  });

  it('fails naming the entry after an edit, a deletion or a swap', async () => {
    const edited = await tampered('editada', (l) => {
      l[3] = (l[3] as string).replace('"rows":', '"rows":1');
      return l;
    });
    const removed = await tampered('removida', (l) => l.filter((_, i) => i !== 2));
    const swapped = await tampered('trocada', (l) => [l[0], l[1], l[3], l[2], ...l.slice(4)] as string[]);
    const cases: [string, RegExp][] = [
      [edited, /linha 4 \(seq 4\).*editada/],
      [removed, /linha 3 \(seq 4\).*removida/],
      [swapped, /linha 3 \(seq 4\).*fora de ordem/],
    ];
    for (const [file, expected] of cases) {
      const result = await runCli(['audit', 'verify', '--log', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(expected);
    }
  });

  it('keeps one chain when two writers append at once', async () => {
    const file = path.join(scratch, 'concorrente', 'auditoria.jsonl');
    const a = new AuditLog(file, { user: 'a', role: 'analista' });
    const b = new AuditLog(file, { user: 'b', role: 'consulta' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record({ action: 'export', path: `/tmp/x${i}.csv`, sha256: 'f'.repeat(64), rows: i })));
    expect(await verifyAuditLog(file)).toEqual({ ok: true, entries: 20 });
    expect((await a.list({ user: 'b', limit: 3 })).map((e) => e.user)).toEqual(['b', 'b', 'b']);
  });
});
