/** IPC channel names, shared by the main process and the preload (which may import nothing else). */
export const INVOKE_CHANNEL = 'mirante:invoke';
export const EVENT_CHANNEL = 'mirante:event';
export const SAVE_DIALOG_CHANNEL = 'mirante:save-dialog';
