import path from 'node:path';
import cliProgress from 'cli-progress';
import { generateRegistry, type GenerateProgress, type GenerateResult } from '../../../sample-data/generator/index.ts';

export interface GenerateCommandOptions {
  scale: number;
  seed: number;
  out: string;
  threads?: number;
}

/** `mirante generate`: the sample registry, with a progress bar when a person is watching. */
export async function generateCommand(options: GenerateCommandOptions): Promise<GenerateResult> {
  const outDir = path.resolve(options.out);
  process.stderr.write(`Gerando o cadastro de exemplo (escala ${options.scale}, semente ${options.seed}) em ${outDir}\n`);
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: ' {bar} {percentage}% | {step}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  const onProgress = (p: GenerateProgress) => {
    if (!bar) return;
    if (!started) {
      bar.start(p.total, p.done, { step: p.step });
      started = true;
    }
    bar.setTotal(p.total);
    bar.update(p.done, { step: p.step });
  };
  try {
    const result = await generateRegistry({
      scale: options.scale,
      seed: options.seed,
      outDir,
      onProgress,
      ...(options.threads ? { threads: options.threads } : {}),
    });
    bar?.stop();
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    process.stderr.write(
      `Pronto: snapshots ${result.snapshots.join(', ')}; ${result.files} arquivos, ${mb} MB em ${result.seconds.toFixed(1)} s\n`,
    );
    return result;
  } catch (error) {
    bar?.stop();
    throw error;
  }
}
