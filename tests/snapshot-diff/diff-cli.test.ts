// `mirante snapshot diff`: summary first, then the changes per column, then the rows, masked,
// through the command's writers; a refused diff writes nothing.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDiffCommand } from '../../main/cli/commands/snapshot-diff.ts';
import { UsageError } from '../../main/cli/errors.ts';
import { writeRegistry } from '../support/registry-builder.ts';
import { runCli } from '../support/run-cli.ts';
import { DIFF_REGISTRY, FROM, RAW_CPFS, TO } from './small-registry.ts';
import { rejection } from '../support/rejection.ts';

describe('mirante snapshot diff', () => {
  let scratch: string;
  let dataDir: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-diff-cli-'));
    dataDir = path.join(scratch, 'dados');
    await writeRegistry(dataDir, DIFF_REGISTRY);
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('writes the summary, the changes per column and the masked rows as JSON Lines into --out', async () => {
    const out = path.join(scratch, 'saida', 'diff.jsonl');
    const run = await runCli(['snapshot', 'diff', '--data', dataDir, '--table', 'pessoa', '--from', FROM, '--to', TO, '--format', 'json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      tabela: 'pessoa', de: FROM, ate: TO, chave: 'pessoa_id', linhas_antes: 4, linhas_depois: 4, incluidas: 1, removidas: 1, alteradas: 2, inalteradas: 1,
    });
    expect(lines.slice(1, 4)).toEqual([{ coluna: 'cpf', alteradas: 1 }, { coluna: 'nome', alteradas: 1 }, { coluna: 'bairro', alteradas: 0 }]);
    expect(lines.slice(4).map((row) => [row.pessoa_id, row.mudanca, row.nome_antes, row.nome_depois])).toEqual([
      [1, 'alterada', 'M. S.', 'M. S.'],
      [2, 'alterada', 'J. S.', 'J. S.'],
      [4, 'removida', 'P. A.', null],
      [5, 'incluida', null, 'B. C.'],
    ]);
    const text = JSON.stringify(lines);
    expect(RAW_CPFS.filter((cpf) => text.includes(cpf))).toEqual([]);
    expect(text).toContain('***.222.333-**');
  });

  it('refuses consulta with exit 1 and leaves no file; a malformed date is a usage error', async () => {
    const consulta = path.join(scratch, 'consulta');
    await writeRegistry(consulta, DIFF_REGISTRY);
    await writeFile(path.join(consulta, 'mirante.yaml'), 'papel_padrao: consulta\n');
    const folder = path.join(scratch, 'recusa');
    const run = await runCli(['snapshot', 'diff', '--data', consulta, '--table', 'pessoa', '--from', FROM, '--to', TO, '--out', path.join(folder, 'x.csv'), '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('não permite explorar as tabelas');
    expect(await readdir(folder)).toEqual([]);
    const usage = snapshotDiffCommand({ data: dataDir, table: 'pessoa', from: '30/09/2026', to: TO, format: 'table' });
    expect(await rejection(usage)).toBeInstanceOf(UsageError);
    expect((await rejection(usage)).message).toMatch('--from espera uma data AAAA-MM-DD');
  });
});
