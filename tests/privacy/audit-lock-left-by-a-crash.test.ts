// The audit log's writer lock, a file beside the log: a lock left by a writer that crashed
// (older than 30 s) is broken and the record goes ahead; a live one (younger) is waited for,
// then refused with how long it waited; the lock is let go after the work, also when it fails.
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLock } from '../../main/core/privacy/audit-lock.ts';
import { rejection } from '../support/rejection.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-lock-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('the audit writer lock', () => {
  it('is taken for the work, 0600, and let go after it, also when the work fails', async () => {
    const lock = path.join(dir, 'a.lock');
    const seen = await withLock(lock, async () => (await stat(lock)).mode & 0o777);
    expect(seen).toBe(0o600);
    expect(await exists(lock)).toBe(false);
    expect((await rejection(withLock(lock, () => Promise.reject(new Error('falhou'))))).message).toMatch('falhou');
    expect(await exists(lock)).toBe(false);
  });

  it('breaks a lock left more than 30 s ago by a writer that crashed', async () => {
    const lock = path.join(dir, 'b.lock');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 31_000);
    await utimes(lock, old, old);
    expect(await withLock(lock, () => Promise.resolve('gravado'), 200)).toBe('gravado');
    expect(await exists(lock)).toBe(false);
  });

  it('waits for a younger lock, then refuses saying how long, and leaves that lock alone', async () => {
    const lock = path.join(dir, 'c.lock');
    await writeFile(lock, '');
    const recent = new Date(Date.now() - 25_000);
    await utimes(lock, recent, recent);
    const started = Date.now();
    let ran = false;
    const refused = withLock(
      lock,
      async () => {
        ran = true;
      },
      1400,
    );
    expect((await rejection(refused)).message).toBe(
      `O registro de auditoria está ocupado por outro processo há mais de 1 s (trava ${lock}). Nada foi executado.`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(ran).toBe(false);
    expect(await exists(lock)).toBe(true);
  });

  it('goes ahead as soon as the other writer lets go', async () => {
    const lock = path.join(dir, 'd.lock');
    await writeFile(lock, '');
    setTimeout(() => void rm(lock), 100);
    expect(await withLock(lock, () => Promise.resolve('depois'), 5000)).toBe('depois');
  });
});
