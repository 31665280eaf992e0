// The XLSX zip when the file under it cannot be written: a full disk (Linux's /dev/full
// answers every write with ENOSPC) fails the export with the system's reason, instead of
// leaving it waiting for a write that never ends; aborting then closes the file.
import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZipStream } from '../../main/core/export/xlsx-zip.ts';

describe('the XLSX zip on a full disk', () => {
  it('fails a streamed sheet, or the end of the file, with ENOSPC; abort closes the file', async () => {
    const out = createWriteStream('/dev/full');
    const zip = new ZipStream(out);
    const sheet = zip.entry('xl/worksheets/sheet1.xml');
    const written = (async () => {
      for (let i = 0; i < 64; i++) await sheet.write(`<row r="${i + 1}"><c><v>${'9'.repeat(1 << 16)}</v></c></row>`);
      await sheet.end();
      zip.add('xl/styles.xml', '<styleSheet/>');
      await zip.finish();
    })();
    await expect(written).rejects.toMatchObject({ code: 'ENOSPC' });
    await zip.abort();
    expect(out.closed).toBe(true);
    await zip.abort();
  });

  it('fails the end of a file whose parts were added whole with ENOSPC', async () => {
    const out = createWriteStream('/dev/full');
    const zip = new ZipStream(out);
    zip.add('[Content_Types].xml', '<Types/>');
    await expect(zip.finish()).rejects.toMatchObject({ code: 'ENOSPC' });
    await zip.abort();
    expect(out.closed).toBe(true);
  });
});
