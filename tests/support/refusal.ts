import type { ApiError } from '../../main/core/api/index.ts';
import { WorkbenchError } from '../../main/core/api/index.ts';

/** The ApiError a call is refused with; fails the test if the call succeeds or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkbenchError) return error.detail;
    throw error;
  }
  throw new Error('expected the call to be refused');
}
