import { defineConfig } from 'vite';
import { consolePlugin } from './src/build/console-plugin.ts';

// Builds the console-loadable plugin into dist/ (see src/build/console-plugin.ts).
export default defineConfig({
  plugins: [consolePlugin()],
});
