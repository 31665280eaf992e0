// The SHA-256 written into the audit log for an exported file (and a snapshot's manifest) is
// the digest of the whole file, read in chunks (an export of hundreds of megabytes is never
// held in memory): the same as hashing its bytes at once, for an empty file and one of many
// read chunks; a file that is not there is an error, not a digest.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSha256 } from '../../main/core/privacy/file-digest.ts';
import { rejection } from '../support/rejection.ts';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-file-digest-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the digest of an exported file', () => {
  it('is the SHA-256 of all its bytes, in hex, however many chunks it is read in', async () => {
    // 64 KiB is a read stream's chunk: this file is read in 17.
    const bytes = randomBytes(16 * 65536 + 1234);
    const file = path.join(scratch, 'export.xlsx');
    await writeFile(file, bytes);
    expect(await fileSha256(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    const empty = path.join(scratch, 'vazio.csv');
    await writeFile(empty, '');
    expect(await fileSha256(empty)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('fails for a file that is not there', async () => {
    expect((await rejection(fileSha256(path.join(scratch, 'nao-existe.csv')))).message).toMatch(/ENOENT/);
  });
});
