import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.ts';

/**
 * The Electron binary, if this machine has it. The npm package fetches it from outside the
 * npm registry on first use, which some machines cannot reach: then there is none.
 */
export function findElectronBinary(): string | null {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
