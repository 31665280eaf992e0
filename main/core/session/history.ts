import path from 'node:path';
import type { HistoryEntry } from '../api/index.ts';
import { ensurePrivateDir, openPrivate } from '../files/private-files.ts';
import { omitErrorText, omitIdentifiers } from '../privacy/audit-redact.ts';
import { readTextIfExists } from './json-file.ts';

const DEFAULT_LIMIT = 200;

/**
 * Every run, newest last, one JSON object per line: appending never rewrites what was there.
 * The file is private (0600 in a 0700 folder) and holds no CPF, NIS, CNS or CNPJ in any
 * spelling, nor the data values DuckDB quotes in its errors: `[cpf omitido]` stands in their
 * place, so reopening a query from the history shows where a value was.
 */
export class QueryHistory {
  private entries: HistoryEntry[] | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inDir(stateDir: string): QueryHistory {
    return new QueryHistory(path.join(stateDir, 'historico.jsonl'));
  }

  async record(entry: HistoryEntry): Promise<void> {
    const redacted: HistoryEntry = {
      ...entry,
      sql: omitIdentifiers(entry.sql),
      ...(entry.error !== undefined ? { error: omitIdentifiers(omitErrorText(entry.error)) } : {}),
    };
    (await this.load()).push(redacted);
    this.writing = this.writing.then(async () => {
      await ensurePrivateDir(path.dirname(this.file));
      const handle = await openPrivate(this.file, 'a');
      try {
        await handle.write(`${JSON.stringify(redacted)}\n`);
      } finally {
        await handle.close();
      }
    });
    await this.writing;
  }

  /** Newest first; `search` matches the SQL text or the error, ignoring case and accents. */
  async list(search?: string, limit = DEFAULT_LIMIT): Promise<HistoryEntry[]> {
    const needle = search ? fold(search) : '';
    const found: HistoryEntry[] = [];
    const entries = await this.load();
    for (let i = entries.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = entries[i] as HistoryEntry;
      if (!needle || fold(entry.sql).includes(needle) || fold(entry.error ?? '').includes(needle)) found.push(entry);
    }
    return found;
  }

  private async load(): Promise<HistoryEntry[]> {
    if (this.entries) return this.entries;
    const text = (await readTextIfExists(this.file)) ?? '';
    const entries: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as HistoryEntry);
      } catch {
        // A line cut by a crash: the rest of the history is still good.
      }
    }
    this.entries ??= entries;
    return this.entries;
  }
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
