// When the workbench cannot open (a wrong MIRANTE_DATA, a corrupt snapshot, a refused audit
// log), the app must not stay up with no window: it says why in a native dialog and exits.
import { toApiError } from '../core/api/index.ts';

export interface StartupFailureShell {
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export const STARTUP_FAILURE_TITLE = 'O Mirante não pôde abrir';

/** What the user reads: the reason, where the data was looked for, and what to try. */
export function startupFailureText(error: unknown, dataDir: string): string {
  const reason = toApiError(error).message;
  return [
    reason,
    '',
    `Pasta de dados: ${dataDir}`,
    'Confira a variável MIRANTE_DATA (ou a pasta sample-data do projeto) e o arquivo mirante.yaml dessa pasta, e abra o Mirante de novo.',
  ].join('\n');
}

export function reportStartupFailure(shell: StartupFailureShell, error: unknown, dataDir: string): void {
  shell.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureText(error, dataDir));
  shell.exit(1);
}
