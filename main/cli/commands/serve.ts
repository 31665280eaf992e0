import path from 'node:path';
import { Workbench } from '../../core/workbench.ts';
import { startServer } from '../../server/server.ts';
import { projectRoot } from '../paths.ts';

export interface ServeCommandOptions {
  data: string;
  port: number;
  stateDir?: string;
}

export const rendererBuildDir = path.join(projectRoot, 'out', 'renderer');

/** `mirante serve`: the local web mode; prints the URL with its token and runs until stopped. */
export async function serveCommand(options: ServeCommandOptions): Promise<void> {
  const workbench = await Workbench.open({ dataDir: options.data, ...(options.stateDir ? { stateDir: options.stateDir } : {}) });
  const server = await startServer(workbench, { port: options.port, staticRoot: rendererBuildDir });
  process.stdout.write(`Mirante no navegador: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await workbench.close();
}
