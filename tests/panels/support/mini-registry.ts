// Miniature registries for the panel tests: every table of the real dictionary, written as
// Parquet with exactly its column types, holding only the rows a test gives.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRegistry, type Row } from '../../support/registry-builder.ts';

export type { Row };
/** Rows per table; a table left out is written empty. */
export type Tables = Record<string, readonly Row[]>;

const DICTIONARY_PATH = fileURLToPath(new URL('../../../sample-data/dicionario.yaml', import.meta.url));

export interface MiniRegistry {
  dataDir: string;
  remove(): Promise<void>;
}

/** A temp data dir with the real dictionary and one snapshot per date given. */
export async function createMiniRegistry(snapshots: Record<string, Tables>): Promise<MiniRegistry> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-panel-'));
  await writeRegistry(dataDir, { dictionary: await readFile(DICTIONARY_PATH, 'utf8'), snapshots, everyTable: true });
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}
