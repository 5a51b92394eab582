import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));
const apiTarget = process.env['BEACON_API_URL'] ?? 'http://127.0.0.1:8080';

/** Vite config of the web UI: built into dist/web, served by the Beacon server. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: { outDir, emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
});
