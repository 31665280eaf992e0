// The Electron shell's security, checked without the Electron binary: the window options,
// the hardening handlers (driven through a recorder of the few methods they use), the CSP,
// the sender check of the IPC adapter (over a real Workbench), and the preload's surface.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { Workbench } from '../../main/core/workbench.ts';
import { registerIpc, registerSaveDialog } from '../../main/electron/ipc.ts';
import { SaveTargets } from '../../main/core/export/save-targets.ts';
import { registerTextFiles } from '../../main/electron/text-files.ts';
import { OPEN_TEXT_CHANNEL, SAVE_TEXT_CHANNEL } from '../../main/electron/channels.ts';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { hardenWindow, isTrustedUrl, windowOptions } from '../../main/electron/window-options.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/core/api/renderer-policy.ts';
import { projectRoot } from '../support/run-cli.ts';
import { rejection } from '../support/rejection.ts';

type Handler = (...args: never[]) => unknown;

function recorder() {
  const on = new Map<string, Handler>();
  const calls: Record<string, Handler> = {};
  const contents = {
    setWindowOpenHandler: (handler: Handler) => void (calls.windowOpen = handler),
    on: (name: string, handler: Handler) => {
      on.set(name, handler);
      return contents;
    },
  };
  const session = {
    setPermissionRequestHandler: (handler: Handler) => void (calls.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => void (calls.permissionCheck = handler),
    webRequest: { onHeadersReceived: (handler: Handler) => void (calls.headers = handler) },
  };
  return { contents, session, on, calls };
}

function navigationEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('Electron window options', () => {
  const options = windowOptions('/app/preload.cjs');

  it('isolate the page from Node and the preload', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('trust only the app scheme and host, never file:, http: or another app host', () => {
    expect(isTrustedUrl('app://mirante/index.html')).toBe(true);
    for (const url of ['file:///etc/passwd', 'http://127.0.0.1:4817/', 'app://outro/index.html', 'null', '', undefined, 'javascript:alert(1)']) {
      expect(isTrustedUrl(url), String(url)).toBe(false);
    }
  });
});

describe('Electron hardening', () => {
  const { contents, session, on, calls } = recorder();
  hardenWindow(contents as never, session as never);

  it('denies every new window', () => {
    expect((calls.windowOpen as Handler)()).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent();
      (on.get(name) as (e: unknown, url: string) => void)(away, 'https://evil.example/');
      expect(away.prevented, name).toBe(true);
      const inside = navigationEvent();
      (on.get(name) as (e: unknown, url: string) => void)(inside, 'app://mirante/index.html');
      expect(inside.prevented, name).toBe(false);
    }
    const webview = navigationEvent();
    (on.get('will-attach-webview') as (e: unknown) => void)(webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    (calls.permissionRequest as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect((calls.permissionCheck as Handler)()).toBe(false);
  });

  it('serves every response with the strict CSP', () => {
    let headers: Record<string, string[]> = {};
    (calls.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('has a CSP that loads nothing from elsewhere and runs no inline or eval’d script', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-eval|\*/);
  });
});

describe('Electron IPC adapter', () => {
  let workbench: Workbench;
  let handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
  let stop: () => void;

  beforeAll(async () => {
    workbench = await Workbench.open({ dataDir: inject('sampleRegistryDir') });
    stop = registerIpc({ handle: (_channel, listener) => void (handler = listener) }, workbench, () => null);
  });

  afterAll(async () => {
    stop?.();
    await workbench?.close();
  });

  const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

  it('answers the app’s own page through the contract', async () => {
    const answer = (await handler(from('app://mirante/index.html'), 'info', {})) as { ok: boolean; result: { snapshots: unknown[] } };
    expect(answer.ok).toBe(true);
    expect(answer.result.snapshots.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a request of the wrong shape before the core sees it, naming the field', async () => {
    const answer = await handler(from('app://mirante/index.html'), 'autosaveDocument', { path: 'x.md', text: 5 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'parameter', message: expect.stringContaining('«text» deve ser texto') } });
  });

  it('refuses any other sender, and any name outside the method table', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://outro/']) {
      expect(await handler(from(url), 'info', {}), url).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
    for (const method of ['constructor', 'close', 'engine', '__proto__', 42]) {
      expect(await handler(from('app://mirante/index.html'), method, {}), String(method)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});

describe('Electron save dialog', () => {
  it('opens only for the app’s page, passes a plain file name as the suggestion, and gives the page a single-use handle, never the path', async () => {
    let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | undefined;
    const asked: string[] = [];
    const saveTargets = new SaveTargets();
    registerSaveDialog({ handle: (_channel, listener) => void (handler = listener) }, saveTargets, async (name: string) => {
      asked.push(name);
      return name === 'cancelado.xlsx' ? null : `/home/analista/${name}`;
    });
    const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
    expect(await handler?.(from('https://evil.example/'), 'x.xlsx')).toBeNull();
    expect(asked).toEqual([]);
    const handle = await handler?.(from('app://mirante/index.html'), '../../etc/divida.xlsx');
    expect(asked).toEqual(['.._.._etc_divida.xlsx']);
    expect(typeof handle).toBe('string');
    expect(handle).not.toContain('/');
    expect(handle).not.toContain('divida');
    expect(saveTargets.take(handle)).toBe('/home/analista/.._.._etc_divida.xlsx');
    expect(() => saveTargets.take(handle)).toThrow(expect.objectContaining({ detail: expect.objectContaining({ code: 'not_allowed' }) }));
    expect(await handler?.(from('app://mirante/index.html'), 'cancelado.xlsx')).toBeNull();
  });
});

describe('Electron .sql files', () => {
  it('read and write only what the user chose in the native dialog, for the app’s page only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mirante-electron-files-'));
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    const chosen = { open: path.join(dir, 'consulta.sql'), save: path.join(dir, 'salva.sql') };
    await writeFile(chosen.open, 'select 1 -- ação');
    registerTextFiles({ handle: (channel, listener) => void handlers.set(channel, listener) }, {
      chooseOpen: async () => chosen.open,
      chooseSave: async () => chosen.save,
    });
    const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
    const open = handlers.get(OPEN_TEXT_CHANNEL) as (e: IpcMainInvokeEvent) => Promise<unknown>;
    const save = handlers.get(SAVE_TEXT_CHANNEL) as (e: IpcMainInvokeEvent, ...a: unknown[]) => Promise<unknown>;
    expect(await open(from('https://evil.example/'))).toBeNull();
    expect(await open(from('app://mirante/index.html'))).toEqual({ name: 'consulta.sql', text: 'select 1 -- ação' });
    expect(await save(from('https://evil.example/'), 'x.sql', 'drop')).toBe(false);
    // A link planted where the old code wrote its partial file (`<name>.partial`) is never followed.
    const victim = path.join(dir, 'vitima.txt');
    await writeFile(victim, 'intocado');
    await symlink(victim, `${chosen.save}.partial`);
    expect(await save(from('app://mirante/index.html'), 'x.sql', 'select 2')).toBe(true);
    expect(await readFile(chosen.save, 'utf8')).toBe('select 2');
    expect(await readFile(victim, 'utf8')).toBe('intocado');
    chosen.open = path.join(dir, 'segredo.key');
    await writeFile(chosen.open, 'x');
    expect((await rejection(open(from('app://mirante/index.html')))).message).toMatch(/\.sql/);
  });
});

describe('Electron preload', () => {
  it('exposes one bridge (invoke, onEvent, saveDialog) and imports nothing but electron', async () => {
    const source = await readFile(path.join(projectRoot, 'main/electron/preload.ts'), 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\('miranteBridge'/);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['./channels.ts', 'electron']);
    const channels = await readFile(path.join(projectRoot, 'main/electron/channels.ts'), 'utf8');
    expect(channels).not.toMatch(/^import /m);
    expect(source).not.toMatch(/ipcRenderer\.send\(|require\(|process\./);
  });
});
