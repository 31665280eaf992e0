import type { ApiError } from '../../../main/core/api.ts';

/** An ApiError thrown across a transport; `detail` keeps the code, line and column. */
export class ClientError extends Error {
  readonly detail: ApiError;
  constructor(detail: ApiError) {
    super(detail.message);
    this.name = 'ClientError';
    this.detail = detail;
  }
}

export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ClientError) return error.detail;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiError };

export function unwrap(envelope: Envelope): unknown {
  if (envelope.ok) return envelope.result;
  throw new ClientError(envelope.error);
}
