// GET /downloads/<exportId>: the web mode's way to hand over a finished export (Electron
// writes to the path chosen in its save dialog instead). Behind the same guard as every
// route; each file is served once, then deleted from the app-private exports folder.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export const DOWNLOADS_PREFIX = '/downloads/';

export interface DownloadSource {
  takeDownload(exportId: string): { path: string; fileName: string; release: () => Promise<void> } | null;
}

export function hasDownloads(core: object): core is DownloadSource {
  return typeof (core as Partial<DownloadSource>).takeDownload === 'function';
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function serveDownload(source: DownloadSource, exportId: string, response: ServerResponse): Promise<void> {
  const download = /^[A-Za-z0-9_-]{1,80}$/.test(exportId) ? source.takeDownload(exportId) : null;
  if (!download) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Arquivo não encontrado.');
    return;
  }
  try {
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': contentDisposition(download.fileName),
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(download.path), response);
  } catch {
    response.destroy();
  } finally {
    await download.release();
  }
}
