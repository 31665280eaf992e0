import type { IncomingMessage, ServerResponse } from 'node:http';
import { WORKBENCH_METHODS, toApiError, type WorkbenchApi, type WorkbenchMethod } from '../core/api.ts';
import { encodeEnvelope, hasIpc, withoutIpc } from './envelope.ts';

export const ENVELOPE_CONTENT_TYPE = 'application/x-mirante-envelope';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

const methods = new Set<string>(WORKBENCH_METHODS);

export function isWorkbenchMethod(name: string): name is WorkbenchMethod {
  return methods.has(name);
}

/** POST /api/<method> with one JSON request object; the answer is `{ok, result}` or `{ok: false, error}`. */
export async function handleRpc(api: WorkbenchApi, method: WorkbenchMethod, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const body = await readJsonBody(request);
    const call = api[method] as (arg: unknown) => Promise<unknown>;
    const result = await call.call(api, body);
    if (hasIpc(result)) {
      response.writeHead(200, { 'Content-Type': ENVELOPE_CONTENT_TYPE, 'Cache-Control': 'no-store' });
      response.end(encodeEnvelope({ ok: true, result: withoutIpc(result) }, result.ipc));
      return;
    }
    sendJson(response, 200, { ok: true, result });
  } catch (error) {
    sendJson(response, 200, { ok: false, error: toApiError(error) });
  }
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Requisição grande demais');
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}
