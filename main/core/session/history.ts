import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { HistoryEntry } from '../api.ts';
import { readTextIfExists } from './json-file.ts';

const DEFAULT_LIMIT = 200;

/** Every run, newest last, one JSON object per line: appending never rewrites what was there. */
export class QueryHistory {
  private entries: HistoryEntry[] | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inDir(stateDir: string): QueryHistory {
    return new QueryHistory(path.join(stateDir, 'historico.jsonl'));
  }

  async record(entry: HistoryEntry): Promise<void> {
    (await this.load()).push(entry);
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
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
