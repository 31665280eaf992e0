// The Electron shell: one hardened window over the same core the web mode serves.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, net, protocol } from 'electron';
import { SaveTargets } from '../core/export/save-targets.ts';
import { Workbench } from '../core/workbench.ts';
import { registerIpc, registerSaveDialog } from './ipc.ts';
import { LEAVE_UNSAVED, confirmLeavingUnsaved } from './leave-unsaved.ts';
import { reportStartupFailure } from './startup-failure.ts';
import { registerTextFiles } from './text-files.ts';
import { menuTemplate } from './menu.ts';
import { APP_HOST, APP_ORIGIN_URL, APP_SCHEME, hardenWindow, windowOptions } from './window-options.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '..', 'renderer');
const dataDir = process.env.MIRANTE_DATA ?? path.join(here, '..', '..', 'sample-data');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = path.resolve(rendererRoot, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== APP_HOST || !file.startsWith(rendererRoot + path.sep)) return new Response('', { status: 403 });
    return net.fetch(`file://${file}`);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  serveRenderer();
  // Only this shell grants save targets (after its native dialog); the Workbench's exports take them.
  const saveTargets = new SaveTargets();
  // preparePanels: the saved panels are ready before staff open them (core/queries/panel-preparation.ts).
  const workbench = await Workbench.open({ dataDir, stateDir: app.getPath('userData'), saveTargets, preparePanels: true });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin')));
  const window = new BrowserWindow(windowOptions(path.join(here, '..', 'preload', 'index.cjs')));
  hardenWindow(window.webContents, window.webContents.session);
  confirmLeavingUnsaved(
    window.webContents,
    () => dialog.showMessageBoxSync(window, { type: 'question', defaultId: 1, cancelId: 1, noLink: true, ...LEAVE_UNSAVED }) === 0,
  );
  const stopEvents = registerIpc(ipcMain, workbench, () => (window.isDestroyed() ? null : window.webContents));
  registerSaveDialog(ipcMain, saveTargets, async (suggestedName) => {
    const choice = await dialog.showSaveDialog(window, { title: 'Exportar', defaultPath: path.join(app.getPath('documents'), suggestedName) });
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  });
  registerTextFiles(ipcMain, {
    chooseOpen: async () => {
      const choice = await dialog.showOpenDialog(window, {
        title: 'Abrir consulta',
        properties: ['openFile'],
        filters: [{ name: 'SQL', extensions: ['sql', 'md', 'txt'] }],
      });
      return choice.canceled ? null : (choice.filePaths[0] ?? null);
    },
    chooseSave: async (suggestedName) => {
      const choice = await dialog.showSaveDialog(window, {
        title: 'Salvar consulta',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'SQL', extensions: ['sql'] }],
      });
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN_URL}index.html`);
  app.on('window-all-closed', () => {
    stopEvents();
    void workbench.close().finally(() => app.quit());
  });
}

start().catch((error: unknown) => reportStartupFailure({ showErrorBox: (title, content) => dialog.showErrorBox(title, content), exit: (code) => app.exit(code) }, error, dataDir));
