// `mirante snapshot validate|import` as a scheduler runs them: exit status, what standard
// output and error say, the report file, per-table dialects from a file. Few runs: each
// starts a Node process.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { DATE, MATRICULA_CSV, PESSOA_CSV, dataDir, exportDir, latin1, tempDir } from './support.ts';

describe('mirante snapshot', () => {
  it('validate exits 1 on a blocking finding and writes the report; import --force --motivo publishes with per-table dialects from a file; a bad option exits 2', async () => {
    const data = await dataDir();
    // pessoa without a header, `|`-delimited, Latin-1: said in the dialects file.
    const pessoa = PESSOA_CSV.replace(';F;1.234', ';Q;1.234').split('\n').slice(1).join('\n').replaceAll(';', '|');
    const from = await exportDir({ 'pessoa.csv': latin1(pessoa), 'matricula.csv': MATRICULA_CSV });
    const work = await tempDir('cli');
    const dialects = path.join(work, 'dialetos.yaml');
    await writeFile(dialects, 'pessoa: { encoding: latin-1, delimiter: "|", header: nao, decimal-comma: sim, date-format: dd/mm/aaaa }\n');
    const common = ['--from', from, '--date', DATE, '--data', data, '--dialetos', dialects];

    const validated = await runCli(['snapshot', 'validate', ...common, '--report', path.join(work, 'relatorio.json')]);
    expect(validated.code).toBe(1);
    expect(validated.stderr).toBe('lendo matricula…\nlendo pessoa…\nErro: Há achados bloqueantes: a exportação não seria publicada. Corrija a exportação, ou publique assim mesmo com --force --motivo "...".\n');
    expect(validated.stdout).toContain('Snapshot 2026-10-31: 2 tabelas lidas, 5 linhas; 1 bloqueantes, 0 avisos.');
    expect(validated.stdout).toContain('[bloqueante] dominio pessoa.sexo: 1 valores de pessoa.sexo fora do domínio (F, M). Ex.: Q');
    expect(JSON.parse(await readFile(path.join(work, 'relatorio.json'), 'utf8'))).toMatchObject({ date: DATE, summary: { blocking: 1, warnings: 0 } });

    const forced = await runCli(['snapshot', 'import', ...common, '--force', '--motivo', 'sexo Q corrigido na origem no próximo mês', '--report', path.join(work, 'r.html')]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Publicado em .*2026-10-31 \(forçado: sexo Q corrigido na origem no próximo mês\); manifesto SHA-256 [0-9a-f]{64}\./);
    expect(await readFile(path.join(work, 'r.html'), 'utf8')).toContain('CSV latin-1, delimitador |, sem cabeçalho, vírgula decimal, datas %d/%m/%Y');

    const bad = await runCli(['snapshot', 'validate', ...common, '--encoding', 'ebcdic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('mirante: codificação inválida: ebcdic (use utf-8, latin-1 ou windows-1252)\n');
  });
});
