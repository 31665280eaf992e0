// File names a user (or a panel title) chose, made safe to create on any desktop system:
// no path separators or control characters, no Windows reserved names, a length cap.
import type { ExportFormat } from '../api/index.ts';

const EXTENSIONS: Record<ExportFormat, string> = {
  xlsx: '.xlsx', csv: '.csv', 'csv-br': '.csv', json: '.jsonl', parquet: '.parquet',
};
/** Extensions a name chosen in a save dialog may already have for the format. */
const ACCEPTED: Record<ExportFormat, string[]> = {
  xlsx: ['.xlsx'], csv: ['.csv', '.txt'], 'csv-br': ['.csv', '.txt'], json: ['.jsonl', '.json', '.ndjson'], parquet: ['.parquet'],
};
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_BYTES = 180;

export function extensionOf(format: ExportFormat): string {
  return EXTENSIONS[format];
}

/** A base name (never a path) ending in the format's extension; `fallback` when nothing is left. */
export function sanitizeFileName(name: string | undefined, format: ExportFormat, fallback = 'exportacao'): string {
  let extension = EXTENSIONS[format];
  let base = (name ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const given = ACCEPTED[format].find((ext) => base.toLowerCase().endsWith(ext));
  if (given) {
    extension = base.slice(-given.length);
    base = base.slice(0, -given.length).replace(/[\s.]+$/, '');
  }
  if (!base || RESERVED.test(base)) base = base ? `_${base}` : fallback;
  while (Buffer.byteLength(base) > MAX_BYTES) base = Array.from(base).slice(0, -1).join('');
  return `${base}${extension}`;
}
