// Opening and saving .sql files through the native dialogs. The page never names a path: main
// asks the user, reads or writes the chosen file itself (size-capped, written atomically).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { writeAtomically } from '../core/files/atomic-file.ts';
import { OPEN_TEXT_CHANNEL, SAVE_TEXT_CHANNEL } from './channels.ts';
import { isTrustedUrl } from './window-options.ts';

const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const TEXT_EXTENSIONS = new Set(['.sql', '.md', '.txt']);

interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface FileDialogs {
  /** The path the user chose to open, or null. */
  chooseOpen(): Promise<string | null>;
  /** The path the user chose to save to (the suggestion is a plain file name), or null. */
  chooseSave(suggestedName: string): Promise<string | null>;
}

export function registerTextFiles(ipcMain: IpcMainLike, dialogs: FileDialogs): void {
  ipcMain.handle(OPEN_TEXT_CHANNEL, async (event) => {
    if (!isTrustedUrl(event.senderFrame?.url)) return null;
    const file = await dialogs.chooseOpen();
    if (!file) return null;
    if (!TEXT_EXTENSIONS.has(path.extname(file).toLowerCase())) throw new Error('Abra um arquivo .sql, .md ou .txt.');
    if ((await fs.stat(file)).size > MAX_TEXT_BYTES) throw new Error('Arquivo grande demais para o editor.');
    return { name: path.basename(file), text: await fs.readFile(file, 'utf8') };
  });
  ipcMain.handle(SAVE_TEXT_CHANNEL, async (event, suggestedName, text) => {
    if (!isTrustedUrl(event.senderFrame?.url) || typeof text !== 'string') return false;
    const target = await dialogs.chooseSave(String(suggestedName ?? 'consulta.sql').replace(/[\\/\0]/g, '_').slice(0, 200));
    if (!target) return false;
    // A fresh exclusive partial file, fsynced and renamed: a planted `.partial` link is never followed.
    await writeAtomically(target, (file) => file.write(text));
    return true;
  });
}
