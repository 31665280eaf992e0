// The audit files are private (0600 files, 0700 folders, even under umask 000), and when the
// log cannot be written `record()` REJECTS with a pt-BR message (callers record before they
// act, so a rejection stops the act): a directory in the log's place, a full disk (/dev/full),
// a read-only folder (checked as an unprivileged user: root ignores permissions), a lock held
// by another writer, a key or anchor that cannot be written. Nothing half-written remains.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../main/core/privacy/audit-log.ts';
import { withLock } from '../../main/core/privacy/audit-lock.ts';
import { projectRoot } from '../support/run-cli.ts';
import { rejection } from '../support/rejection.ts';

const NOBODY = 65534;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-audit-files-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const mode = async (file: string) => (await stat(file)).mode & 0o777;
const record = (file: string, options = {}) => new AuditLog(file, { user: 'ana', role: 'analista' }, options).record({ action: 'open_snapshot', snapshot: '2026-10-31' });

describe('audit file modes', () => {
  it('creates the log, key, anchor and lock 0600 and their folders 0700 under umask 000', async () => {
    const previous = process.umask(0);
    try {
      const dir = path.join(scratch, 'modos', 'auditoria');
      const file = path.join(dir, 'auditoria.jsonl');
      const keyDir = path.join(scratch, 'modos', 'segredos', 'chave');
      await record(file, { keyPath: path.join(keyDir, 'chave-auditoria') });
      expect(await mode(path.join(scratch, 'modos'))).toBe(0o700);
      expect(await mode(dir)).toBe(0o700);
      expect(await mode(keyDir)).toBe(0o700);
      expect(await mode(file)).toBe(0o600);
      expect(await mode(path.join(keyDir, 'chave-auditoria'))).toBe(0o600);
      expect(await mode(path.join(keyDir, 'ancora-auditoria'))).toBe(0o600);
      const lock = path.join(dir, 'outra.lock');
      expect(await withLock(lock, () => mode(lock))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('narrows a log left world-readable by an older version to 0600', async () => {
    const dir = path.join(scratch, 'antigo');
    await mkdir(dir);
    const file = path.join(dir, 'auditoria.jsonl');
    await writeFile(file, '');
    await chmod(file, 0o644);
    await record(file);
    expect(await mode(file)).toBe(0o600);
  });
});

/** Records through a child process, as `nobody` when this runs as root. */
function recordAsOtherProcess(file: string): Promise<{ ok: boolean; message?: string }> {
  const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'privacy', 'audit-probe.ts'), file], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], ...asNobody });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout) as { ok: boolean; message?: string });
      } catch {
        reject(new Error(`probe printed ${JSON.stringify(stdout)}; stderr: ${stderr}`));
      }
    });
  });
}

describe('record() fails closed', () => {
  it('rejects when a directory stands in the log’s place, and keeps rejecting', async () => {
    const dir = path.join(scratch, 'pasta-no-lugar');
    const file = path.join(dir, 'auditoria.jsonl');
    await mkdir(file, { recursive: true });
    const log = new AuditLog(file, { user: 'ana', role: 'analista' });
    expect((await rejection(log.record({ action: 'open_snapshot', snapshot: '2026-10-31' }))).message).toMatch(/Não foi possível gravar o registro de auditoria .*há uma pasta no lugar do arquivo/);
    expect((await rejection(log.record({ action: 'query', sql: 'select 1' }))).message).toMatch(/há uma pasta no lugar do arquivo/);
  });

  it('rejects on a full disk (the log is /dev/full)', async () => {
    const dir = path.join(scratch, 'disco-cheio');
    await mkdir(dir);
    const file = path.join(dir, 'auditoria.jsonl');
    await symlink('/dev/full', file);
    expect((await rejection(record(file))).message).toMatch(/Não foi possível gravar o registro de auditoria .*disco cheio \[ENOSPC\]/);
  });

  it('rejects in a read-only folder, for a process that may not write there', async () => {
    const parent = path.join(scratch, 'somente-leitura');
    const dir = path.join(parent, 'auditoria');
    await mkdir(dir, { recursive: true });
    await chmod(scratch, 0o755);
    await chmod(parent, 0o755);
    await chmod(dir, 0o555);
    const outcome = await recordAsOtherProcess(path.join(dir, 'auditoria.jsonl'));
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/Não foi possível gravar o registro de auditoria .*sem permissão de escrita \[EACCES\]/);
    await chmod(dir, 0o700);
  });

  it('rejects while another writer holds the lock', async () => {
    const dir = path.join(scratch, 'travado');
    await mkdir(dir);
    const file = path.join(dir, 'auditoria.jsonl');
    await writeFile(`${file}.lock`, '');
    expect((await rejection(record(file, { lockWaitMs: 300 }))).message).toMatch(/registro de auditoria está ocupado por outro processo/);
    expect((await rejection(readFile(file))).message).toMatch(/ENOENT/);
  });

  it('rejects when the key or the anchor cannot be written, leaving the log untouched', async () => {
    const dir = path.join(scratch, 'sem-chave');
    await mkdir(dir);
    await writeFile(path.join(dir, 'um-arquivo'), '');
    const file = path.join(dir, 'auditoria.jsonl');
    expect((await rejection(record(file, { keyPath: path.join(dir, 'um-arquivo', 'chave'), anchorPath: path.join(dir, 'ancora') }))).message).toMatch(/\(.*um-arquivo\/chave\): parte do caminho não é uma pasta/);
    expect((await rejection(record(file, { anchorPath: path.join(dir, 'um-arquivo', 'ancora') }))).message).toMatch(/\(.*um-arquivo\/ancora\): parte do caminho não é uma pasta/);
    expect((await rejection(readFile(file))).message).toMatch(/ENOENT/);
  });
});
