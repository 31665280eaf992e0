import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../electron-binary.ts';
import { projectRoot } from '../paths.ts';
import { ensureRendererBuilt } from '../renderer-build.ts';
import { generateCommand } from './generate.ts';

/** The port the web mode tries first, so the address stays the same between launches. */
export const DEFAULT_WEB_PORT = 4817;

/** The first-run rule of `npm start`: make the SF 1 registry when no snapshot exists yet. */
export async function ensureSampleRegistry(dataDir: string): Promise<void> {
  const snapshotsDir = path.join(dataDir, 'snapshots');
  const hasSnapshot =
    existsSync(snapshotsDir) && readdirSync(snapshotsDir).some((name) => /^\d{4}-\d{2}-\d{2}$/.test(name));
  if (hasSnapshot) return;
  process.stderr.write('Nenhum snapshot encontrado: gerando o cadastro de exemplo da cidade (escala 1).\n');
  await generateCommand({ scale: 1, seed: 42, out: dataDir });
}

/** `npm start`: the desktop app when Electron is here, else the same UI in the local web mode. */
export async function startCommand(dataDir: string): Promise<void> {
  await ensureSampleRegistry(dataDir);
  const electron = findElectronBinary();
  if (electron) {
    const { build } = await import('electron-vite');
    await build({ configFile: path.join(projectRoot, 'electron.vite.config.ts') });
    const child = spawn(electron, [projectRoot], { stdio: 'inherit', env: { ...process.env, MIRANTE_DATA: path.resolve(dataDir) } });
    await new Promise<void>((resolve) => child.on('exit', () => resolve()));
    return;
  }
  process.stderr.write('Electron não está instalado nesta máquina (o binário vem de fora do npm): abrindo o modo web local.\n');
  await ensureRendererBuilt();
  const { serveCommand } = await import('./serve.ts');
  await serveCommand({ data: dataDir, port: DEFAULT_WEB_PORT, fallbackToFreePort: true });
}
