import { WorkbenchError, toApiError } from '../core/api/index.ts';

/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_QUERY_ERROR = 1;
export const EXIT_USAGE = 2;

/** Prints an error the way a terminal user wants it (position first) and gives the exit status. */
export function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`mirante: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const detail = toApiError(error);
  const where = detail.line !== undefined ? ` (linha ${detail.line}, coluna ${detail.column ?? 1})` : '';
  process.stderr.write(`Erro${where}: ${detail.message}\n`);
  if (detail.candidates?.length && !detail.message.includes(detail.candidates[0] as string)) process.stderr.write(`Você quis dizer: ${detail.candidates.join(', ')}?\n`);
  if (!(error instanceof WorkbenchError) && process.env.MIRANTE_DEBUG && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT_QUERY_ERROR;
}
