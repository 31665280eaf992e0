import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ParamValue } from '../../core/api/index.ts';
import type { TextFormat } from '../../core/format/index.ts';
import type { QuerySource } from '../../core/queries/query-runner.ts';
import {
  cellJob,
  paramValuesFromStrings,
  parseDocument,
  sqlCells,
  type CellJobOptions,
  type NotebookDocument,
  type SqlCell,
} from '../../core/documents/index.ts';
import { parseParams, type CommonOptions } from '../common-options.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, prepareOutPath, stdoutSink } from '../output.ts';
import { writeParquet } from '../parquet-output.ts';
import { projectQueriesDir } from '../paths.ts';
import { withCommandSession, writeText, writeXlsxFile } from './query.ts';
import { exportedCells } from '../../core/export/kept-tables.ts';

export interface RunOptions extends CommonOptions {
  cell?: string;
  /** The curated documents; a file inside it counts as saved (role `consulta` may run it). */
  queries?: string;
}

/**
 * A file inside the queries folder is a saved document (every role may run it); any other
 * file is SQL a user wrote (analysts only), as in the UI.
 */
async function sourceOf(file: string, queriesDir: string): Promise<QuerySource> {
  const [real, root] = await Promise.all([realpath(file), realpath(queriesDir).catch(() => undefined)]);
  const relative = root === undefined ? '' : path.relative(root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { kind: 'free' };
  return { kind: 'saved', document: relative.split(path.sep).join('/') };
}

function jobOptions(source: QuerySource, params: Record<string, ParamValue>, options: CommonOptions): CellJobOptions {
  return {
    source,
    params,
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
  };
}

/** The cell to write: `--cell NAME`, else the only named SQL cell, else the only SQL cell. */
function chooseCell(doc: NotebookDocument, name: string | undefined): SqlCell {
  const cells = sqlCells(doc);
  const named = cells.filter((cell) => cell.name !== null);
  const names = named.map((cell) => cell.name).join(', ') || 'nenhuma';
  if (name !== undefined) {
    const cell = named.find((c) => c.name === name);
    if (!cell) throw new UsageError(`célula "${name}" não encontrada (células com nome: ${names})`);
    return cell;
  }
  if (named.length === 1) return named[0] as SqlCell;
  if (named.length === 0 && cells.length === 1) return cells[0] as SqlCell;
  if (cells.length === 0) throw new UsageError('o documento não tem células SQL');
  throw new UsageError(`informe --cell NOME: o documento tem mais de uma célula SQL (células com nome: ${names})`);
}

/** `--param` text → typed values: by the notebook's specs; a plain .sql file has none, so text as given. */
function paramsFor(doc: NotebookDocument, pairs: readonly string[]): Record<string, ParamValue> {
  const raw = parseParams(pairs);
  if (doc.kind === 'sql') return raw;
  try {
    return paramValuesFromStrings(doc.frontMatter?.params ?? [], raw as Record<string, string>);
  } catch (error) {
    // A value that does not fit its declared parameter is a mistake in how the command was called.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `mirante run <notebook.md|file.sql> [--cell NAME]`: one cell of a document, as `query` writes it. */
export async function runCommand(file: string, options: RunOptions): Promise<void> {
  const format = options.format;
  if ((format === 'parquet' || format === 'xlsx') && !options.out) throw new UsageError(`o formato ${format} precisa de --out <arquivo>`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`não foi possível ler o arquivo ${file}`);
  }
  const doc = parseDocument(text, file);
  const source = await sourceOf(file, options.queries ?? projectQueriesDir);
  if (format === 'xlsx') return runXlsx(doc, file, source, options);
  const cell = chooseCell(doc, options.cell);
  const params = paramsFor(doc, options.param);
  const out = options.out ? await prepareOutPath(options.out, options.data) : undefined;

  await withCommandSession(options, async ({ engine, runner }) => {
    const { job, relocate } = await cellJob(engine, doc, cell, jobOptions(source, params, options));
    try {
      if (format === 'parquet') await writeParquet(runner, job, out as string);
      else await writeText(runner, job, options.format as TextFormat, out ? await atomicFileSink(out) : stdoutSink());
    } catch (error) {
      throw relocate(error);
    }
  });
}

/** XLSX: `--cell NAME` as one sheet, else every named table cell the panel shows a sheet, + "Sobre". */
async function runXlsx(doc: NotebookDocument, file: string, source: QuerySource, options: RunOptions): Promise<void> {
  const cells = options.cell !== undefined ? [chooseCell(doc, options.cell)] : exportedCells(doc);
  const params = paramsFor(doc, options.param);
  const out = await prepareOutPath(options.out as string, options.data);
  await withCommandSession(options, async (session) => {
    const queries = await Promise.all(
      cells.map(async (cell) => {
        const { job, relocate } = await cellJob(session.engine, doc, cell, jobOptions(source, params, options));
        return { name: cell.name ?? doc.title, job, relocate };
      }),
    );
    await writeXlsxFile(session, queries, out, { title: `Painel: ${doc.title}`, source: file });
  });
}
