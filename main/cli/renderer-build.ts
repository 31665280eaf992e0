import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.ts';

export const rendererBuildDir = path.join(projectRoot, 'out', 'renderer');
const rendererSources = [path.join(projectRoot, 'renderer'), path.join(projectRoot, 'vite.renderer.config.ts')];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the renderer with Vite when its build is missing or older than its sources. */
export async function ensureRendererBuilt(): Promise<void> {
  const index = path.join(rendererBuildDir, 'index.html');
  const sourcesChanged = rendererSources.filter(existsSync).some((source) => newestMtime(source) > (existsSync(index) ? statSync(index).mtimeMs : 0));
  if (!sourcesChanged) return;
  process.stderr.write('Construindo a interface (uma vez, ~30 s)...\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'vite.renderer.config.ts'), logLevel: 'warn' });
}
