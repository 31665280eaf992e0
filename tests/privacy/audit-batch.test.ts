// Records asked for at once (the cells of a panel starting together) are written together, in
// the order they were asked for, one chain, every one on disk before its promise resolves.
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../main/core/api/index.ts';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';

describe('audit log under concurrent records', () => {
  it('keeps call order and one verifiable chain, and each entry is in the file when its record resolves', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-batch-')), 'auditoria.jsonl');
    const log = new AuditLog(file, { user: 'ana', role: 'analista' });
    const onDisk: boolean[] = [];
    const records = Array.from({ length: 40 }, (_, i) =>
      log.record({ action: 'query', status: 'started', queryId: `q${i}`, sql: `select ${i}` }).then(async (entry) => {
        onDisk.push((await readFile(file, 'utf8')).includes(`"queryId":"q${i}"`));
        return entry;
      }),
    );
    const entries = await Promise.all(records);
    expect(entries.map((e) => e.queryId)).toEqual(Array.from({ length: 40 }, (_, i) => `q${i}`));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(onDisk.every(Boolean)).toBe(true);
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    expect(lines.map((e) => e.queryId)).toEqual(entries.map((e) => e.queryId));
    const verification = await verifyAudit({ log: file });
    expect(verification.ok, JSON.stringify(verification.problems)).toBe(true);
    await log.close();
  });
});
