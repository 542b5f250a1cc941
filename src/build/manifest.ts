/** The `plugin-manifest.json` the console 4.22 loader accepts: exactly these fields (ARCHITECTURE.md §4). */
import { isDNS1123Subdomain } from '../lib/k8s-names';

export interface PluginMetadata {
  name: string;
  version: string;
  displayName?: string;
  description?: string;
  exposedModules: Record<string, string>;
  dependencies: Record<string, string>;
}

export interface PluginManifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  customProperties: { console: { displayName?: string; description?: string } };
  extensions: unknown[];
  registrationMethod: 'callback';
  baseURL: string;
  loadScripts: string[];
  buildHash: string;
}

export const MANIFEST_FIELDS: readonly (keyof PluginManifest)[] = [
  'name',
  'version',
  'dependencies',
  'customProperties',
  'extensions',
  'registrationMethod',
  'baseURL',
  'loadScripts',
  'buildHash',
];

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;

export const metadataProblems = (meta: PluginMetadata): string[] => {
  const problems: string[] = [];
  if (!isDNS1123Subdomain(meta.name)) {
    problems.push(
      `consolePlugin.name "${meta.name}" must be a DNS subdomain (the ConsolePlugin name).`,
    );
  }
  if (!SEMVER.test(meta.version)) {
    problems.push(
      `consolePlugin.version "${meta.version}" must be a valid semver version like 1.2.3.`,
    );
  }
  if (Object.keys(meta.exposedModules).length === 0) {
    problems.push('consolePlugin.exposedModules is empty; expose at least one module.');
  }
  return problems;
};

export const buildManifest = (
  meta: PluginMetadata,
  extensions: unknown[],
  entryFile: string,
  buildHash: string,
): PluginManifest => ({
  name: meta.name,
  version: meta.version,
  dependencies: meta.dependencies,
  customProperties: {
    console: {
      ...(meta.displayName ? { displayName: meta.displayName } : {}),
      ...(meta.description ? { description: meta.description } : {}),
    },
  },
  extensions,
  registrationMethod: 'callback',
  baseURL: `/api/plugins/${meta.name}/`,
  loadScripts: [entryFile],
  buildHash,
});
