/**
 * Modules the console supplies as singletons (console-runtime.md §2). The plugin never bundles
 * them: each import resolves to a virtual CommonJS module that reads the instance the entry
 * script took from the console's share scope during `init`.
 */

/** Share-scope keys the console 4.22 provides, and the key an import of each name reads. */
export const SHARED_MODULES: Readonly<Record<string, string>> = {
  react: 'react',
  'react-i18next': 'react-i18next',
  'react-router': 'react-router',
  'react-router-dom': 'react-router',
  'react-router-dom-v5-compat': 'react-router',
  'react-redux': 'react-redux',
  redux: 'redux',
  'redux-thunk': 'redux-thunk',
  '@openshift-console/dynamic-plugin-sdk': '@openshift-console/dynamic-plugin-sdk',
  '@openshift-console/dynamic-plugin-sdk-internal':
    '@openshift-console/dynamic-plugin-sdk-internal',
};

/** Sub-paths of shared packages that are bundled (they are not share keys, and re-enter `react`). */
const BUNDLED_SUBPATHS = new Set(['react/jsx-runtime', 'react/jsx-dev-runtime']);

export const VIRTUAL_PREFIX = '\0console-shared:';

/** The global the entry script fills; one per plugin so two plugins never see each other's copy. */
export const registryGlobal = (pluginName: string): string => `__${pluginName}_shared_modules__`;

export type SharedResolution =
  { kind: 'shared'; key: string } | { kind: 'bundled' } | { kind: 'forbidden'; reason: string };

/** Decides what an import specifier of a shared package becomes. */
export const classifyImport = (specifier: string): SharedResolution => {
  const key = SHARED_MODULES[specifier];
  if (key) return { kind: 'shared', key };
  if (BUNDLED_SUBPATHS.has(specifier)) return { kind: 'bundled' };
  const owner = Object.keys(SHARED_MODULES).find((name) => specifier.startsWith(`${name}/`));
  if (owner) {
    return {
      kind: 'forbidden',
      reason:
        `"${specifier}" is a deep import of the console-provided module "${owner}". The console shares ` +
        `only the package root; import from "${owner}" instead.`,
    };
  }
  return { kind: 'bundled' };
};

/** Code of the virtual module standing in for a shared key. */
export const sharedModuleCode = (pluginName: string, key: string): string =>
  [
    `var registry = globalThis[${JSON.stringify(registryGlobal(pluginName))}];`,
    `if (!registry || !(${JSON.stringify(key)} in registry)) {`,
    `  throw new Error(${JSON.stringify(`Shared module "${key}" was used before the console provided it`)});`,
    `}`,
    `module.exports = registry[${JSON.stringify(key)}];`,
  ].join('\n');
