// A kill -9 in the middle of an import: whatever the moment, `snapshots/<date>` is either
// absent or whole (watched while the import runs), the published snapshots are untouched, and
// the next import removes what the killed one left and publishes.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/run-cli.ts';
import { CPFS, DATE, MATRICULA_CSV, PREVIOUS, dataDir, exportDir, run } from './support.ts';

const WHOLE = ['manifesto.json', 'matricula.parquet', 'pessoa.parquet', 'relatorio-importacao.html', 'relatorio-importacao.json'];

describe('killed mid-import', () => {
  it('leaves no half-written snapshot visible, and the next import cleans up and publishes', async () => {
    const data = await dataDir({ previous: true });
    // Enough rows that writing the Parquet files takes a while to be caught in.
    const rows = Array.from({ length: 80_000 }, (_, i) => `${i + 1};${CPFS[i % 4]};Pessoa ${i};01/01/1990;${i % 2 ? 'F' : 'M'};${i},50`);
    const from = await exportDir({ 'pessoa.csv': ['pessoa_id;cpf;nome;data_nascimento;sexo;renda', ...rows].join('\n'), 'matricula.csv': MATRICULA_CSV });
    const root = path.join(data, 'snapshots');
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'mirante.mjs'), 'snapshot', 'import', '--from', from, '--date', DATE, '--data', data, '--force', '--motivo', 'teste de interrupção no meio'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    let killedInStaging = false;
    while (running) {
      const names = await readdir(root);
      if (names.includes(DATE)) expect((await readdir(path.join(root, DATE))).sort()).toEqual(WHOLE);
      if (names.some((name) => name.startsWith('.staging-')) && !killedInStaging) {
        child.kill('SIGKILL');
        killedInStaging = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await exited;
    const after = await readdir(root);
    expect(after).toContain(PREVIOUS);
    if (after.includes(DATE)) {
      expect((await readdir(path.join(root, DATE))).sort()).toEqual(WHOLE);
      return;
    }
    // The usual case: killed while staging.
    expect(killedInStaging).toBe(true);
    expect(after.filter((name) => name.startsWith('.staging-'))).toHaveLength(1);
    const result = await run({ fromDir: from, dataDir: data, force: true, motivo: 'importando de novo após a interrupção' });
    expect(result.published?.manifest.tables.find((t) => t.table === 'pessoa')?.rows).toBe(80_000);
    expect((await readdir(root)).sort()).toEqual([PREVIOUS, DATE]);
  });
});
