// Builds the standalone console host (src/host) into dist-host/ (`npm run build:host`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const hostRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist-host', import.meta.url));

export default defineConfig({
  root: hostRoot,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      onLog(level, log, defaultHandler) {
        // react-router marks its modules "use client"; irrelevant for a client-only bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(level, log);
      },
    },
  },
  worker: { format: 'es' },
});
