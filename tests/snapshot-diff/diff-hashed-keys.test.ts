// The diff finds the keys that differ by a hash of each row, then compares those rows column by
// column: values swapped between two columns, a NULL becoming a value, and a composite key with
// a NULL part must all still count, and an untouched row must not.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTable } from '../../main/core/snapshot-diff/diff.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { collector, type Collected } from './collect.ts';

const FROM = '2026-09-30';
const TO = '2026-10-31';

const DICTIONARY = `versao: 1
tabelas:
  par:
    descricao: Uma tabela de chave composta
    dono: Obras
    chave: [lote, item]
    colunas:
      lote: { tipo: BIGINT, descricao: Lote, dono: Obras, privacidade: publico }
      item: { tipo: VARCHAR, descricao: Item, dono: Obras, privacidade: publico }
      a: { tipo: VARCHAR, descricao: A, dono: Obras, privacidade: publico }
      b: { tipo: VARCHAR, descricao: B, dono: Obras, privacidade: publico }
`;

const REGISTRY = {
  dictionary: DICTIONARY,
  snapshots: {
    [FROM]: {
      par: [
        { lote: 1, item: 'x', a: 'p', b: null },
        { lote: 1, item: 'y', a: null, b: null },
        { lote: 2, item: 'x', a: 'same', b: 'same' },
        { lote: 3, item: null, a: 'k', b: 'k' },
      ],
    },
    [TO]: {
      par: [
        { lote: 1, item: 'x', a: null, b: 'p' },
        { lote: 1, item: 'y', a: 'novo', b: null },
        { lote: 2, item: 'x', a: 'same', b: 'same' },
        { lote: 3, item: null, a: 'k', b: 'k' },
      ],
    },
  },
};

describe('snapshot diff: keys found by a row hash, rows compared column by column', () => {
  let dataDir: string;
  let session: QuerySession;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-diff-hash-'));
    await writeRegistry(dataDir, REGISTRY);
    session = await openQuerySession({ dataDir, threads: 1 });
  });

  afterAll(async () => {
    await session?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts swapped values and a NULL that got a value, not the untouched row; a NULL key part matches nothing', async () => {
    const got: Collected[] = [];
    const summary = await diffTable(session.runner, { table: 'par', from: FROM, to: TO }, collector(got));
    expect(summary).toMatchObject({ rowsBefore: 4, rowsAfter: 4, added: 1, removed: 1, changed: 2, unchanged: 1 });
    expect(summary.columns).toEqual([{ column: 'a', changed: 2 }, { column: 'b', changed: 1 }]);
    expect(got[2]?.rows).toEqual([
      { lote: 1, item: 'x', mudanca: 'alterada', a_antes: 'p', a_depois: null, b_antes: null, b_depois: 'p' },
      { lote: 1, item: 'y', mudanca: 'alterada', a_antes: null, a_depois: 'novo', b_antes: null, b_depois: null },
      { lote: 3, item: null, mudanca: 'incluida', a_antes: null, a_depois: 'k', b_antes: null, b_depois: 'k' },
      { lote: 3, item: null, mudanca: 'removida', a_antes: 'k', a_depois: null, b_antes: 'k', b_depois: null },
    ]);
  });

  it('refuses a key that repeats, counting the repeated values (a NULL part repeats nothing)', async () => {
    const refused = (key: string[]) => diffTable(session.runner, { table: 'par', from: FROM, to: TO, key }).then(() => undefined, (error: unknown) => (error as Error).message);
    expect(await refused(['lote'])).toMatch(/^A chave \(lote\) de par se repete em 1 valor\(es\) no snapshot 2026-09-30/);
    expect(await refused(['item'])).toMatch(/^A chave \(item\) de par se repete em 1 valor\(es\) no snapshot 2026-09-30/);
    expect(await refused(['lote', 'item'])).toBeUndefined();
  });
});
