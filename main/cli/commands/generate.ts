import path from 'node:path';
import cliProgress from 'cli-progress';
import { generateRegistry, type GenerateProgress, type GenerateResult } from '../../../sample-data/generator/index.ts';
import { DEFECT_KINDS, TRUTH_FILE, writeCityExport, type DefectKind } from '../../../sample-data/generator/city-export.ts';
import { snapshotChanges } from '../../../sample-data/generator/snapshot-changes.ts';
import { UsageError } from '../errors.ts';

export interface GenerateCommandOptions {
  scale: number;
  seed: number;
  out: string;
  threads?: number;
  /** Also write the newest snapshot as a city's systems export it, into this folder. */
  cityExport?: string;
  /** Defects to inject into that export: rule ids separated by commas, or `todos`. */
  defects?: string;
}

/** `--defects a,b` as defect kinds; `todos` is every one. */
export function parseDefects(list: string | undefined): DefectKind[] {
  if (list === undefined || list.trim() === '') return [];
  if (list.trim() === 'todos') return [...DEFECT_KINDS];
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(DEFECT_KINDS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`defeito desconhecido: ${unknown.join(', ')} (conhecidos: ${DEFECT_KINDS.join(', ')} ou todos)`);
  return names as DefectKind[];
}

async function writeExport(options: GenerateCommandOptions, dataDir: string, exportDir: string, defects: DefectKind[]): Promise<void> {
  const target = path.resolve(exportDir);
  process.stderr.write(`Gravando a exportação da prefeitura em ${target}\n`);
  const changes = await snapshotChanges(options.scale, options.seed);
  const truth = await writeCityExport({ dataDir, outDir: target, seed: options.seed, defects, changes });
  const injected = truth.defects.map((d) => `${d.rule} ${d.table}${d.column ? `.${d.column}` : ''}: ${d.count}`);
  process.stderr.write(`Pronto: ${truth.files.length} arquivos de ${truth.date}; ${TRUTH_FILE} com ${injected.length > 0 ? injected.join('; ') : 'nenhum defeito'}\n`);
}

/** `mirante generate`: the sample registry, with a progress bar when a person is watching. */
export async function generateCommand(options: GenerateCommandOptions): Promise<GenerateResult> {
  const outDir = path.resolve(options.out);
  const defects = parseDefects(options.defects);
  if (defects.length > 0 && options.cityExport === undefined) throw new UsageError('--defects só vale com --city-export <pasta>');
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
    if (options.cityExport !== undefined) await writeExport(options, outDir, options.cityExport, defects);
    return result;
  } catch (error) {
    bar?.stop();
    throw error;
  }
}
