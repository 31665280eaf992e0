// One extension table for exports, read by the core (the file it writes) and the renderer (the
// name it asks the save dialog for): they agree, and a name that already has an accepted
// extension keeps it (`x.json` is not renamed `x.json.jsonl`).
import { describe, expect, it } from 'vitest';
import { withExportExtension, type ExportFormat } from '../../main/core/api/index.ts';
import { sanitizeFileName } from '../../main/core/export/file-name.ts';

const FORMATS: ExportFormat[] = ['xlsx', 'csv', 'csv-br', 'json', 'parquet'];

describe('export file names', () => {
  it('adds the format’s extension only when the name has none it accepts', () => {
    expect(withExportExtension('dados', 'json')).toBe('dados.jsonl');
    expect(withExportExtension('dados.json', 'json')).toBe('dados.json');
    expect(withExportExtension('dados.NDJSON', 'json')).toBe('dados.NDJSON');
    expect(withExportExtension('dados.txt', 'csv-br')).toBe('dados.txt');
    expect(withExportExtension('dados.csv', 'xlsx')).toBe('dados.csv.xlsx');
  });

  it('the renderer’s suggested name and the core’s written name end the same way', () => {
    for (const format of FORMATS) {
      for (const name of ['relatório', 'dados.json', 'dados.csv', 'x.parquet', 'painel.xlsx', 'a.txt']) {
        const suggested = withExportExtension(name, format);
        expect(sanitizeFileName(suggested, format), `${format} ${name}`).toBe(suggested);
      }
    }
  });
});
