// The XLSX zip's CRC-32s. yazl computes them with its own copy of buffer-crc32, in JavaScript;
// xlsx-zip.ts points that copy at Node's zlib.crc32 (the same function in C, ten times faster).
// A wrong CRC makes Excel call the file damaged, so the written file is checked by Python's
// zipfile (stdlib, code of its own), which recomputes every entry's CRC-32 on read.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipCrc32 } from '../../main/core/export/xlsx-zip.ts';
import { openDuckDB } from '../arrow/support.ts';
import { writeAndRead } from './xlsx-read-back.ts';

const run = promisify(execFile);

/** The buffer-crc32 yazl itself requires (its own nested copy). */
function yazlsCrc32(): { unsigned: (data: Buffer, previous?: number) => number } {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve('yazl'))('buffer-crc32') as { unsigned: (data: Buffer, previous?: number) => number };
}

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openDuckDB();
});

describe("the zip's CRC-32s", () => {
  it("yazl's CRC-32 is Node's, and gives the standard check value, in one piece or in several", () => {
    const crc = yazlsCrc32();
    // The CRC-32 check value of the ASCII digits 1 to 9 (ISO-HDLC, as zip uses).
    expect(crc.unsigned(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc.unsigned(Buffer.from('56789'), crc.unsigned(Buffer.from('1234')))).toBe(0xcbf43926);
    const text = Buffer.from('<row><c t="inlineStr"><is><t>São Paulo — ação</t></is></c></row>'.repeat(1000));
    expect(crc.unsigned(text)).toBe(zlib.crc32(text));
    expect(crc.unsigned).toBe(zipCrc32);
  });

  it('every entry of an exported sheet passes the CRC check of an independent reader', async () => {
    const { file } = await writeAndRead(connection, {
      dados: `select i, 'Rua ' || i || ' — São José' as endereco, i * 1.5 as valor from range(200000) t(i)`,
    });
    const check = `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip() or 'ok', len(z.namelist()))`;
    const { stdout } = await run('/usr/bin/python3', ['-c', check, file]);
    const [verdict, entries] = stdout.trim().split(' ');
    expect(verdict).toBe('ok');
    expect(Number(entries)).toBeGreaterThanOrEqual(6);
  });
});
