// Temporary and partial files are created exclusively in private folders (finding: "the
// export's .partial follows a planted symlink"). A partial file is opened with O_CREAT|O_EXCL
// under a random name, so a planted symlink is never followed; files are 0600 and private
// folders 0700 and this user's, a folder someone else could have prepared is never used, and
// what a crashed process left (rows, maybe unmasked) is removed when the next one starts.
import { spawn } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readFile, readdir, readlink, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WorkbenchError, type QueryEvent } from '../../main/core/api/index.ts';
import { createAtomicFile, writeAtomically } from '../../main/core/files/atomic-file.ts';
import { ExportJobs } from '../../main/core/export/export-jobs.ts';
import type { KeptTable } from '../../main/core/export/kept-export.ts';
import { ensurePrivateFolder, privacyProblem } from '../../main/core/export/private-folder.ts';
import { ProtectedPlaces } from '../../main/core/export/protected-places.ts';
import { createEngineTempFolder } from '../../main/core/engine/temp-folder.ts';
import { Workbench } from '../../main/core/workbench.ts';
import { runAndCollect } from '../workbench/collect-events.ts';
import { rejection } from '../support/rejection.ts';

const about = { title: 'Consulta', snapshot: '2026-10-31', timeZone: 'UTC', params: {}, sql: [] };
let scratch: string;
let instance: DuckDBInstance;
let table: KeptTable;
let live: ReturnType<typeof spawn>;

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

/** The pid of a process that has exited: what a crashed Mirante leaves in its folder names. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/** A folder a crashed process left: `pid-<n>/…/linhas.csv`. */
async function leftBy(root: string, pid: number, inner: string): Promise<string> {
  const folder = path.join(root, `pid-${pid}`, inner);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(path.join(folder, 'linhas.csv'), 'cpf\r\n12345678909\r\n', { mode: 0o600 });
  return path.join(root, `pid-${pid}`);
}

function jobs(options: Partial<ConstructorParameters<typeof ExportJobs>[0]> = {}): ExportJobs {
  const events: QueryEvent[] = [];
  return new ExportJobs({ connect: () => instance.connect(), emit: (e) => events.push(e), ...options });
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-private-files-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection: DuckDBConnection = await instance.connect();
  await connection.run(`SET temp_directory = '${await ensurePrivateFolder(path.join(scratch, 'duckdb-temp'))}'`);
  await connection.run(`CREATE TABLE linhas AS SELECT range AS n, '=1+1' AS s FROM range(3)`);
  const described = await connection.run('SELECT * FROM linhas LIMIT 0');
  const columns = Array.from({ length: described.columnCount }, (_, i) => ({ name: described.columnName(i), type: described.columnType(i), stored: described.columnName(i) }));
  connection.closeSync();
  table = { name: 'dados', relation: 'linhas', columns, rowCount: 3, timeZone: 'UTC' };
  // A process of this user that is alive: its folder must stay.
  live = spawn('sleep', ['60']);
});

afterAll(async () => {
  live?.kill();
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

describe('partial files', () => {
  it('a symlink planted under the partial name is not followed: the open fails, its target is untouched, a fresh name is drawn', async () => {
    const dir = await mkdtemp(path.join(scratch, 'plantado-'));
    const victim = path.join(dir, 'vitima.txt');
    await writeFile(victim, 'intocado');
    const before = await stat(victim);
    const target = path.join(dir, 'saida.csv');
    const planted = `${target}.0000000000000000.partial`;
    await symlink(victim, planted);
    const names = ['0000000000000000', 'aaaaaaaaaaaaaaaa'];
    const file = await createAtomicFile(target, { suffix: () => names.shift() as string });
    expect(file.partial).toBe(`${target}.aaaaaaaaaaaaaaaa.partial`);
    await file.write('novo');
    await file.commit();
    expect(await readFile(victim, 'utf8')).toBe('intocado');
    expect((await stat(victim)).mtimeMs).toBe(before.mtimeMs);
    expect(await readlink(planted)).toBe(victim);
    expect(await readFile(target, 'utf8')).toBe('novo');

    // Every name planted: it gives up, writes nothing, follows nothing.
    const other = path.join(dir, 'outra.csv');
    await symlink(victim, `${other}.1111111111111111.partial`);
    await expect(createAtomicFile(other, { suffix: () => '1111111111111111' })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(victim, 'utf8')).toBe('intocado');
    expect((await readdir(dir)).filter((n) => n.startsWith('outra.csv')).sort()).toEqual(['outra.csv.1111111111111111.partial']);
  });

  it('partial and final files are 0600 whatever the umask; a failed write leaves nothing', async () => {
    const dir = await mkdtemp(path.join(scratch, 'modos-'));
    const target = path.join(dir, 'saida.jsonl');
    const umask = process.umask(0);
    try {
      const file = await createAtomicFile(target);
      expect(await modeOf(file.partial)).toBe(0o600);
      await file.write('{}\n');
      await file.commit();
      expect(await modeOf(target)).toBe(0o600);
    } finally {
      process.umask(umask);
    }
    const failed = writeAtomically(path.join(dir, 'falha.csv'), async (file) => {
      await file.write('metade');
      throw new Error('quebrou');
    });
    expect((await rejection(failed)).message).toBe('quebrou');
    expect(await readdir(dir)).toEqual(['saida.jsonl']);
  });
});

describe('private folders', () => {
  it('are made 0700; a folder that is group/world-accessible, a symlink or someone else’s is refused', async () => {
    const made = await ensurePrivateFolder(path.join(scratch, 'nova', 'privada'));
    expect(await modeOf(made)).toBe(0o700);
    expect(await modeOf(path.dirname(made))).toBe(0o700);
    const open = path.join(scratch, 'aberta');
    await mkdir(open);
    await chmod(open, 0o777);
    expect((await rejection(ensurePrivateFolder(open))).message).toMatch(/outros usuários têm acesso/);
    const link = path.join(scratch, 'atalho');
    await symlink(made, link);
    expect((await rejection(ensurePrivateFolder(link))).message).toMatch(/atalho/);
    // Someone else's folder, 0700: as root, one given to nobody; otherwise /root.
    let foreign = '/root';
    if (process.getuid?.() === 0) {
      foreign = path.join(scratch, 'alheia');
      await mkdir(foreign, { mode: 0o700 });
      await chown(foreign, 65534, 65534);
    }
    expect(await privacyProblem(foreign)).toBe('pertence a outro usuário');
    expect((await rejection(ensurePrivateFolder(foreign))).message).toMatch(/outro usuário/);
  });

  it('the web mode’s downloads: a shared name someone prepared is never used; the chain is 0700 and the file 0600', async () => {
    const tmp = await mkdtemp(path.join(scratch, 'tmp-'));
    const shared = path.join(tmp, `mirante-exportacoes-${process.getuid?.() ?? os.userInfo().username}`);
    await mkdir(shared);
    await chmod(shared, 0o777);
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const exports = jobs();
    try {
      await exports.ready();
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    const exportId = exports.start({ format: 'csv', fileName: 'linhas', about, prepare: async () => [table] });
    const status = await exports.settled(exportId);
    expect(status.state).toBe('done');
    const file = status.path as string;
    expect(await readFile(file, 'utf8')).toBe(`"n","s"\r\n0,"'=1+1"\r\n1,"'=1+1"\r\n2,"'=1+1"\r\n`);
    expect(file.startsWith(shared + path.sep)).toBe(false);
    expect(await readdir(shared)).toEqual([]);
    expect(await modeOf(file)).toBe(0o600);
    // export folder, instance folder, process folder, root: all 0700.
    let folder = path.dirname(file);
    for (let level = 0; level < 4; level++, folder = path.dirname(folder)) expect(await modeOf(folder), folder).toBe(0o700);
    expect(folder).toBe(await realpath(tmp));
    await exports.close();
  });

  it('folders of crashed processes are removed when the next ExportJobs, engine or Workbench starts; a live process’s stay', async () => {
    const downloads = path.join(scratch, 'downloads');
    await ensurePrivateFolder(downloads);
    const deadDownloads = await leftBy(downloads, await deadPid(), 'exportacoes-x/e1');
    const liveDownloads = await leftBy(downloads, live.pid as number, 'exportacoes-y/e2');
    const exports = jobs({ downloadsRoot: downloads });
    await exports.ready();
    await expect(stat(deadDownloads)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(liveDownloads)).isDirectory()).toBe(true);
    await exports.close();

    const temp = path.join(scratch, 'engine-temp');
    await ensurePrivateFolder(temp);
    const deadTemp = await leftBy(temp, await deadPid(), 'engine-1');
    const folder = await createEngineTempFolder(temp);
    expect(await modeOf(folder)).toBe(0o700);
    await expect(stat(deadTemp)).rejects.toMatchObject({ code: 'ENOENT' });

    // A Workbench: its engine's temp root and (TMPDIR) its downloads root are swept as it opens.
    const tmp = await mkdtemp(path.join(scratch, 'tmp-wb-'));
    const root = await ensurePrivateFolder(path.join(tmp, `mirante-exportacoes-${process.getuid?.() ?? os.userInfo().username}`));
    const deadWorkbench = await leftBy(root, await deadPid(), 'exportacoes-z/e3');
    const deadEngine = await leftBy(temp, await deadPid(), 'engine-9');
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    let workbench: Workbench | undefined;
    try {
      workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir'), stateDir: path.join(tmp, 'estado'), tempRoot: temp, threads: 1 });
      await expect(stat(deadEngine)).rejects.toMatchObject({ code: 'ENOENT' });
      // A download waits for the downloads folder, so the sweep is done once it is written.
      const { queryId } = await runAndCollect(workbench, { sql: 'select 1 as n' });
      const web = await workbench.exportResult({ queryId, statementIndex: 0, format: 'csv' });
      expect((await workbench.exportSettled(web.exportId)).state).toBe('done');
      await expect(stat(deadWorkbench)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await workbench?.close();
    }
  });

  it('an engine refuses a temp root that is not private', async () => {
    const open = path.join(scratch, 'temp-aberta');
    await mkdir(open);
    await chmod(open, 0o755);
    expect((await rejection(createEngineTempFolder(open))).message).toMatch(/não é privada/);
  });
});

describe('protected folders, as the Workbench passes them (state folder, an audit log outside the data dir)', () => {
  it('a granted path inside one is refused before anything starts; a folder swapped for a link into one mid-export is caught before writing', async () => {
    const state = path.join(scratch, 'estado');
    const audit = path.join(scratch, 'log-auditoria');
    await mkdir(state);
    await mkdir(audit);
    await writeFile(path.join(audit, 'auditoria.jsonl'), '{"seq":1}\n');
    const exports = jobs({ downloadsRoot: path.join(scratch, 'downloads-2'), protectedPlaces: new ProtectedPlaces({ roots: [state, audit] }) });
    for (const savePath of [path.join(state, 'historico.jsonl'), path.join(audit, 'auditoria.jsonl'), path.join(audit, 'novo.csv')]) {
      let refused: unknown;
      try {
        exports.start({ format: 'json', savePath, about, prepare: async () => [table] });
      } catch (error) {
        refused = error;
      }
      expect(refused instanceof WorkbenchError && refused.detail.code).toBe('not_allowed');
    }
    expect(await readdir(state)).toEqual([]);
    expect(await readFile(path.join(audit, 'auditoria.jsonl'), 'utf8')).toBe('{"seq":1}\n');

    // Chosen folder fine at start; replaced by a link to the audit folder while the rows are prepared.
    const chosen = path.join(scratch, 'escolhida');
    await mkdir(chosen);
    let release = () => undefined as void;
    const prepared = new Promise<void>((resolve) => (release = resolve));
    const exportId = exports.start({ format: 'json', savePath: path.join(chosen, 'auditoria.jsonl'), about, prepare: async () => {
      await prepared;
      return [table];
    } });
    await rename(chosen, `${chosen}-antiga`);
    await symlink(audit, chosen);
    release();
    const status = await exports.settled(exportId);
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('not_allowed');
    expect(await readdir(audit)).toEqual(['auditoria.jsonl']);
    expect(await readFile(path.join(audit, 'auditoria.jsonl'), 'utf8')).toBe('{"seq":1}\n');
    expect((await lstat(chosen)).isSymbolicLink()).toBe(true);
    await exports.close();
  });
});
