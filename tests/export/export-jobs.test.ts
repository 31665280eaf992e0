// An export as the user follows it: started under an id it can be asked about, its status
// (running with the rows to write, then done with the sheets and where the file is, or failed,
// or cancelled), the events on the query stream, the web mode's one download, and what close
// leaves behind. Real DuckDB tables, real files.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError, type ApiError, type QueryEvent } from '../../main/core/api/index.ts';
import { ExportJobs, resolveSavePath, type ExportJob } from '../../main/core/export/export-jobs.ts';
import type { KeptTable } from '../../main/core/export/kept-export.ts';

const about = { title: 'Relatório de teste', snapshot: '2026-10-31', params: {}, sql: [], timeZone: 'UTC' };
let scratch: string;
let instance: DuckDBInstance;
let linhas: KeptTable;
let outras: KeptTable;

async function keptTable(name: string, relation: string, rowCount: number): Promise<KeptTable> {
  const connection = await instance.connect();
  const described = await connection.run(`SELECT * FROM ${relation} LIMIT 0`);
  const columns = Array.from({ length: described.columnCount }, (_, i) => ({ name: described.columnName(i), type: described.columnType(i), stored: described.columnName(i) }));
  connection.closeSync();
  return { name, relation, columns, rowCount, timeZone: 'UTC' };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mirante-export-jobs-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  // Plain fs here: export code failing in a hook would hide a mutant (docs/MUTATION.md).
  await mkdir(path.join(scratch, 'duckdb-temp'), { mode: 0o700 });
  await connection.run(`SET temp_directory = '${path.join(scratch, 'duckdb-temp')}'`);
  await connection.run(`CREATE TABLE linhas AS SELECT range AS n, 'v' || range AS s FROM range(3)`);
  await connection.run(`CREATE TABLE outras AS SELECT range AS m FROM range(2)`);
  connection.closeSync();
  linhas = await keptTable('linhas', 'linhas', 3);
  outras = await keptTable('outras', 'outras', 2);
});

afterAll(async () => {
  instance?.closeSync();
  await rm(scratch, { recursive: true, force: true });
});

interface Harness {
  jobs: ExportJobs;
  events: QueryEvent[];
  downloads: string;
}

async function harness(): Promise<Harness> {
  const events: QueryEvent[] = [];
  const downloads = await mkdtemp(path.join(scratch, 'downloads-'));
  const jobs = new ExportJobs({ connect: () => instance.connect(), emit: (event) => events.push(event), downloadsRoot: downloads });
  await jobs.ready();
  return { jobs, events, downloads };
}

/** The refusal a call makes: its contract error, or the text of anything else thrown. */
function thrown(action: () => unknown): ApiError | string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof WorkbenchError ? error.detail : String(error);
  }
  return undefined;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError | string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof WorkbenchError ? error.detail : String(error);
  }
  return undefined;
}

const job = (overrides: Partial<ExportJob> = {}): ExportJob => ({ format: 'csv', about, prepare: async () => [linhas], ...overrides });

describe('resolveSavePath', () => {
  it('keeps the chosen folder and makes the base name safe for the format; a relative path is refused', () => {
    expect(resolveSavePath('/tmp/pasta/relatório', 'csv')).toBe('/tmp/pasta/relatório.csv');
    expect(resolveSavePath('/tmp/pasta/con', 'xlsx')).toBe('/tmp/pasta/_con.xlsx');
    expect(resolveSavePath('/tmp/pasta/dados.parquet', 'parquet')).toBe('/tmp/pasta/dados.parquet');
    expect(thrown(() => resolveSavePath('pasta/x.csv', 'csv'))).toEqual({ code: 'not_allowed', message: 'O local da exportação deve ser um caminho absoluto.' });
  });
});

describe('starting an export', () => {
  it('takes a client\'s id only when it is 1 to 80 of [A-Za-z0-9_-] and not in use', async () => {
    const { jobs } = await harness();
    const refused = { code: 'parameter', message: 'Identificador de exportação inválido ou repetido.' };
    for (const exportId of ['', 'a b', '!abc', 'abc!', 'x'.repeat(81), '../x', 'a\nb']) {
      expect(thrown(() => jobs.start(job({ exportId }))), JSON.stringify(exportId)).toEqual(refused);
    }
    expect(jobs.start(job({ exportId: 'A-z_09' }))).toBe('A-z_09');
    expect(jobs.start(job({ exportId: 'y'.repeat(80) }))).toBe('y'.repeat(80));
    expect(thrown(() => jobs.start(job({ exportId: 'A-z_09' })))).toEqual(refused);
    const generated = jobs.start(job());
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await jobs.settled('A-z_09');
    await jobs.settled(generated);
    await jobs.close();
  });

  it('is "running" at once, named after the file name or the title, with nothing written yet', async () => {
    const { jobs } = await harness();
    let release = () => undefined as void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const exportId = jobs.start(job({ format: 'xlsx', prepare: async () => { await waiting; return [linhas]; } }));
    expect(jobs.status(exportId)).toEqual({ exportId, state: 'running', format: 'xlsx', fileName: 'Relatório de teste.xlsx', rowsWritten: 0, totalRows: 0, sheets: [], notices: [] });
    const named = jobs.start(job({ fileName: 'a/b' }));
    expect(jobs.status(named).fileName).toBe('a_b.csv');
    release();
    await jobs.settled(exportId);
    await jobs.settled(named);
    await jobs.close();
  });
});

describe('a download (web mode)', () => {
  it('ends "done" with the rows, the sheets and where the file waits; events: progress, done, finished', async () => {
    const { jobs, events, downloads } = await harness();
    const exportId = jobs.start(job({ format: 'xlsx', prepare: async () => [linhas, outras] }));
    const status = await jobs.settled(exportId);
    expect(status).toMatchObject({
      exportId, state: 'done', format: 'xlsx', fileName: 'Relatório de teste.xlsx', rowsWritten: 5, totalRows: 5,
      sheets: [{ name: 'linhas', rows: 3 }, { name: 'outras', rows: 2 }], notices: [], download: `/downloads/${exportId}`,
    });
    expect(status.error).toBeUndefined();
    const file = status.path as string;
    expect(path.basename(file)).toBe('Relatório de teste.xlsx');
    expect(path.basename(path.dirname(file))).toBe(exportId);
    expect(file.startsWith(await realpath(downloads))).toBe(true);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    const mine = events.filter((e) => e.queryId === exportId);
    const progress = mine.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const event of progress) expect(event).toMatchObject({ kind: 'progress', queryId: exportId, statementIndex: 0 });
    expect(mine.slice(-2).map((e) => e.kind)).toEqual(['done', 'finished']);
    expect(mine.at(-2)).toMatchObject({ kind: 'done', queryId: exportId, statementIndex: 0, rowCount: 5 });
    for (const event of mine) {
      if ('elapsedMs' in event) {
        expect(event.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(event.elapsedMs).toBeLessThan(60_000);
      }
    }
    await jobs.close();
  });

  it('reports progress on the status as rows are written (JSON Lines)', async () => {
    const { jobs, events } = await harness();
    const exportId = jobs.start(job({ format: 'json' }));
    const status = await jobs.settled(exportId);
    expect(status).toMatchObject({ state: 'done', rowsWritten: 3, totalRows: 3, sheets: [{ name: 'linhas', rows: 3 }] });
    expect(events.find((e) => e.kind === 'progress')).toMatchObject({ queryId: exportId, statementIndex: 0, rowsSoFar: 3 });
    expect(await readFile(status.path as string, 'utf8')).toBe('{"n":0,"s":"v0"}\n{"n":1,"s":"v1"}\n{"n":2,"s":"v2"}\n');
    await jobs.close();
  });

  it('is taken once: the file and its name, then null; release deletes it; unknown, running or saved exports give null', async () => {
    const { jobs } = await harness();
    expect(jobs.takeDownload('desconhecida')).toBeNull();
    let release = () => undefined as void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const slow = jobs.start(job({ prepare: async () => { await waiting; return [linhas]; } }));
    expect(jobs.takeDownload(slow)).toBeNull();
    release();
    await jobs.settled(slow);
    const download = jobs.takeDownload(slow);
    expect(download?.fileName).toBe('Relatório de teste.csv');
    expect(await readFile(download?.path as string, 'utf8')).toBe('"n","s"\r\n0,"v0"\r\n1,"v1"\r\n2,"v2"\r\n');
    expect(jobs.status(slow).download).toBeUndefined();
    expect(jobs.takeDownload(slow)).toBeNull();
    await download?.release();
    expect(existsSync(path.dirname(download?.path as string))).toBe(false);

    const chosen = await mkdtemp(path.join(scratch, 'escolhida-'));
    const saved = jobs.start(job({ savePath: path.join(chosen, 'saida') }));
    const status = await jobs.settled(saved);
    expect(status).toMatchObject({ state: 'done', fileName: 'saida.csv', path: path.join(chosen, 'saida.csv') });
    expect(status.download).toBeUndefined();
    expect(jobs.takeDownload(saved)).toBeNull();

    const failed = jobs.start(job({ prepare: async () => { throw new Error('falhou'); } }));
    await jobs.settled(failed);
    expect(jobs.takeDownload(failed)).toBeNull();
    await jobs.close();
  });
});

describe('an export that does not finish', () => {
  it('a failure: "error" with the reason, an error event then finished; cleanup runs and its own failure is ignored', async () => {
    const { jobs, events } = await harness();
    let cleaned = 0;
    const exportId = jobs.start(job({
      prepare: async () => { throw new WorkbenchError({ code: 'parameter', message: 'sem células' }); },
      cleanup: async () => { cleaned += 1; throw new Error('limpeza falhou'); },
    }));
    const status = await jobs.settled(exportId);
    expect(status.state).toBe('error');
    expect(status.error).toMatchObject({ code: 'parameter', message: 'sem células' });
    expect(cleaned).toBe(1);
    const mine = events.filter((e) => e.queryId === exportId);
    expect(mine.map((e) => e.kind)).toEqual(['error', 'finished']);
    expect(mine[0]).toMatchObject({ kind: 'error', queryId: exportId, error: { code: 'parameter', message: 'sem células' } });
    expect(jobs.cancel(exportId)).toBe(false);
    await jobs.close();
  });

  it('a cancel while the rows are prepared: "cancelled", whatever error the work then throws; no file', async () => {
    const { jobs, downloads } = await harness();
    const exportId = jobs.start(job({
      prepare: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('interrompido')))),
    }));
    expect(jobs.cancel(exportId)).toBe(true);
    const status = await jobs.settled(exportId);
    expect(status.state).toBe('cancelled');
    expect(status.error).toMatchObject({ code: 'cancelled', message: 'Exportação cancelada.' });
    expect(jobs.cancel(exportId)).toBe(false);
    expect(jobs.cancel('desconhecida')).toBe(false);
    const processFolder = (await readdir(downloads)).find((name) => name.startsWith('pid-')) as string;
    const [instanceFolder] = await readdir(path.join(downloads, processFolder));
    expect(await readdir(path.join(downloads, processFolder, instanceFolder as string))).toEqual([]);
    await jobs.close();
  });

  it('close cancels what runs and removes this instance\'s downloads folder', async () => {
    const { jobs, downloads } = await harness();
    const done = jobs.start(job());
    await jobs.settled(done);
    const running = jobs.start(job({
      prepare: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('interrompido')))),
    }));
    const folder = path.dirname(path.dirname(jobs.status(done).path as string));
    expect(existsSync(folder)).toBe(true);
    await jobs.close();
    expect(jobs.status(running).state).toBe('cancelled');
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(downloads)).toBe(true);
  });
});

describe('asking about an export', () => {
  it('an unknown id is not_found, for status and settled alike', async () => {
    const { jobs } = await harness();
    const notFound = { code: 'not_found', message: 'Exportação desconhecida.' };
    expect(thrown(() => jobs.status('desconhecida'))).toEqual(notFound);
    expect(await rejection(jobs.settled('desconhecida'))).toEqual(notFound);
    await jobs.close();
  });

  it('the status is a copy: changing it changes nothing in the export', async () => {
    const { jobs } = await harness();
    const exportId = jobs.start(job({ format: 'xlsx' }));
    const first = await jobs.settled(exportId);
    first.sheets.push({ name: 'intrusa', rows: 1 });
    first.notices.push('intrusa');
    const again = jobs.status(exportId);
    expect(again.sheets).toEqual([{ name: 'linhas', rows: 3 }]);
    expect(again.notices).toEqual([]);
    await jobs.close();
  });
});
