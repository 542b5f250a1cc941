// `npm run build:server`: the backend (src/server + src/lib) compiled into dist-server/ for the container
// image, run with plain `node dist-server/main.js`. Dependencies stay external (installed by `npm ci
// --omit=dev` in the image); the embedded sandbox and the standalone build step are not part of it (they load
// lazily and only in standalone mode, which the image does not use).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'src/server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      // The embedded sandbox stays out of the image (standalone only; sandbox-launcher.ts checks that it exists).
      external: (id) => /[\\/]src[\\/]sandbox[\\/]/.test(id),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
