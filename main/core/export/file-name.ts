// File names a user (or a panel title) chose, made safe to create on any desktop system:
// no path separators or control characters, no Windows reserved names, a length cap.
import { EXPORT_EXTENSIONS, givenExtension, type ExportFormat } from '../api/index.ts';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_BYTES = 180;

/** A base name (never a path) ending in the format's extension; `fallback` when nothing is left. */
export function sanitizeFileName(name: string | undefined, format: ExportFormat, fallback = 'exportacao'): string {
  let extension = EXPORT_EXTENSIONS[format][0] as string;
  let base = (name ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const given = givenExtension(base, format);
  if (given) {
    extension = base.slice(-given.length);
    base = base.slice(0, -given.length).replace(/[\s.]+$/, '');
  }
  if (!base || RESERVED.test(base)) base = base ? `_${base}` : fallback;
  while (Buffer.byteLength(base) > MAX_BYTES) base = Array.from(base).slice(0, -1).join('');
  return `${base}${extension}`;
}
