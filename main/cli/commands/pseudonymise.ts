import { pseudonymiseDataDir } from '../../core/privacy/pseudonymise.ts';

/** `mirante snapshot pseudonymise`: the pseudonymised tier of a data dir, written to another. */
export async function pseudonymiseCommand(options: { in: string; out: string; keyFile: string }): Promise<void> {
  const summary = await pseudonymiseDataDir({ inDir: options.in, outDir: options.out, keyFile: options.keyFile });
  process.stdout.write(
    `Camada pseudonimizada gravada em ${options.out}: ${summary.snapshots.length} snapshots (${summary.snapshots.join(', ')}), ` +
      `${summary.tables} tabelas, ${summary.tokens} identificadores distintos tokenizados.\n`,
  );
}
