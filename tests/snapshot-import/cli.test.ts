// `mirante snapshot validate|import` as a scheduler runs them: exit status, what standard
// output and error say, the report file, per-table dialects from a file.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { DATE, MATRICULA_CSV, PESSOA_CSV, dataDir, exportDir, latin1, tempDir } from './support.ts';

describe('mirante snapshot', () => {
  it('validate writes the report and publishes nothing; with a blocking finding validate and import exit 1; --force --motivo publishes', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': latin1(PESSOA_CSV.replace(';F;1.234', ';Q;1.234')), 'matricula.csv': MATRICULA_CSV });
    const report = path.join(await tempDir('relatorio'), 'relatorio.json');
    const validated = await runCli(['snapshot', 'validate', '--from', from, '--date', DATE, '--data', data, '--report', report]);
    expect(validated.code).toBe(1);
    expect(validated.stderr).toContain('Há achados bloqueantes: a exportação não seria publicada.');
    expect(validated.stdout).toContain('Snapshot 2026-10-31: 2 tabelas lidas, 5 linhas; 1 bloqueantes, 0 avisos.');
    expect(validated.stdout).toContain('[bloqueante] dominio pessoa.sexo: 1 valores de pessoa.sexo fora do domínio (F, M). Ex.: Q');
    expect(JSON.parse(await readFile(report, 'utf8'))).toMatchObject({ date: DATE, summary: { blocking: 1, warnings: 0 } });

    const refused = await runCli(['snapshot', 'import', '--from', from, '--date', DATE, '--data', data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Há achados bloqueantes: o snapshot 2026-10-31 não foi publicado.');

    const forced = await runCli(['snapshot', 'import', '--from', from, '--date', DATE, '--data', data, '--force', '--motivo', 'sexo Q corrigido na origem no próximo mês']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Publicado em .*2026-10-31 \(forçado: sexo Q corrigido na origem no próximo mês\); manifesto SHA-256 [0-9a-f]{64}\./);
  });

  it('dialects per table from a YAML file, options for every file from flags; a bad option is a usage error (exit 2)', async () => {
    const data = await dataDir();
    const noHeader = PESSOA_CSV.split('\n').slice(1).join('\n').replaceAll(';', '|');
    const from = await exportDir({ 'pessoa.csv': latin1(noHeader), 'matricula.csv': MATRICULA_CSV });
    const dialects = path.join(await tempDir('dialetos'), 'dialetos.yaml');
    await writeFile(dialects, 'pessoa: { encoding: latin-1, delimiter: "|", header: nao, decimal-comma: sim, date-format: dd/mm/aaaa }\n');
    const result = await runCli(['snapshot', 'import', '--from', from, '--date', DATE, '--data', data, '--dialetos', dialects, '--report', path.join(path.dirname(dialects), 'r.html')]);
    expect(result.stderr).toBe('lendo matricula…\nlendo pessoa…\n');
    expect(result.code).toBe(0);
    expect(await readFile(path.join(path.dirname(dialects), 'r.html'), 'utf8')).toContain('CSV latin-1, delimitador |, sem cabeçalho, vírgula decimal, datas %d/%m/%Y');
    const bad = await runCli(['snapshot', 'validate', '--from', from, '--date', DATE, '--data', data, '--encoding', 'ebcdic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('mirante: codificação inválida: ebcdic (use utf-8, latin-1 ou windows-1252)\n');
  });
});
