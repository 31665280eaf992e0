// Where exports may and may not write, on real folders: the data dir, its snapshots (wherever
// their links point) and the other protected roots are refused, even through a symlink, and a
// missing folder is never made; private folders are real directories of this user with no
// access for others, and what a crashed process left in them is swept away.
import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../main/core/api/index.ts';
import { PRIVATE_FOLDER_MODE, ensurePrivateFolder, privacyProblem, privateTempRoot, processFolder, removeDeadProcessFolders } from '../../main/core/export/private-folder.ts';
import { ProtectedPlaces, dataDirRoots, realPathOf } from '../../main/core/export/protected-places.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;

beforeAll(async () => {
  scratch = await realpath(await mkdtemp(path.join(os.tmpdir(), 'mirante-folders-')));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

function refusal(action: () => unknown): { code: string; message: string } | string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof WorkbenchError ? { code: error.detail.code, message: error.detail.message } : String(error);
  }
  return undefined;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

const REFUSED = { code: 'not_allowed', message: 'A exportação não pode gravar na pasta de dados, de snapshots, de auditoria ou de estado do Mirante: escolha outra pasta.' };

describe('real paths', () => {
  it('of an existing path is its target with links resolved; of a missing one, the nearest existing folder with the rest in order', async () => {
    const base = await mkdtemp(path.join(scratch, 'real-'));
    await mkdir(path.join(base, 'alvo'));
    await symlink(path.join(base, 'alvo'), path.join(base, 'atalho'));
    await writeFile(path.join(base, 'arquivo.txt'), 'x');
    expect(realPathOf(path.join(base, 'atalho'))).toEqual({ real: path.join(base, 'alvo'), exists: true });
    expect(realPathOf(path.join(base, 'atalho', 'a', 'b', 'c.csv'))).toEqual({ real: path.join(base, 'alvo', 'a', 'b', 'c.csv'), exists: false });
    expect(realPathOf(path.join(base, 'arquivo.txt', 'sub', 'x.csv'))).toEqual({ real: path.join(base, 'arquivo.txt', 'sub', 'x.csv'), exists: false });
  });

  it('a link loop is an error, not a missing folder', async () => {
    const base = await mkdtemp(path.join(scratch, 'loop-'));
    await symlink(path.join(base, 'laco'), path.join(base, 'laco'));
    expect(() => realPathOf(path.join(base, 'laco', 'x.csv'))).toThrow(/ELOOP/);
  });
});

describe('protected folders', () => {
  it('of a data dir: the dir, its snapshots folder and every snapshot in it; without snapshots, the first two', async () => {
    const data = await mkdtemp(path.join(scratch, 'data-'));
    expect(dataDirRoots(data)).toEqual([data, path.join(data, 'snapshots')]);
    await mkdir(path.join(data, 'snapshots', '2026-10-31'), { recursive: true });
    await mkdir(path.join(data, 'snapshots', '2026-09-30'));
    expect(dataDirRoots(data).sort()).toEqual([data, path.join(data, 'snapshots'), path.join(data, 'snapshots', '2026-09-30'), path.join(data, 'snapshots', '2026-10-31')].sort());
    expect(new ProtectedPlaces({}).resolved()).toEqual([]);
    expect(new ProtectedPlaces({ roots: [path.join(data, 'estado')] }).resolved()).toEqual([path.join(data, 'estado')]);
  });

  it('refuse a target in one, in a folder below one, or in a snapshot linked from elsewhere; allow a sibling whose name starts the same', async () => {
    const base = await mkdtemp(path.join(scratch, 'places-'));
    const data = path.join(base, 'data');
    const elsewhere = path.join(base, 'fora');
    await mkdir(path.join(data, 'snapshots'), { recursive: true });
    await mkdir(path.join(data, 'sub', 'sub'), { recursive: true });
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(data, 'snapshots', '2026-10-31'));
    await mkdir(path.join(base, 'data-outra'));
    await mkdir(path.join(base, 'estado'));
    const places = new ProtectedPlaces({ dataDirs: [data], roots: [path.join(base, 'estado')] });
    for (const target of [path.join(data, 'x.csv'), path.join(data, 'sub', 'sub', 'x.csv'), path.join(elsewhere, 'x.csv'), path.join(base, 'estado', 'x.csv'), path.join(data, 'snapshots', 'x.csv')]) {
      expect(refusal(() => places.check(target, { folderMustExist: true })), target).toEqual(REFUSED);
    }
    expect(refusal(() => places.check(path.join(base, 'data-outra', 'x.csv'), { folderMustExist: true }))).toBeUndefined();
    expect(refusal(() => places.check(path.join(base, 'x.csv'), { folderMustExist: true }))).toBeUndefined();
  });

  it('a folder that does not exist (or is a file) is not_found when it must exist; refused anyway inside a protected one', async () => {
    const base = await mkdtemp(path.join(scratch, 'missing-'));
    await writeFile(path.join(base, 'arquivo'), 'x');
    const places = new ProtectedPlaces({ roots: [path.join(base, 'estado')] });
    const missing = path.join(base, 'nova', 'x.csv');
    expect(refusal(() => places.check(missing, { folderMustExist: true }))).toEqual({ code: 'not_found', message: `A pasta de destino não existe: ${path.join(base, 'nova')}` });
    expect(refusal(() => places.check(path.join(base, 'arquivo', 'x.csv'), { folderMustExist: true }))).toMatchObject({ code: 'not_found' });
    expect(refusal(() => places.check(missing, { folderMustExist: false }))).toBeUndefined();
    expect(refusal(() => places.check(path.join(base, 'estado', 'ainda', 'nao', 'x.csv'), { folderMustExist: false }))).toEqual(REFUSED);
  });
});

describe('private folders', () => {
  it('a real folder of this user, 0700, has no problem; a file, a link, a group- or world-open folder or another user\'s each says why', async () => {
    const base = await mkdtemp(path.join(scratch, 'privacy-'));
    const mine = path.join(base, 'minha');
    await mkdir(mine, { mode: 0o700 });
    expect(await privacyProblem(mine)).toBeNull();
    await writeFile(path.join(base, 'arquivo'), 'x');
    expect(await privacyProblem(path.join(base, 'arquivo'))).toBe('não é uma pasta comum (é um arquivo ou um atalho)');
    await symlink(mine, path.join(base, 'atalho'));
    expect(await privacyProblem(path.join(base, 'atalho'))).toBe('não é uma pasta comum (é um arquivo ou um atalho)');
    for (const mode of [0o750, 0o701, 0o707]) {
      await chmod(mine, mode);
      expect(await privacyProblem(mine), mode.toString(8)).toBe('outros usuários têm acesso a ela');
    }
    await chmod(mine, 0o700);
    const foreign = path.join(base, 'alheia');
    await mkdir(foreign, { mode: 0o700 });
    if (process.getuid?.() === 0) await chown(foreign, 65534, 65534);
    expect(await privacyProblem(process.getuid?.() === 0 ? foreign : '/root')).toBe('pertence a outro usuário');
  });

  it('ensurePrivateFolder makes the folder and its parents 0700, accepts an existing private one, refuses others saying why', async () => {
    const base = await mkdtemp(path.join(scratch, 'ensure-'));
    const made = await ensurePrivateFolder(path.join(base, 'a', 'b'));
    expect(made).toBe(path.join(base, 'a', 'b'));
    expect([await modeOf(made), await modeOf(path.dirname(made))]).toEqual([0o700, 0o700]);
    expect(PRIVATE_FOLDER_MODE).toBe(0o700);
    await writeFile(path.join(made, 'dentro.txt'), 'fica');
    expect(await ensurePrivateFolder(made)).toBe(made);
    expect(await readdir(made)).toEqual(['dentro.txt']);
    await symlink(made, path.join(base, 'atalho'));
    expect((await rejection(ensurePrivateFolder(path.join(base, 'atalho')))).message).toMatch(`A pasta ${path.join(base, 'atalho')} não é privada: não é uma pasta comum (é um arquivo ou um atalho).`);
    // A failure to create other than "exists" is that failure.
    await expect(ensurePrivateFolder(path.join(base, 'x'.repeat(300)))).rejects.toMatchObject({ code: 'ENAMETOOLONG', syscall: 'mkdir' });
  });

  it('the temp root of a purpose is mirante-<purpose>-<uid> under the temp folder, or a fresh one when that name is not private', async () => {
    const tmp = await mkdtemp(path.join(scratch, 'tmp-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const wanted = path.join(tmp, `mirante-teste-${process.getuid?.() ?? os.userInfo().username}`);
      expect(await privateTempRoot('teste')).toBe(wanted);
      expect(await modeOf(wanted)).toBe(0o700);
      const open = path.join(tmp, `mirante-aberta-${process.getuid?.() ?? os.userInfo().username}`);
      await mkdir(open);
      await chmod(open, 0o777);
      const fresh = await privateTempRoot('aberta');
      expect(fresh.startsWith(`${open}-`)).toBe(true);
      expect(await modeOf(fresh)).toBe(0o700);
      expect(await readdir(open)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it('this process\'s folder: pid-<pid>, 0700; emptied the first time a root is used, kept after; dead processes\' folders swept, others kept', async () => {
    const root = path.join(scratch, 'raiz-processos');
    await mkdir(path.join(root, `pid-${process.pid}`), { recursive: true, mode: 0o700 });
    await writeFile(path.join(root, `pid-${process.pid}`, 'antigo.csv'), 'de um processo anterior com o mesmo pid');
    const dead = await deadPid();
    await mkdir(path.join(root, `pid-${dead}`, 'x'), { recursive: true });
    for (const name of ['outra', 'pid-', 'pid-abc', `pid-${process.ppid}`]) await mkdir(path.join(root, name));
    const folder = await processFolder(root);
    expect(folder).toBe(path.join(root, `pid-${process.pid}`));
    expect(await modeOf(folder)).toBe(0o700);
    expect(await readdir(folder)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(['outra', 'pid-', `pid-${process.pid}`, `pid-${process.ppid}`, 'pid-abc'].sort());
    await writeFile(path.join(folder, 'atual.csv'), 'deste processo');
    expect(await processFolder(root)).toBe(folder);
    expect(await readdir(folder)).toEqual(['atual.csv']);
  });

  it('sweeping a root removes only pid-<n> folders whose process is gone', async () => {
    const root = await mkdtemp(path.join(scratch, 'sweep-'));
    const dead = await deadPid();
    for (const name of [`pid-${dead}`, `pid-${process.pid}`, `pid-${process.ppid}`, 'pid-1x', 'nada']) await mkdir(path.join(root, name));
    await removeDeadProcessFolders(root);
    expect((await readdir(root)).sort()).toEqual([`pid-${process.pid}`, `pid-${process.ppid}`, 'nada', 'pid-1x'].sort());
  });
});
