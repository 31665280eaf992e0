// A page holding a new notebook not saved yet asks before it goes (`beforeunload`,
// renderer/src/documents/use-document.ts). A browser then asks the user; Electron would keep
// the window open without a word. Here the user is asked, and leaving goes ahead on yes.
export interface UnloadContents {
  on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown;
}

export const LEAVE_UNSAVED = {
  title: 'Notebook não salvo',
  message: 'Há um notebook novo que ainda não foi salvo. Fechar mesmo assim?',
  detail: 'Use "Salvar como…" para guardá-lo na pasta de consultas.',
  buttons: ['Fechar sem salvar', 'Continuar editando'],
};

/** `ask` returns true when the user chose to leave anyway. */
export function confirmLeavingUnsaved(contents: UnloadContents, ask: () => boolean): void {
  contents.on('will-prevent-unload', (event) => {
    if (ask()) event.preventDefault();
  });
}
