// Small files the workbench keeps, replaced whole and atomically (files/atomic-file.ts): a
// crash keeps the old one. State files (workspace, drafts) are the user's own and private;
// documents of the queries folder are shared with the other users of the deployment.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../files/atomic-file.ts';
import { ensurePrivateDir } from '../files/private-files.ts';

/** A new document of the queries folder: readable by the deployment's other users (consulta opens it). */
const SHARED_FILE_MODE = 0o644;

/** A file of the state folder: 0600 in a 0700 folder. */
export async function writeStateFile(file: string, text: string): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  await writeAtomically(file, (partial) => partial.write(text));
}

export interface SharedWrite {
  /** false: an existing file of that name is never replaced (the write fails with EEXIST). */
  replace?: boolean;
  /** Runs once the bytes are written, before the file appears under its name (the audit entry). */
  beforeCommit?: () => Promise<void>;
}

/** A document of the queries folder: it keeps the mode it had (a new one is 0644). */
export async function writeSharedFile(file: string, text: string, options: SharedWrite = {}): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const mode = await fs.stat(file).then((s) => s.mode & 0o777, () => SHARED_FILE_MODE);
  const produce = async (partial: { write(data: string): Promise<void> }) => {
    await partial.write(text);
    await options.beforeCommit?.();
  };
  await writeAtomically(file, produce, { mode, ...(options.replace === false ? { replace: false } : {}) });
}

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
