// Folders no export may write into, even through a path the user chose in a dialog: the data
// dir with its snapshots (wherever their links point), the audit log's folder, the state
// folder. Checked on the real path of the target's folder (symlinks resolved), right before
// the file is created.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../api/index.ts';
import { snapshotsRoot } from '../registry/snapshots.ts';

const REFUSED = 'A exportação não pode gravar na pasta de dados, de snapshots, de auditoria ou de estado do Mirante: escolha outra pasta.';
// Where names differ only by case the file system treats them as one.
const FOLD_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** The real path of `file`, or of its nearest existing ancestor with the missing rest appended. */
export function realPathOf(file: string): { real: string; exists: boolean } {
  const missing: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      return { real: path.join(realpathSync(at), ...missing.reverse()), exists: missing.length === 0 };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(at) === at) throw error;
      missing.push(path.basename(at));
    }
  }
}

function key(file: string): string {
  return FOLD_CASE ? file.toLowerCase() : file;
}

function isInside(file: string, root: string): boolean {
  const [f, r] = [key(file), key(root)];
  return f === r || f.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
}

/** The data dir, its snapshots folder and every snapshot folder, as real paths (links followed). */
export function dataDirRoots(dataDir: string): string[] {
  const snapshots = snapshotsRoot(dataDir);
  const roots = [dataDir, snapshots];
  try {
    for (const entry of readdirSync(snapshots)) roots.push(path.join(snapshots, entry));
  } catch {
    // No snapshots folder: nothing more to protect there.
  }
  return roots;
}

export class ProtectedPlaces {
  /** `roots` may not exist yet (a state folder made later); `dataDirs` are expanded to their snapshots at each check. */
  constructor(private readonly places: { roots?: readonly string[]; dataDirs?: readonly string[] }) {}

  /** The real folders no export may write into, resolved now (links may have changed). */
  resolved(): string[] {
    const all = [...(this.places.roots ?? []), ...(this.places.dataDirs ?? []).flatMap(dataDirRoots)];
    return all.map((root) => realPathOf(root).real);
  }

  /**
   * Throws `not_allowed` when the real folder of `target` is a protected one or inside one;
   * with `folderMustExist`, `not_found` when that folder does not exist (no folder is ever made).
   */
  check(target: string, options: { folderMustExist: boolean }): void {
    const folder = realPathOf(path.dirname(path.resolve(target)));
    if (options.folderMustExist && (!folder.exists || !statSync(folder.real).isDirectory())) {
      throw new WorkbenchError({ code: 'not_found', message: `A pasta de destino não existe: ${path.dirname(target)}` });
    }
    if (this.resolved().some((root) => isInside(folder.real, root))) throw new WorkbenchError({ code: 'not_allowed', message: REFUSED });
  }
}
