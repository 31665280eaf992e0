// `mirante query|run --format xlsx` in a real child process, and an exporter killed mid-way.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot, runCli } from '../support/run-cli.ts';
import { libreOfficeToCsv, readSheet } from './support.ts';

const data = inject('sampleRegistryDir');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-cli-'));
});

describe('mirante --format xlsx', () => {
  it('query and run write workbooks LibreOffice opens: one sheet per table the panel shows (not its helper cells), and Sobre', async () => {
    const queryOut = path.join(dir, 'consulta.xlsx');
    const query = await runCli(['query', `select '007' as cep, 12.5::DECIMAL(14,2) as valor_total, count(*) as n from divida_ativa`, '--data', data, '--format', 'xlsx', '--out', queryOut]);
    expect(query.stderr).toBe('');
    expect(query.code).toBe(0);

    const panel = path.join(dir, 'painel.md');
    // `a` only feeds `b`: a helper, not a table of its own; `c` stands alone.
    const cells = ['```sql a', 'select 1 as um', '```', '', '```sql b', 'select * from a, range(3)', '```', '', '```sql c', 'select 2 as dois', '```'];
    await writeFile(panel, ['---', 'title: Painel', '---', '', ...cells, ''].join('\n'));
    const runOut = path.join(dir, 'painel.xlsx');
    const run = await runCli(['run', panel, '--data', data, '--format', 'xlsx', '--out', runOut]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const out = path.join(dir, 'csv');
    await libreOfficeToCsv([queryOut, runOut], out, { asShown: false });
    expect((await readdir(out)).sort()).toEqual(['consulta-Sobre.csv', 'consulta-dados.csv', 'painel-Sobre.csv', 'painel-b.csv', 'painel-c.csv']);
    const [row] = await readSheet(path.join(out, 'consulta-dados.csv'));
    expect(row?.cep).toBe('007');
    expect(row?.valor_total).toBe('12.5');
    expect(Number(row?.n)).toBeGreaterThan(0);
    expect((await readSheet(path.join(out, 'painel-b.csv'))).length).toBe(3);
    expect(await readFile(path.join(out, 'painel-Sobre.csv'), 'utf8')).toContain('Painel: Painel');
  });

  it('xlsx needs --out (usage error, exit 2)', async () => {
    const result = await runCli(['query', 'select 1', '--data', data, '--format', 'xlsx']);
    expect(result.code).toBe(2);
  });

  it('an exporter killed mid-way (SIGKILL while the .partial exists) leaves nothing under the final name', async () => {
    const out = path.join(dir, 'morto.xlsx');
    const sql = 'select range as n, md5(range::varchar) as s, range * 0.5 as x, current_date - (range % 9000)::integer as d from range(1500000)';
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'mirante.mjs'), 'query', sql, '--data', data, '--format', 'xlsx', '--out', out], {
      cwd: projectRoot, stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // The partial file has a random name beside the target: `morto.xlsx.<16 hex>.partial`.
    const partialOf = async () => (await readdir(dir)).find((name) => /^morto\.xlsx\.[0-9a-f]{16}\.partial$/.test(name));
    const deadline = Date.now() + 60_000;
    while (!(await partialOf()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const partial = await partialOf();
    expect(partial).toBeDefined();
    await new Promise((r) => setTimeout(r, 1500));
    expect(existsSync(path.join(dir, partial as string))).toBe(true);
    expect((await stat(path.join(dir, partial as string))).mode & 0o777).toBe(0o600);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
  });
});
