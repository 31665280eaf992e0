import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import rendererConfig from './vite.renderer.config.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

// The desktop build: main process and preload from main/electron, the renderer exactly as
// the web mode builds it (vite.renderer.config.ts).
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: path.join(root, 'out/main'),
      rollupOptions: { input: { index: path.join(root, 'main/electron/main.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: path.join(root, 'out/preload'),
      // Sandboxed preloads run as classic scripts: CommonJS, one file.
      rollupOptions: {
        input: { index: path.join(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
