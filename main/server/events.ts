import type { QueryEvent } from '../core/api.ts';
import { encodeEnvelope, withoutIpc } from './envelope.ts';

/** One WebSocket message per QueryEvent: batches as binary envelopes, the rest as JSON text. */
export function encodeEvent(event: QueryEvent): string | Buffer {
  if (event.kind !== 'batch') return JSON.stringify(event);
  return encodeEnvelope(withoutIpc(event), event.ipc);
}
