// Flat ESLint config: strict type-checked TypeScript, React hooks, the import boundaries of
// ARCHITECTURE.md §3, and no literal UI strings in the plugin (everything goes through i18n).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';

const boundary = (target, from, message) => ({ target, from, message });
const OTHER_FEATURES = {
  regex: '^(\\.\\./)+features/',
  message: 'Features do not import each other; move shared code to src/plugin/components or k8s.',
};
const TESTING_HELPERS = {
  regex: '(^|/)testing/(console-sdk|render|setup)',
  message: 'Only tests use the component-test helpers in src/plugin/testing.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-host/**',
      'node_modules/**',
      '.sandbox/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      '**/*.d.ts',
      '**/dist/**',
      'dist-server/**',
      '.cache/**',
      '.staging/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            boundary(
              './src/plugin',
              './src/host',
              'The plugin never imports the host (ARCHITECTURE.md §3).',
            ),
            boundary('./src/plugin', './src/server', 'The plugin never imports the backend.'),
            boundary('./src/plugin', './src/sandbox', 'The plugin never imports the sandbox.'),
            boundary('./src/plugin', './src/build', 'The plugin never imports the build.'),
            boundary('./src/lib', './src/plugin', 'src/lib imports nothing of ours.'),
            boundary('./src/lib', './src/host', 'src/lib imports nothing of ours.'),
            boundary('./src/lib', './src/server', 'src/lib imports nothing of ours.'),
            boundary('./src/lib', './src/sandbox', 'src/lib imports nothing of ours.'),
            boundary('./src/lib', './src/build', 'src/lib imports nothing of ours.'),
            boundary(
              './src/host',
              './src/plugin',
              'The host loads the plugin only through its manifest.',
            ),
            boundary(
              './src/host',
              './src/server',
              'The host runs in the browser; it talks to the backend over HTTP.',
            ),
            boundary('./src/host', './src/sandbox', 'The host reaches the cluster over HTTP only.'),
            boundary('./src/server', './src/plugin', 'The backend does not import plugin code.'),
            boundary(
              './src/server',
              './src/host',
              'The backend serves the built host; it does not import it.',
            ),
            {
              target: './src/server',
              from: './src/sandbox',
              except: ['./index.ts'],
              message:
                'The backend talks to the sandbox only over the Kubernetes HTTP API (it may start it).',
            },
            boundary(
              './src/sandbox',
              './src/plugin',
              'The sandbox is a cluster; it knows nothing of the plugin.',
            ),
            boundary(
              './src/sandbox',
              './src/host',
              'The sandbox is a cluster; it knows nothing of the host.',
            ),
            boundary(
              './src/sandbox',
              './src/server',
              'The sandbox is a cluster; it knows nothing of the backend.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Only tests use the component-test helpers (the SDK stand-in must never reach the bundle).
    files: ['src/plugin/**/*.{ts,tsx}'],
    ignores: ['src/plugin/**/*.test.{ts,tsx}', 'src/plugin/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [TESTING_HELPERS] }],
    },
  },
  {
    // Features do not import each other (their tests neither); only tests use the component-test helpers.
    files: ['src/plugin/features/*/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TESTING_HELPERS, OTHER_FEATURES] }] },
  },
  {
    files: ['src/plugin/features/*/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OTHER_FEATURES] }] },
  },

  {
    files: ['src/plugin/**/*.{ts,tsx}'],
    ignores: ['src/plugin/**/*.test.{ts,tsx}'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['aria-label', 'title', 'placeholder', 'alt', 'label', 'helperText'],
          },
        },
      ],
    },
  },
  {
    // Command-line scripts and benchmarks report on the console.
    files: ['scripts/**', 'bench/**', 'src/sandbox/main.ts', 'src/server/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
