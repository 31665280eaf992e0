// Publishing: the snapshot appears whole or not at all, with a manifest whose SHA-256 the
// audit log holds; blocking findings stop it unless forced with a reason; a published date is
// never touched again; a killed import's staging folder is invisible and cleaned up later.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../main/core/privacy/audit-verify.ts';
import { discoverSnapshots } from '../../main/core/registry/snapshots.ts';
import { MANIFEST_FILE } from '../../main/core/snapshot-import/manifest.ts';
import type { Manifest } from '../../main/core/snapshot-import/manifest.ts';
import { describeWriteFailure } from '../../main/core/snapshot-import/publish.ts';
import { DATE, MATRICULA_CSV, PESSOA_CSV, PREVIOUS, dataDir, exportDir, latin1, run } from './support.ts';
import { rejection } from '../support/rejection.ts';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const auditLines = async (data: string) => (await readFile(path.join(data, 'auditoria', 'auditoria.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
/** Every file under the data dir's snapshots with its size and time: what "untouched" means. */
async function listing(data: string): Promise<string[]> {
  const root = path.join(data, 'snapshots');
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true })) {
    const info = await stat(path.join(root, entry));
    out.push(`${entry} ${info.size} ${info.mtimeMs}`);
  }
  return out.sort();
}

describe('publishing', () => {
  it('a clean import appears as a snapshot with its manifest, reports and read-only files, audited with the manifest SHA-256', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': latin1(PESSOA_CSV), 'matricula.csv': MATRICULA_CSV });
    const result = await run({ fromDir: from, dataDir: data });
    const folder = path.join(data, 'snapshots', DATE);
    expect(result.published?.directory).toBe(folder);
    expect((await readdir(folder)).sort()).toEqual(['manifesto.json', 'matricula.parquet', 'pessoa.parquet', 'relatorio-importacao.html', 'relatorio-importacao.json']);
    expect(((await stat(path.join(folder, 'pessoa.parquet'))).mode & 0o777).toString(8)).toBe('444');
    const manifest = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ date: DATE, previous: PREVIOUS, validation: { blocking: 0, warnings: 0, findings: [] } });
    expect(manifest.forced).toBeUndefined();
    for (const table of manifest.tables) {
      expect(table.sha256).toBe(await sha256(path.join(folder, table.file)));
      expect(table.source?.sha256).toBe(await sha256(path.join(from, table.source?.file as string)));
    }
    expect(manifest.tables.map((t) => [t.table, t.rows, t.source?.file, t.source?.encoding])).toEqual([
      ['pessoa', 3, 'pessoa.csv', 'latin-1'],
      ['matricula', 2, 'matricula.csv', 'utf-8'],
    ]);
    const entry = (await auditLines(data)).at(-1);
    expect(entry).toMatchObject({ action: 'publish_snapshot', snapshot: DATE, sha256: await sha256(path.join(folder, MANIFEST_FILE)), rows: 5, status: 'ok' });
    expect((await verifyAudit({ log: path.join(data, 'auditoria', 'auditoria.jsonl') })).ok).toBe(true);
    expect((await discoverSnapshots(data)).map((s) => [s.date, s.tables.map((t) => t.name)])).toEqual([
      [PREVIOUS, ['matricula', 'pessoa']],
      [DATE, ['matricula', 'pessoa']],
    ]);
    const report = await readFile(path.join(folder, 'relatorio-importacao.html'), 'utf8');
    expect(report).toContain('Nenhum problema bloqueante');
  });

  it('blocking findings: nothing published, nothing audited; forced with a reason: published, the reason in the manifest and the audit log', async () => {
    const data = await dataDir();
    const before = await listing(data);
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV.replace('M;0,50', 'Z;0,50'), 'matricula.csv': MATRICULA_CSV });
    const refused = await run({ fromDir: from, dataDir: data });
    expect(refused.notPublished).toBe('bloqueado');
    expect(refused.published).toBeUndefined();
    expect(await listing(data)).toEqual(before);
    expect((await rejection(stat(path.join(data, 'auditoria', 'auditoria.jsonl')))).message).toMatch(/ENOENT/);
    expect((await rejection(run({ fromDir: from, dataDir: data, force: true, motivo: 'curto' }))).message).toMatch(/finalidade \(ao menos 10 caracteres\)/);
    const motivo = 'Painel da Saúde precisa dos dados do mês; sexo corrigido na próxima carga';
    const forced = await run({ fromDir: from, dataDir: data, force: true, motivo });
    const manifest = JSON.parse(await readFile(path.join(data, 'snapshots', DATE, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.forced).toEqual({ motivo });
    expect(manifest.validation).toMatchObject({ blocking: 1, findings: [{ rule: 'dominio', table: 'pessoa', column: 'sexo', count: 1, severity: 'bloqueante' }] });
    expect((await auditLines(data)).at(-1)).toMatchObject({ action: 'publish_snapshot', purpose: motivo, sha256: forced.published?.manifestSha256 });
  });

  it('forced without a table: the table is published empty, with its columns', async () => {
    const data = await dataDir();
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV });
    const result = await run({ fromDir: from, dataDir: data, force: true, motivo: 'Educação não enviou matrículas este mês' });
    expect(result.published?.manifest.tables.find((t) => t.table === 'matricula')).toMatchObject({ rows: 0, file: 'matricula.parquet' });
    expect(result.published?.manifest.tables.find((t) => t.table === 'matricula')?.source).toBeUndefined();
    expect((await discoverSnapshots(data)).at(-1)?.tables.map((t) => t.name)).toEqual(['matricula', 'pessoa']);
  });

  it('a date already published is refused before anything is read, and stays byte for byte', async () => {
    const data = await dataDir();
    const before = await listing(data);
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': MATRICULA_CSV });
    expect((await rejection(run({ fromDir: from, dataDir: data, date: PREVIOUS }))).message).toMatch(/O snapshot 2026-09-30 já está publicado .* nunca é modificado/);
    expect((await rejection(run({ fromDir: from, dataDir: data, date: PREVIOUS, force: true, motivo: 'tentando sobrescrever o mês' }))).message).toMatch(/já está publicado/);
    expect(await listing(data)).toEqual(before);
    expect((await rejection(run({ fromDir: from, dataDir: data, date: '2026-02-30' }))).message).toMatch(/Data inválida: 2026-02-30/);
  });

  it('a staging folder left by a killed import is not a snapshot, and the next import removes it', async () => {
    const data = await dataDir();
    // A pid that cannot be running: past the kernel's pid_max.
    const stale = path.join(data, 'snapshots', '.staging-2026-10-31-999999999');
    await mkdir(stale);
    await writeFile(path.join(stale, 'pessoa.parquet'), 'metade de um arquivo');
    expect((await discoverSnapshots(data)).map((s) => s.date)).toEqual([PREVIOUS]);
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': MATRICULA_CSV });
    await run({ fromDir: from, dataDir: data });
    expect((await readdir(path.join(data, 'snapshots'))).sort()).toEqual([PREVIOUS, DATE]);
  });

  it('validate only writes nothing under the data dir', async () => {
    const data = await dataDir();
    const before = await listing(data);
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': MATRICULA_CSV });
    const result = await run({ fromDir: from, dataDir: data, validateOnly: true });
    expect(result.notPublished).toBe('validacao');
    expect(await listing(data)).toEqual(before);
  });

  it('a full disk is said in Portuguese; other errors pass as they are', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(String(describeWriteFailure(enospc, '/dados/snapshots/.staging-x'))).toMatch(/Disco cheio ao gravar o snapshot em \/dados\/snapshots\/\.staging-x\. Nada foi publicado/);
    const duckdb = new Error('IO Error: Could not write file "x": No space left on device');
    expect(String(describeWriteFailure(duckdb, 'x'))).toMatch(/Disco cheio/);
    const other = new Error('EACCES: permission denied');
    expect(describeWriteFailure(other, 'x')).toBe(other);
  });

  it('role consulta may validate but not publish', async () => {
    const data = await dataDir();
    await writeFile(path.join(data, 'mirante.yaml'), 'papel_padrao: consulta\n');
    const from = await exportDir({ 'pessoa.csv': PESSOA_CSV, 'matricula.csv': MATRICULA_CSV });
    expect((await rejection(run({ fromDir: from, dataDir: data }))).message).toMatch(/não permite publicar snapshots/);
    expect((await run({ fromDir: from, dataDir: data, validateOnly: true })).report.findings).toEqual([]);
  });
});
