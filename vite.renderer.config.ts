import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

// The renderer runs offline from Electron's app protocol and from the local web server:
// relative asset paths, Monaco and its worker bundled here, nothing from a CDN.
export default defineConfig({
  root: path.join(projectRoot, 'renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    // Monaco's package exports map every subpath to a .js file; its stylesheets need the plain path.
    alias: [{ find: /^monaco-editor-esm\/(.*\.css)$/, replacement: path.join(projectRoot, 'node_modules/monaco-editor/esm/vs/$1') }],
  },
  worker: { format: 'es' },
  build: {
    outDir: path.join(projectRoot, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
    reportCompressedSize: false,
  },
});
