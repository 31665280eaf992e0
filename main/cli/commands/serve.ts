import { Workbench } from '../../core/workbench.ts';
import { startServer } from '../../server/server.ts';
import { ensureRendererBuilt, rendererBuildDir } from '../renderer-build.ts';

export interface ServeCommandOptions {
  data: string;
  port: number;
  /** When the port is taken, take any free one instead of failing. */
  fallbackToFreePort?: boolean;
  stateDir?: string;
  queriesDir?: string;
  /** `--tz`: over the zone chosen in the status bar and the system's. */
  timeZone?: string;
}

/** `mirante serve`: the local web mode; prints the URL with its token and runs until stopped. */
export async function serveCommand(options: ServeCommandOptions): Promise<void> {
  await ensureRendererBuilt();
  const workbench = await Workbench.open({
    dataDir: options.data,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    ...(options.queriesDir ? { queriesDir: options.queriesDir } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    // Opening a panel is then an answer from the cache (core/queries/panel-preparation.ts).
    preparePanels: true,
  });
  const server = await startServer(workbench, { port: options.port, staticRoot: rendererBuildDir }).catch((error: unknown) => {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startServer(workbench, { port: 0, staticRoot: rendererBuildDir });
  });
  process.stdout.write(`Mirante no navegador: ${server.url}\n`);
  // The name is new each run and the session cookie goes only to it: an old tab or link of an
  // earlier run shows "sessão encerrada" and points back here.
  process.stdout.write(
    'Abra este endereço (Chrome, Chromium, Edge e Firefox levam *.localhost a esta máquina). ' +
      'Ele vale só para esta execução; a sessão expira após 12 h sem uso: abra-o de novo.\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await workbench.close();
}
