import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths from this file's folder, so the build works from any working directory.
const webRoot = import.meta.dirname;
const outDir = `${webRoot}/../../dist/web`;
const apiTarget = process.env['BEACON_API_URL'] ?? 'http://127.0.0.1:8080';

/** Vite config of the web UI: built into dist/web, served by the Beacon server. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries apart from our code: no chunk passes the 500 kB warning limit, and a release
        // that changes only Beacon's code leaves the browser's cached libraries valid.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
