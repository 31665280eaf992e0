// A selection as TSV with a header row: raw values (no thousands separators) so a spreadsheet
// in the same locale reads numbers and dates as such.
import type { CellFormat } from '../format/cells.ts';

function field(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toTsv(header: string[], rows: unknown[][], formats: CellFormat[]): string {
  const lines = [header.map(field).join('\t')];
  for (const row of rows) {
    lines.push(row.map((value, i) => (value === null || value === undefined ? '' : field(formats[i]?.raw(value) ?? String(value)))).join('\t'));
  }
  return lines.join('\r\n') + '\r\n';
}

export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard permission (or focus), fall back to the old path.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
