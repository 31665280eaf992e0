import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { WorkbenchError } from '../../core/api.ts';
import type { ParamValue, RunQueryRequest } from '../../core/api.ts';
import { Engine } from '../../core/engine/engine.ts';
import type { TextFormat } from '../../core/format/index.ts';
import {
  paramValuesFromStrings,
  parseDocument,
  relocateError,
  sqlCells,
  type CompiledCell,
  type NotebookDocument,
  type SqlCell,
} from '../../core/documents/index.ts';
import { compileForRun } from '../../core/documents/compile-for-run.ts';
import { parseParams, type CommonOptions } from '../common-options.ts';
import { UsageError } from '../errors.ts';
import { atomicFileSink, stdoutSink } from '../output.ts';
import { writeParquet } from '../parquet-output.ts';
import { writeText, writeXlsxFile } from './query.ts';
import { exportedCells } from '../../core/export/kept-tables.ts';

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
export async function runCommand(file: string, options: CommonOptions & { cell?: string }): Promise<void> {
  const format = options.format;
  if ((format === 'parquet' || format === 'xlsx') && !options.out) throw new UsageError(`o formato ${format} precisa de --out <arquivo>`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`não foi possível ler o arquivo ${file}`);
  }
  const doc = parseDocument(text, file);
  if (format === 'xlsx') return runXlsx(doc, file, options);
  const cell = chooseCell(doc, options.cell);
  const params = paramsFor(doc, options.param);

  const engine = await Engine.open({ dataDir: options.data });
  const queryId = randomUUID();
  const onSignal = () => engine.cancel(queryId);
  process.once('SIGINT', onSignal);
  let compiled: CompiledCell | undefined;
  try {
    compiled = await compileForRun(engine, doc, cell, options.snapshot);
    const request: RunQueryRequest & { queryId: string } = {
      sql: compiled.sql,
      params,
      queryId,
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
    };
    if (format === 'parquet') await writeParquet(engine, request, options.out as string);
    else await writeText(engine, request, options.format as TextFormat, options.out ? await atomicFileSink(options.out) : stdoutSink());
  } catch (error) {
    if (error instanceof WorkbenchError && compiled) throw relocateError(doc, compiled, error);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    await engine.close();
  }
}

/** XLSX: `--cell NAME` as one sheet, else every named table cell the panel shows a sheet, + "Sobre". */
async function runXlsx(doc: NotebookDocument, file: string, options: CommonOptions & { cell?: string }): Promise<void> {
  const cells = options.cell !== undefined ? [chooseCell(doc, options.cell)] : exportedCells(doc);
  const params = paramsFor(doc, options.param);
  const engine = await Engine.open({ dataDir: options.data });
  const queries = await Promise.all(cells.map(async (cell) => {
    const compiled = await compileForRun(engine, doc, cell, options.snapshot);
    const request: RunQueryRequest & { queryId: string } = {
      sql: compiled.sql,
      params,
      queryId: randomUUID(),
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
    };
    const relocate = (error: unknown) => (error instanceof WorkbenchError ? relocateError(doc, compiled, error) : error);
    return { name: cell.name ?? doc.title, request, relocate };
  })).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  const onSignal = () => queries.forEach((q) => engine.cancel(q.request.queryId));
  process.once('SIGINT', onSignal);
  try {
    await writeXlsxFile(engine, queries, options.out as string, { title: `Painel: ${doc.title}`, source: file });
  } finally {
    process.off('SIGINT', onSignal);
    await engine.close();
  }
}
