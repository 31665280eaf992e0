// The queries folder (curated notebooks and panels) and the drafts of unsaved edits.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkbenchError, type DocumentSummary, type OpenedDocument } from '../api/index.ts';
import { parseDocument } from '../documents/index.ts';
import { readTextIfExists, writeSharedFile, writeStateFile } from './json-file.ts';

const DOCUMENT_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_. -]*\.(md|sql)$/u;

function frontMatterText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export class DocumentStore {
  constructor(
    private readonly queriesDir: string,
    private readonly draftsDir: string,
  ) {}

  /** A document path inside the queries folder, or a clear refusal: no climbing out, .md and .sql only. */
  resolve(relativePath: string): string {
    const normalized = path.posix.normalize(String(relativePath).replaceAll('\\', '/'));
    const parts = normalized.split('/');
    if (normalized.startsWith('/') || parts.some((p) => p === '..' || p === '') || !DOCUMENT_NAME.test(parts.at(-1) ?? '')) {
      throw new WorkbenchError({ code: 'not_allowed', message: `Caminho de documento inválido: ${relativePath}` });
    }
    return path.join(this.queriesDir, ...parts);
  }

  async list(): Promise<DocumentSummary[]> {
    const entries = await fs.readdir(this.queriesDir, { withFileTypes: true }).catch(() => []);
    const summaries: DocumentSummary[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !DOCUMENT_NAME.test(entry.name)) continue;
      const text = await fs.readFile(path.join(this.queriesDir, entry.name), 'utf8');
      const doc = parseDocument(text, entry.name, { tolerant: true });
      const data = doc.frontMatter?.data ?? {};
      summaries.push({
        path: entry.name,
        title: doc.title,
        owner: frontMatterText(data.owner),
        purpose: frontMatterText(data.purpose),
        kind: doc.kind,
        problems: doc.problems.map((p) => ({ line: p.line, message: p.message })),
      });
    }
    return summaries.sort((a, b) => a.title.localeCompare(b.title, 'pt-BR'));
  }

  async open(relativePath: string): Promise<OpenedDocument> {
    const text = await readTextIfExists(this.resolve(relativePath));
    if (text === null) throw new WorkbenchError({ code: 'not_found', message: `Documento não encontrado: ${relativePath}` });
    const draft = await this.readDraft(relativePath);
    return { path: relativePath, text, draft: draft && draft.text !== text ? draft : null };
  }

  /**
   * Writes the document atomically; `record` (the audit entry) runs before it appears under its
   * name. With `replace: false` an existing file is refused ('exists'), whoever wrote it first.
   */
  async save(relativePath: string, text: string, options: { replace?: boolean; record?: () => Promise<void> } = {}): Promise<void> {
    const file = this.resolve(relativePath);
    const exists = () => new WorkbenchError({ code: 'exists', message: `Já existe um documento chamado ${relativePath} na pasta de consultas. Confirme para substituí-lo, ou escolha outro título.` });
    if (options.replace === false && (await readTextIfExists(file)) !== null) throw exists();
    try {
      await writeSharedFile(file, String(text), { ...(options.replace === false ? { replace: false } : {}), ...(options.record ? { beforeCommit: options.record } : {}) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw error;
    }
    await this.discardDraft(relativePath);
  }

  async autosave(relativePath: string, text: string): Promise<void> {
    this.resolve(relativePath);
    const draft = { path: relativePath, text: String(text), savedAt: new Date().toISOString() };
    await writeStateFile(this.draftFile(relativePath), JSON.stringify(draft));
  }

  async discardDraft(relativePath: string): Promise<boolean> {
    const file = this.draftFile(relativePath);
    const existed = (await readTextIfExists(file)) !== null;
    await fs.rm(file, { force: true });
    return existed;
  }

  private async readDraft(relativePath: string): Promise<{ text: string; savedAt: string } | null> {
    const raw = await readTextIfExists(this.draftFile(relativePath));
    if (raw === null) return null;
    try {
      const draft = JSON.parse(raw) as { text: string; savedAt: string };
      return { text: draft.text, savedAt: draft.savedAt };
    } catch {
      return null;
    }
  }

  private draftFile(relativePath: string): string {
    const key = createHash('sha256').update(relativePath).digest('hex').slice(0, 24);
    return path.join(this.draftsDir, `${key}.json`);
  }
}
