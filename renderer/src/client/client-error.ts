// Errors cross a transport as data (an ApiError in the answer's envelope, main/core/api/wire.ts)
// and become the same WorkbenchError the core throws, so a component handles an error from the
// web client, the Electron bridge or the core itself in one way.
import { WorkbenchError, type ApiError } from '../../../main/core/api/index.ts';

export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof WorkbenchError) return error.detail;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
