// A small dictionary with every import declaration, an export folder written by hand (CSV text
// or Parquet from rows), and the import run in-process against a data dir of its own.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { writeRegistry } from '../support/registry-builder.ts';
import type { Tables } from '../support/registry-builder.ts';
import { importSnapshot } from '../../main/core/snapshot-import/import-snapshot.ts';
import type { ImportRequest, ImportResult } from '../../main/core/snapshot-import/import-snapshot.ts';
import type { Finding } from '../../main/core/snapshot-import/findings.ts';

export const DICTIONARY = `
validacao:
  deriva: { linhas: 0.5, nulos: 0.2, distintos: 0.5 }
tabelas:
  pessoa:
    chave: [pessoa_id]
    colunas:
      pessoa_id: { tipo: BIGINT, privacidade: publico }
      cpf: { tipo: VARCHAR, privacidade: identificador, verificador: cpf }
      nome: { tipo: VARCHAR, privacidade: identificador }
      data_nascimento: { tipo: DATE, privacidade: publico, datas: { ate_referencia: true } }
      sexo: { tipo: VARCHAR, privacidade: publico, dominio: [F, M] }
      renda: { tipo: 'DECIMAL(10,2)', privacidade: publico }
  matricula:
    chave: [matricula_id]
    validacao:
      severidade: { data_impossivel: aviso }
    colunas:
      matricula_id: { tipo: BIGINT, privacidade: crianca }
      pessoa_id: { tipo: BIGINT, privacidade: crianca, referencia: pessoa.pessoa_id }
      data_matricula: { tipo: DATE, privacidade: crianca, datas: { nao_antes_de: pessoa.data_nascimento } }
      ativa: { tipo: BOOLEAN, privacidade: crianca }
`;

export const DATE = '2026-10-31';
export const PREVIOUS = '2026-09-30';

/** Valid CPFs (check digits worked out), for rows that must pass. */
export const CPFS = ['52998224725', '11144477735', '39053344705', '12345678909'];

export const PESSOA_CSV = [
  'pessoa_id;cpf;nome;data_nascimento;sexo;renda',
  `1;${CPFS[0]};Maria da Silva;01/02/1980;F;1.234,56`,
  `2;${CPFS[1]};José Souza;15/07/2019;M;0,50`,
  `3;${CPFS[2]};Ana Lima;31/12/2000;F;-2.000,00`,
].join('\n');

export const MATRICULA_CSV = ['matricula_id;pessoa_id;data_matricula;ativa', '10;2;01/02/2024;sim', '11;2;01/02/2025;não'].join('\n');

export const PREVIOUS_SNAPSHOT: Tables = {
  pessoa: [
    { pessoa_id: 1, cpf: CPFS[0] as string, nome: 'Maria da Silva', data_nascimento: '1980-02-01', sexo: 'F', renda: '1234.56' },
    { pessoa_id: 2, cpf: CPFS[1] as string, nome: 'José Souza', data_nascimento: '2019-07-15', sexo: 'M', renda: '0.5' },
    { pessoa_id: 3, cpf: CPFS[2] as string, nome: 'Ana Lima', data_nascimento: '2000-12-31', sexo: 'F', renda: '-2000' },
  ],
  matricula: [
    { matricula_id: 10, pessoa_id: 2, data_matricula: '2024-02-01', ativa: true },
    { matricula_id: 11, pessoa_id: 2, data_matricula: '2025-02-01', ativa: false },
  ],
};

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `mirante-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A data dir with the dictionary and, unless `previous` is false, the previous snapshot published. */
export async function dataDir(options: { previous?: boolean; dictionary?: string } = {}): Promise<string> {
  const dir = await tempDir('dados');
  await writeRegistry(dir, { dictionary: options.dictionary ?? DICTIONARY, snapshots: options.previous === false ? {} : { [PREVIOUS]: PREVIOUS_SNAPSHOT } });
  await mkdir(path.join(dir, 'snapshots'), { recursive: true });
  return dir;
}

/** An export folder of Parquet files, the previous snapshot's rows, as a system exporting Parquet writes it. */
export async function parquetExport(): Promise<string> {
  const dir = await tempDir('exportacao-parquet');
  await writeRegistry(dir, { dictionary: DICTIONARY, snapshots: { [DATE]: PREVIOUS_SNAPSHOT } });
  return path.join(dir, 'snapshots', DATE);
}

/** An export folder with these files: text, or bytes (Latin-1, broken files). */
export async function exportDir(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir('exportacao');
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

export function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

export function run(request: Partial<ImportRequest> & { fromDir: string; dataDir: string }): Promise<ImportResult> {
  return importSnapshot({ date: DATE, options: { defaults: {}, perTable: {} }, threads: 1, ...request });
}

/** Findings as comparable tuples: rule, table, column, count (and severity). */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule} ${f.table}${f.column ? `.${f.column}` : ''} ${f.count}`);
}
