import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/** `/%`, `/%zz`, an escaped lone surrogate or NUL: not a path (decodeURIComponent would throw, fs refuse NUL). */
function decodePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  return decoded.includes('\0') ? null : decoded;
}

/** Serves the built renderer; a path that leaves `root` is refused, unknown paths fall back to index.html. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<void> {
  const decoded = decodePath(urlPath.split('?')[0] ?? '/');
  if (decoded === null) {
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Endereço malformado.');
    return;
  }
  const resolved = path.resolve(root, `.${decoded}`);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    response.writeHead(403).end();
    return;
  }
  let file = resolved;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || stat.isDirectory()) file = path.join(root, 'index.html');
  const exists = await fs.stat(file).catch(() => null);
  if (!exists) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('A interface não foi construída (rode npm run build).');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
  });
  // A read error (the file vanished, a rebuild mid-request) ends this response, never the process.
  await pipeline(createReadStream(file), response).catch(() => response.destroy());
}
