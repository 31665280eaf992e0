import type { IncomingMessage, ServerResponse } from 'node:http';
import { toApiError, type WorkbenchApi, type WorkbenchMethod } from '../core/api/index.ts';
import { callWorkbench } from '../core/api/requests.ts';
import { ENVELOPE_CONTENT_TYPE, encodeAnswer, jsonText } from '../core/api/wire.ts';
import { refuseApi, type Refusal } from './refusals.ts';
import { webModeRefusal } from './web-mode-policy.ts';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Told about each call that reached the core (the server remembers which page started what). */
export interface RpcObserver {
  calling(method: WorkbenchMethod, request: Record<string, unknown>): void;
  returned(method: WorkbenchMethod, request: Record<string, unknown>, result: unknown): void;
  failed(method: WorkbenchMethod, request: Record<string, unknown>): void;
}

/** A request the core never sees: answered with an HTTP error status and the API's error shape. */
class RequestRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/**
 * POST /api/<method> with one JSON request object; the answer is `{ok, result}` or `{ok: false,
 * error}`. A body that is not one JSON object (malformed, `null`, an array, a string, too big)
 * is refused here with 400/413/415: the core's methods read fields of their argument.
 */
export async function handleRpc(
  api: WorkbenchApi,
  method: WorkbenchMethod,
  request: IncomingMessage,
  response: ServerResponse,
  observer?: RpcObserver,
): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = await readRequestObject(request);
  } catch (error) {
    if (error instanceof RequestRefused) refuseApi(response, error.refusal);
    else response.destroy(); // the client went away mid-body: nobody to answer
    return;
  }
  const refused = webModeRefusal(method, body);
  if (refused !== null) {
    refuseApi(response, { status: 403, reason: refused });
    return;
  }
  observer?.calling(method, body);
  try {
    const result = await callWorkbench(api, method, body);
    observer?.returned(method, body, result);
    const answer = encodeAnswer(result);
    if (answer.binary) {
      response.writeHead(200, { 'Content-Type': ENVELOPE_CONTENT_TYPE, 'Cache-Control': 'no-store' });
      response.end(answer.body);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(answer.body);
  } catch (error) {
    observer?.failed(method, body);
    sendJson(response, 200, { ok: false, error: toApiError(error) });
  }
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = jsonText(value);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

async function readRequestObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a cross-site HTML form can send text/plain or form data, never application/json.
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new RequestRefused({ status: 415, reason: 'O corpo deve ser application/json', close: true });
  }
  const text = (await readBody(request, MAX_BODY_BYTES)).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestRefused({ status: 400, reason: 'O corpo não é JSON válido' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestRefused({ status: 400, reason: 'O corpo deve ser um objeto JSON' });
  }
  return value as Record<string, unknown>;
}

/**
 * Collects the body up to `limit` bytes. Past it, collecting stops and the caller answers 413
 * and closes the connection: the rest is never read into memory. (Not `for await`: leaving
 * that loop early destroys the socket before the answer can be written.)
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const tooBig = new RequestRefused({ status: 413, reason: 'Requisição grande demais', close: true });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooBig);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
    };
    const onData = (part: Buffer) => {
      size += part.length;
      if (size <= limit) {
        parts.push(part);
        return;
      }
      stop();
      request.pause();
      reject(tooBig);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(parts));
    };
    // 'close' before 'end': the client aborted mid-body.
    const onClose = () => {
      stop();
      reject(new Error('aborted'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    request.on('error', () => undefined); // reported through 'close'
  });
}
