// The diff of the generated registry's two snapshots is what the generator's model says
// changed (sample-data/generator/snapshot-changes.ts, from event dates, not from the files),
// and its side-by-side rows come out masked.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { diffTable, type DiffSummary } from '../../main/core/snapshot-diff/diff.ts';
import { openQuerySession, type QuerySession } from '../../main/core/queries/query-session.ts';
import { snapshotChanges, type SnapshotChanges } from '../../sample-data/generator/snapshot-changes.ts';
import { collector, type Collected } from './collect.ts';

const FROM = '2026-09-30';
const TO = '2026-10-31';

describe('snapshot diff on the SF 0.01 registry', () => {
  let dataDir: string;
  let scratch: string;
  let session: QuerySession;
  let truth: SnapshotChanges;

  beforeAll(async () => {
    dataDir = inject('sampleRegistryDir');
    scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-diff-'));
    session = await openQuerySession({ dataDir, auditLog: path.join(scratch, 'auditoria.jsonl'), threads: 2 });
    truth = await snapshotChanges(0.01, 42);
  });

  afterAll(async () => {
    await session?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  for (const table of ['pessoa', 'matricula', 'familia']) {
    it(`${table}: added, removed, changed and each column's changes are the generator's`, async () => {
      const expected = truth.tables[table];
      if (!expected) throw new Error(`sem verdade para ${table}`);
      const summary = await diffTable(session.runner, { table, from: FROM, to: TO });
      expect(summary.key).toEqual(expected.key);
      expect({ added: summary.added, removed: summary.removed, changed: summary.changed }).toEqual({
        added: expected.added,
        removed: expected.removed,
        changed: expected.changed,
      });
      const perColumn = Object.fromEntries(summary.columns.map((c) => [c.column, c.changed]));
      const truthPerColumn = Object.fromEntries(summary.columns.map((c) => [c.column, expected.columns[c.column] ?? 0]));
      expect(perColumn).toEqual(truthPerColumn);
      expect(summary.rowsAfter).toBe(summary.rowsBefore + summary.added - summary.removed);
      expect(summary.unchanged + summary.changed + summary.removed).toBe(summary.rowsBefore);
    });
  }

  describe('pessoa side by side', () => {
    let summary: DiffSummary;
    const results: Collected[] = [];
    let rawCpfs: string[];

    beforeAll(async () => {
      summary = await diffTable(session.runner, { table: 'pessoa', from: FROM, to: TO, queryId: 'diff-pessoa' }, collector(results));
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      const file = path.join(dataDir, 'snapshots', TO, 'pessoa.parquet').replaceAll("'", "''");
      rawCpfs = (await conn.runAndReadAll(`SELECT cpf FROM read_parquet('${file}') WHERE cpf IS NOT NULL`)).getRowsJS().map(([cpf]) => String(cpf));
      conn.closeSync();
      instance.closeSync();
    });

    it('gives the summary first, then the changes per column, then one row per added, removed or changed person', () => {
      expect(results.map((r) => r.columns.slice(0, 4))).toEqual([
        ['tabela', 'de', 'ate', 'chave'],
        ['coluna', 'alteradas'],
        ['pessoa_id', 'mudanca', 'cpf_antes', 'cpf_depois'],
      ]);
      expect(results[0]?.rows).toEqual([{
        tabela: 'pessoa', de: FROM, ate: TO, chave: 'pessoa_id', linhas_antes: summary.rowsBefore, linhas_depois: summary.rowsAfter,
        incluidas: summary.added, removidas: summary.removed, alteradas: summary.changed, inalteradas: summary.unchanged,
      }]);
      expect(results[1]?.rows).toEqual(summary.columns.map((c) => ({ coluna: c.column, alteradas: c.changed })));
      const rows = results[2]?.rows ?? [];
      expect(rows.filter((r) => r.mudanca === 'incluida')).toHaveLength(summary.added);
      expect(rows.filter((r) => r.mudanca === 'alterada')).toHaveLength(summary.changed);
      expect(rows).toHaveLength(summary.added + summary.removed + summary.changed);
      const ids = rows.map((r) => Number(r.pessoa_id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    });

    it('masks identifiers on both sides, as the masked views do, and shows the rest as it is', () => {
      const rows = results[2]?.rows ?? [];
      const gotCpf = rows.filter((r) => r.cpf_antes === null && r.cpf_depois !== null && r.mudanca === 'alterada');
      expect(gotCpf).toHaveLength(truth.tables.pessoa?.columns.cpf ?? NaN);
      for (const row of rows) {
        for (const side of ['antes', 'depois']) {
          const cpf = row[`cpf_${side}`];
          if (cpf !== null) expect(cpf).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
          const nome = row[`nome_${side}`];
          if (nome !== null) expect(nome).toMatch(/^([A-ZÀ-Ý]\. ?)+$/);
        }
      }
      const text = JSON.stringify(rows);
      expect(rawCpfs.filter((cpf) => text.includes(cpf))).toEqual([]);
      const moved = rows.find((r) => r.bairro_antes !== r.bairro_depois && r.mudanca === 'alterada');
      expect(typeof moved?.bairro_antes).toBe('string');
      expect(moved?.unidade_saude_id_antes).not.toBe(moved?.unidade_saude_id_depois);
    });

    it('is audited as one query, before it runs and when it ends', async () => {
      const entries = (await readFile(path.join(scratch, 'auditoria.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const mine = entries.filter((e) => e.queryId === 'diff-pessoa');
      expect(mine.map((e) => e.status)).toEqual(['started', 'ok']);
      expect(String(mine[0]?.sql)).toContain('FULL OUTER JOIN');
    });
  });
});
