/** IPC channel names, shared by the main process and the preload (which may import nothing else). */
export const INVOKE_CHANNEL = 'mirante:invoke';
export const EVENT_CHANNEL = 'mirante:event';
export const SAVE_DIALOG_CHANNEL = 'mirante:save-dialog';
export const OPEN_TEXT_CHANNEL = 'mirante:open-text-file';
export const SAVE_TEXT_CHANNEL = 'mirante:save-text-file';
