// A tiny registry for the document tests: one snapshot with a `divida` table and a minimal
// dictionary (tests/support/registry-builder.ts writes it).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeRegistry } from '../support/registry-builder.ts';
import type { ArrowStatement } from '../../main/core/arrow-stream.ts';

export const SNAPSHOT = '2026-10-31';

const DICTIONARY = `versao: 1
tabelas:
  divida:
    descricao: Dívida ativa (teste)
    dono: Finanças
    colunas:
      cda:
        tipo: VARCHAR
        descricao: Certidão
        dono: Finanças
        privacidade: publico
`;

// 8 CDAs: exercicio 2019..2026, saldo 100 * (i + 1), alternate tributos and bairros.
const DIVIDA = `
  SELECT format('2026/{:06d}', i) AS cda,
         ['IPTU', 'ISS', 'IPTU', 'taxa_lixo'][i % 4 + 1] AS tributo,
         (2019 + i)::INTEGER AS exercicio,
         (100 * (i + 1))::DECIMAL(14,2) AS saldo,
         (DATE '2019-01-15' + INTERVAL (i * 12) MONTH)::DATE AS data_inscricao,
         CASE WHEN i % 2 = 0 THEN 'Centro' ELSE 'Jundiapeba' END AS bairro
  FROM range(8) t(i)`;

export interface DataFixture {
  root: string;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function createDataFixture(): Promise<DataFixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mirante-documents-test-'));
  const dataDir = path.join(root, 'data');
  await writeRegistry(dataDir, { dictionary: DICTIONARY, snapshots: { [SNAPSHOT]: { divida: { select: DIVIDA } } } });
  return { root, dataDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Every row of the statements as plain JS values (numbers for small integers and decimals as text). */
export async function collectRows(statements: AsyncGenerator<ArrowStatement>): Promise<{ columns: string[]; rows: unknown[][] }[]> {
  const results: { columns: string[]; rows: unknown[][] }[] = [];
  for await (const statement of statements) {
    const rows: unknown[][] = [];
    for await (const batch of statement.batches) {
      for (let r = 0; r < batch.numRows; r += 1) {
        rows.push(statement.columns.map((_, c) => plain(batch.getChildAt(c)?.get(r))));
      }
    }
    results.push({ columns: statement.columns.map((c) => c.name), rows });
  }
  return results;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

