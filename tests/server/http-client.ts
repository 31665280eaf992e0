import http from 'node:http';
import type { RunningServer } from '../../main/server/server.ts';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so a test can send the Host and Origin headers a browser or attacker would. */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {}, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (d: string) => (body += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/**
 * What a browser does with the printed address: GET it on this run's host name and keep the
 * session cookie it gets back. Returns the Cookie header value (`mirante_sessao=<session id>`).
 */
export async function openSession(server: RunningServer): Promise<string> {
  const response = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: server.host } });
  const setCookie = response.headers['set-cookie']?.[0];
  if (response.status !== 303 || !setCookie) throw new Error(`no session: HTTP ${response.status}`);
  return setCookie.split(';')[0] as string;
}

/** The headers of a same-origin request of a page with a session. */
export function sessionHeaders(server: RunningServer, cookie: string): Record<string, string> {
  return { Host: server.host, Origin: server.origin, Cookie: cookie };
}

/** A well-formed authenticated API call: the server answers it while it is alive. */
export async function callApi(server: RunningServer, cookie: string, method: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(server.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...sessionHeaders(server, cookie), 'Content-Type': 'application/json', ...extraHeaders },
    body: JSON.stringify(body),
  });
}

/** True when the server answers `info` to a session: the liveness check after each attack. */
export async function answersInfo(server: RunningServer, cookie: string): Promise<boolean> {
  const response = await callApi(server, cookie, 'info', {});
  const answer = JSON.parse(response.body) as { ok?: boolean; result?: { snapshots?: unknown[] } };
  return response.status === 200 && answer.ok === true && Array.isArray(answer.result?.snapshots);
}
