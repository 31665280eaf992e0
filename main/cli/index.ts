import { Command, CommanderError, Option } from 'commander';
import { addCommonOptions, type CommonOptions } from './common-options.ts';
import { EXIT_OK, EXIT_USAGE, UsageError, reportError } from './errors.ts';
import { defaultDataDir } from './paths.ts';

function parseNumber(label: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${label} inválido: ${value}`);
    return n;
  };
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`porta inválida: ${value}`);
  return n;
}

// Command modules load inside their actions: `--help` stays instant and needs no DuckDB.
function buildProgram(): Command {
  const program = new Command('mirante')
    .description('Mirante: bancada de análise do cadastro unificado (DuckDB sobre snapshots Parquet)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('(use --help para ver as opções)');

  program
    .command('generate')
    .description('gera o cadastro de exemplo (snapshots Parquet e dicionário)')
    .option('--scale <fator>', 'fator de escala (1 = a cidade de referência, ~450 mil pessoas)', parseNumber('escala'), 1)
    .option('--seed <n>', 'semente: mesma escala e semente dão arquivos idênticos', parseNumber('semente'), 42)
    .option('--out <dir>', 'pasta de dados de saída', defaultDataDir)
    .option('--threads <n>', 'threads do DuckDB (o resultado não depende disso)', parseNumber('threads'))
    .option('--city-export <dir>', 'grava também o snapshot mais novo como os sistemas da prefeitura o exportam, com verdade.json')
    .option('--defects <lista>', 'defeitos a injetar na exportação, separados por vírgula, ou todos')
    .action(async (options: { scale: number; seed: number; out: string; threads?: number; cityExport?: string; defects?: string }) => {
      const { generateCommand } = await import('./commands/generate.ts');
      await generateCommand(options);
    });

  addCommonOptions(
    program
      .command('query')
      .description('executa SQL de leitura sobre um snapshot ("-" lê o SQL da entrada padrão)')
      .argument('<sql>', 'a consulta (ou script) SQL'),
  ).action(async (sql: string, options: CommonOptions) => {
    const { queryCommand } = await import('./commands/query.ts');
    await queryCommand(sql, options);
  });

  addCommonOptions(
    program
      .command('run')
      .description('executa uma célula de um notebook (.md) ou um arquivo .sql')
      .argument('<arquivo>', 'notebook .md ou arquivo .sql')
      .option('--cell <nome>', 'a célula SQL com nome a executar')
      .option('--queries <dir>', 'pasta dos painéis salvos: só um arquivo dela roda para o papel consulta (padrão: queries/ do projeto)'),
  ).action(async (file: string, options: CommonOptions & { cell?: string; queries?: string }) => {
    const { runCommand } = await import('./commands/run.ts');
    await runCommand(file, options);
  });

  program
    .command('serve')
    .description('modo web local: serve a bancada em 127.0.0.1 e imprime o endereço com o token')
    .option('--data <dir>', 'pasta de dados', defaultDataDir)
    .option('--port <n>', 'porta (0 escolhe uma livre)', parsePort, 0)
    .option('--queries <dir>', 'pasta dos notebooks e painéis (padrão: queries/ do projeto)')
    .option('--state <dir>', 'pasta do histórico, das abas e dos rascunhos')
    .option('--tz <fuso>', 'fuso horário IANA de TIMESTAMPTZ (padrão: o escolhido na barra de status, senão o do sistema)')
    .action(async (options: { data: string; port: number; queries?: string; state?: string; tz?: string }) => {
      const { serveCommand } = await import('./commands/serve.ts');
      await serveCommand({
        data: options.data,
        port: options.port,
        ...(options.tz ? { timeZone: options.tz } : {}),
        ...(options.state ? { stateDir: options.state } : {}),
        ...(options.queries ? { queriesDir: options.queries } : {}),
      });
    });

  program
    .command('audit')
    .description('registro de auditoria (LGPD)')
    .command('verify')
    .description('confere hashes, MACs e âncora do registro (e a cópia do coletor syslog); sai com 1 nomeando o problema')
    .option('--data <dir>', 'pasta de dados cuja implantação grava o registro', defaultDataDir)
    .option('--log <arquivo>', 'o arquivo do registro (em vez do da pasta de dados)')
    .option('--chave <arquivo>', 'a chave do registro (padrão: chave-auditoria ao lado do registro)')
    .option('--ancora <arquivo>', 'a âncora do registro (padrão: ancora-auditoria ao lado da chave)')
    .option('--copia <arquivo>', 'as linhas que o coletor syslog gravou: cada entrada delas tem de estar, igual, no registro')
    .option('--origem <host:caminho>', 'qual registro da cópia conferir, quando ela tem vários')
    .action(async (options: import('./commands/audit.ts').AuditVerifyOptions) => {
      const { auditVerifyCommand } = await import('./commands/audit.ts');
      await auditVerifyCommand(options);
    });

  const snapshot = program.command('snapshot').description('operações sobre os snapshots de uma pasta de dados');
  for (const [name, description] of [
    ['import', 'importa a exportação mensal da prefeitura (um arquivo por tabela), valida e publica o snapshot'],
    ['validate', 'só valida a exportação mensal e gera o relatório; nada é publicado'],
  ] as const) {
    snapshot
      .command(name)
      .description(description)
      .requiredOption('--from <dir>', 'pasta com um arquivo por tabela (<tabela>.csv, .txt ou .parquet)')
      .requiredOption('--date <YYYY-MM-DD>', 'data do snapshot')
      .option('--data <dir>', 'pasta de dados (snapshots/ e dicionario.yaml)', defaultDataDir)
      .option('--report <arquivo>', 'grava também o relatório aqui (.json ou .html)')
      .option('--encoding <codificacao>', 'utf-8, latin-1 ou windows-1252 (padrão: descoberta pelos bytes de cada arquivo)')
      .option('--delimiter <c>', '; , | ou tab (padrão: detectado pelo DuckDB)')
      .option('--decimal-comma', 'números como 1.234,56 (padrão: sim quando o delimitador é ;)')
      .option('--no-decimal-comma', 'números como 1234.56')
      .option('--date-format <formato>', 'ex.: dd/mm/aaaa ou %d/%m/%Y (datas ISO valem sempre)')
      .option('--header', 'a primeira linha é o cabeçalho (padrão: detectado pelos nomes das colunas)')
      .option('--no-header', 'sem cabeçalho: colunas na ordem do dicionário')
      .option('--dialetos <arquivo>', 'YAML ou JSON: opções por tabela, ex.: {pessoa: {encoding: latin-1, header: nao}}')
      .option('--force', 'publica mesmo com achados bloqueantes (exige --motivo)')
      .option('--motivo <texto>', 'por que publicar assim mesmo (manifesto e auditoria)')
      .action(async (options: import('./commands/snapshot.ts').SnapshotImportOptions) => {
        const commands = await import('./commands/snapshot.ts');
        await (name === 'import' ? commands.snapshotImportCommand(options) : commands.snapshotValidateCommand(options));
      });
  }

  snapshot
    .command('diff')
    .description('compara uma tabela entre dois snapshots pela chave: resumo, mudanças por coluna e linhas lado a lado (mascaradas)')
    .requiredOption('--table <tabela>', 'a tabela a comparar')
    .requiredOption('--from <YYYY-MM-DD>', 'o snapshot mais antigo')
    .requiredOption('--to <YYYY-MM-DD>', 'o snapshot mais novo')
    .option('--key <colunas>', 'colunas da chave, separadas por vírgula (padrão: a chave do dicionário)')
    .option('--data <dir>', 'pasta de dados (snapshots/ e dicionario.yaml)', defaultDataDir)
    .addOption(new Option('--format <formato>', 'formato de saída').choices(['table', 'csv', 'csv-br', 'json']).default('table'))
    .option('--out <arquivo>', 'arquivo de saída (padrão: saída padrão)')
    .option('--timeout <segundos>', 'tempo limite em segundos', parseNumber('tempo limite'))
    .option('--tz <fuso>', 'fuso horário IANA de TIMESTAMPTZ (padrão: o do sistema)')
    .action(async (options: import('./commands/snapshot-diff.ts').SnapshotDiffOptions) => {
      const { snapshotDiffCommand } = await import('./commands/snapshot-diff.ts');
      await snapshotDiffCommand(options);
    });

  snapshot
    .command('pseudonymise')
    .description('grava a camada pseudonimizada: identificadores como token HMAC, nomes nulos, nascimento só o mês')
    .requiredOption('--in <dir>', 'pasta de dados de entrada')
    .requiredOption('--out <dir>', 'pasta de saída (nova, fora da entrada)')
    .requiredOption('--key-file <arquivo>', 'chave secreta do HMAC (ao menos 32 bytes)')
    .action(async (options: { in: string; out: string; keyFile: string }) => {
      const { pseudonymiseCommand } = await import('./commands/pseudonymise.ts');
      await pseudonymiseCommand(options);
    });

  program
    .command('bench')
    .description('mede o caminho das consultas contra o DuckDB puro (uma linha JSON por caso)')
    .addOption(new Option('--data <dir>', 'pasta de dados (gerada em escala 1 se faltar)').default(defaultDataDir))
    .option('--skip-generate', 'não mede a geração em escala 1')
    .option('--skip-sf10', 'não gera a escala 10 para medir os painéis nela')
    .option('--only <prefixo>', 'só as partes com um caso que começa assim (ex.: reidentification)')
    .action(async (options: { data: string; skipGenerate?: boolean; skipSf10?: boolean; only?: string }) => {
      const { benchCommand } = await import('./commands/bench.ts');
      await benchCommand(options);
    });

  program
    .command('start')
    .description('prepara o cadastro de exemplo (escala 1) na primeira execução e inicia a bancada')
    .option('--data <dir>', 'pasta de dados', defaultDataDir)
    .action(async (options: { data: string }) => {
      const { startCommand } = await import('./commands/start.ts');
      await startCommand(options.data);
    });

  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error);
  }
}

process.exitCode = await main(process.argv);
