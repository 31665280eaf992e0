import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { generateCommand } from './generate.ts';

/** The first-run rule of `npm start`: make the SF 1 registry when no snapshot exists yet. */
export async function ensureSampleRegistry(dataDir: string): Promise<void> {
  const snapshotsDir = path.join(dataDir, 'snapshots');
  const hasSnapshot =
    existsSync(snapshotsDir) && readdirSync(snapshotsDir).some((name) => /^\d{4}-\d{2}-\d{2}$/.test(name));
  if (hasSnapshot) return;
  process.stderr.write('Nenhum snapshot encontrado: gerando o cadastro de exemplo da cidade (escala 1).\n');
  await generateCommand({ scale: 1, seed: 42, out: dataDir });
}

/** `npm start`: until the workbench UI lands, prepares the data and says how to query it. */
export async function startCommand(dataDir: string): Promise<void> {
  await ensureSampleRegistry(dataDir);
  process.stdout.write(
    [
      'Mirante: o cadastro de exemplo está pronto em ' + dataDir,
      'A interface da bancada ainda não faz parte desta versão; consulte pelo comando:',
      '  npx mirante query "select count(*) from pessoa"',
      '',
    ].join('\n'),
  );
}
