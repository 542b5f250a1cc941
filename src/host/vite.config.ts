// Builds the standalone console host (src/host) into dist-host/ (`npm run build:host`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const hostRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist-host', import.meta.url));

const PF_COMPONENT_CSS_STUB = '\0vm-disks-host-pf-component-css';

/**
 * The console loads one PatternFly stylesheet and no component CSS from the React packages; the host does the same
 * (main.tsx imports @patternfly/patternfly's patternfly.css). Without this, the component CSS that
 * @patternfly/react-core imports from @patternfly/react-styles (a newer minor than the stylesheet) overrides the
 * stylesheet's rules with tokens the stylesheet does not define: a selected ToggleGroup button, for one, lost its
 * background and border while the unselected one kept its border, so the unselected side looked selected.
 */
const singlePatternFlyStylesheet = (): Plugin => ({
  name: 'vm-disks-host-single-patternfly-stylesheet',
  enforce: 'pre',
  resolveId(source, importer) {
    const fromReactPackage = importer?.includes('/node_modules/@patternfly/react-') ?? false;
    if (
      source.endsWith('.css') &&
      (source.startsWith('@patternfly/react-styles/') || fromReactPackage)
    )
      return PF_COMPONENT_CSS_STUB;
    return null;
  },
  load(id) {
    return id === PF_COMPONENT_CSS_STUB ? 'export default undefined;' : null;
  },
});

export default defineConfig({
  root: hostRoot,
  plugins: [singlePatternFlyStylesheet()],
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
