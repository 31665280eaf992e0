// The diff compares raw values and shows masked ones: a change the mask hides (a name with the
// same initials, a CPF with the same middle digits) still counts, and no identifier leaves
// unmasked, key included. Only analysts compare; bad requests say what is wrong.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTable } from '../../main/core/snapshot-diff/diff.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { DIFF_REGISTRY, FROM, RAW_CPFS, TO } from './small-registry.ts';
import { refusal } from '../support/refusal.ts';
import { collector, type Collected } from './collect.ts';
import { rejection } from '../support/rejection.ts';

describe('snapshot diff: raw comparison, masked rows', () => {
  let dataDir: string;
  let session: QuerySession;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mirante-diff-mask-'));
    await writeRegistry(dataDir, DIFF_REGISTRY);
    await writeFile(path.join(dataDir, 'mirante.yaml'), 'papel_padrao: analista\nusuarios:\n  maria: consulta\n');
    session = await openQuerySession({ dataDir, threads: 1 });
  });

  afterAll(async () => {
    await session?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts a change the mask would hide, and shows both sides masked', async () => {
    const results: Collected[] = [];
    const summary = await diffTable(session.runner, { table: 'pessoa', from: FROM, to: TO }, collector(results));
    expect(summary).toEqual({
      table: 'pessoa', from: FROM, to: TO, key: ['pessoa_id'], rowsBefore: 4, rowsAfter: 4, added: 1, removed: 1, changed: 2, unchanged: 1,
      columns: [{ column: 'cpf', changed: 1 }, { column: 'nome', changed: 1 }, { column: 'bairro', changed: 0 }],
    });
    expect(results[2]?.rows).toEqual([
      { pessoa_id: 1, mudanca: 'alterada', cpf_antes: '***.456.789-**', cpf_depois: '***.456.789-**', nome_antes: 'M. S.', nome_depois: 'M. S.', bairro_antes: 'Centro', bairro_depois: 'Centro' },
      { pessoa_id: 2, mudanca: 'alterada', cpf_antes: '***.222.333-**', cpf_depois: '***.222.333-**', nome_antes: 'J. S.', nome_depois: 'J. S.', bairro_antes: 'Centro', bairro_depois: 'Centro' },
      { pessoa_id: 4, mudanca: 'removida', cpf_antes: '***.666.777-**', cpf_depois: null, nome_antes: 'P. A.', nome_depois: null, bairro_antes: 'Centro', bairro_depois: null },
      { pessoa_id: 5, mudanca: 'incluida', cpf_antes: null, cpf_depois: '***.555.666-**', nome_antes: null, nome_depois: 'B. C.', bairro_antes: null, bairro_depois: 'Braz Cubas' },
    ]);
  });

  it('masks an identifier key too, and keys on it raw', async () => {
    const results: Collected[] = [];
    const summary = await diffTable(session.runner, { table: 'pessoa', from: FROM, to: TO, key: ['cpf'] }, collector(results));
    // A changed CPF is a removed and an added row; so is a NULL one, which matches nothing.
    expect([summary.added, summary.removed, summary.changed]).toEqual([3, 3, 1]);
    const text = JSON.stringify(results);
    expect(RAW_CPFS.filter((cpf) => text.includes(cpf))).toEqual([]);
    expect(results[2]?.rows.map((r) => r.cpf)).toContain('***.456.789-**');
  });

  it('is for analysts: consulta is refused before anything runs or is logged', async () => {
    const logFile = path.join(dataDir, 'consulta.jsonl');
    const maria = await openQuerySession({ dataDir, user: 'maria', threads: 1, auditLog: logFile });
    try {
      expect(await refusal(diffTable(maria.runner, { table: 'pessoa', from: FROM, to: TO }))).toMatchObject({ code: 'not_allowed' });
    } finally {
      await maria.close();
    }
    await rejection(readFile(logFile, 'utf8'));
  });

  it('keys on the dictionary’s chave:, and says what is wrong with a table, a date or a key', async () => {
    const diff = (request: Partial<Parameters<typeof diffTable>[1]>) => diffTable(session.runner, { table: 'pessoa', from: FROM, to: TO, ...request });
    expect(await refusal(diff({ table: 'nada' }))).toMatchObject({ code: 'not_found', message: 'A tabela nada não existe no snapshot 2026-09-30.' });
    expect(await refusal(diff({ from: '2026-08-31' }))).toMatchObject({ code: 'not_found' });
    expect(await refusal(diff({ table: 'ocorrencia' }))).toMatchObject({ code: 'parameter', message: expect.stringContaining('informe as colunas da chave') });
    expect(await refusal(diff({ key: ['cpf', 'sobrenome'] }))).toMatchObject({ code: 'parameter', message: expect.stringContaining('sobrenome') });
    expect(await refusal(diff({ key: ['bairro'] }))).toMatchObject({ code: 'data', message: expect.stringContaining('se repete em 1 valor(es) no snapshot 2026-09-30') });
    expect((await diff({ table: 'ocorrencia', key: ['texto'] })).added).toBe(1);
    const declared = await diff({ table: 'evento' });
    expect([declared.key, declared.added, declared.removed, declared.changed]).toEqual([['codigo'], 1, 1, 1]);
  });
});
