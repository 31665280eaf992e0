// Closing the desktop window while a new notebook is unsaved: the page's beforeunload stops the
// unload, and Electron asks the user instead of keeping the window open without a word.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { confirmLeavingUnsaved, type UnloadContents } from '../../main/electron/leave-unsaved.ts';

function unloadPrevented(ask: () => boolean): { left: boolean; asked: number } {
  const contents = new EventEmitter();
  let asked = 0;
  confirmLeavingUnsaved(contents as unknown as UnloadContents, () => {
    asked += 1;
    return ask();
  });
  let left = false;
  contents.emit('will-prevent-unload', { preventDefault: () => (left = true) });
  return { left, asked };
}

describe('closing the window with a new notebook unsaved', () => {
  it('leaves when the user says so, and stays otherwise', () => {
    expect(unloadPrevented(() => true)).toEqual({ left: true, asked: 1 });
    expect(unloadPrevented(() => false)).toEqual({ left: false, asked: 1 });
  });

  it('is wired to the window the shell opens', async () => {
    const main = await readFile(new URL('../../main/electron/main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/confirmLeavingUnsaved\(\s*window\.webContents/);
  });
});
